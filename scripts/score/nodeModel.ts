/**
 * A model package run by onnxruntime-node through the app's own code: loadPackage's checks,
 * preprocessImage, runImageGraph / runTextGraph, the app tokeniser. Text embeddings are cached
 * per text for the whole run: the same phrases and negatives recur across records.
 */
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import type { TextEmbedder } from '../../src/analysis/scoreRecord.ts'
import { runImageGraph, runTextGraph } from '../../src/model/inference.ts'
import { loadPackage } from '../../src/model/modelPackage.ts'
import type { ModelManifest } from '../../src/model/packageManifest.ts'
import { preprocessImage, type PixelImage } from '../../src/model/preprocess.ts'
import { encodeText, loadTokenizer } from '../../src/model/tokenizer.ts'

export interface RuntimeOptions {
  provider: string
  /** Intra-op threads; null = the CPUs this process may use. */
  threads: number | null
}

export interface NodeModel {
  manifest: ModelManifest
  /** preprocessImage of each picture, laid out [N, 3, S, S]. */
  preprocess(images: readonly PixelImage[]): Float32Array
  /** Dense maps [G², P] of preprocessed images, one graph run for the batch. */
  denseMaps(pixels: Float32Array): Promise<Float32Array[]>
  /** Embeds the texts not seen before in this run (short path); unembeddable texts are cached as null. */
  embedTexts(texts: Iterable<string>): Promise<void>
  /** Looks up a text embedded earlier; throws for a text never passed to embedTexts. */
  textEmbedding: TextEmbedder
  /** Texts run through the text graph so far (cache misses). */
  embeddedTexts(): number
  release(): Promise<void>
}

/** Texts per text-graph run; sorted by token count first, so a batch pads little. */
const TEXT_BATCH = 64
/**
 * Most embeddings kept (least recently used go first): ~200 MB at P = 512. A batch's texts are
 * always kept, since each batch touches far fewer texts than this.
 */
const TEXT_CACHE_LIMIT = 100_000

export async function loadNodeModel(dir: string, runtime: RuntimeOptions): Promise<NodeModel> {
  const pkg = await loadPackage((name) => readFile(join(dir, name)))
  const { manifest } = pkg
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: [runtime.provider],
    graphOptimizationLevel: 'all',
    // Not onnxruntime's default (the machine's physical cores): under a CPU quota (a Ray or Spark
    // task's share) the scheduler passes --threads to match it.
    intraOpNumThreads: runtime.threads ?? availableParallelism(),
  }
  const imageSession = await ort.InferenceSession.create(pkg.imageGraph, options)
  const textSession = await ort.InferenceSession.create(pkg.textGraph, options)
  const tokenizer = loadTokenizer(pkg.tokenizerJson)
  const cache = new Map<string, Float32Array | null>()
  let embedded = 0
  const size = manifest.imageSize

  function preprocess(images: readonly PixelImage[]): Float32Array {
    const pixels = new Float32Array(images.length * 3 * size * size)
    images.forEach((image, k) => pixels.set(preprocessImage(image, size, manifest), k * 3 * size * size))
    return pixels
  }

  async function denseMaps(pixels: Float32Array): Promise<Float32Array[]> {
    if (pixels.length === 0) return []
    return (await runImageGraph(ort.Tensor, imageSession, pixels, manifest)).map((f) => f.dense)
  }

  function tokens(text: string): Int32Array | null {
    try {
      return encodeText(tokenizer, text, { maxLength: manifest.maxLengthShort, bosTokenId: manifest.bosTokenId, eosTokenId: manifest.eosTokenId })
    } catch {
      return null
    }
  }

  async function embedTexts(texts: Iterable<string>): Promise<void> {
    const fresh: { text: string; ids: Int32Array }[] = []
    for (const text of new Set(texts)) {
      const cached = cache.get(text)
      if (cached !== undefined) {
        // Re-inserted: a Map iterates in insertion order, so the oldest entries are the least used.
        cache.delete(text)
        cache.set(text, cached)
        continue
      }
      const ids = tokens(text)
      if (ids === null) cache.set(text, null)
      else fresh.push({ text, ids })
    }
    fresh.sort((a, b) => a.ids.length - b.ids.length)
    for (let from = 0; from < fresh.length; from += TEXT_BATCH) {
      const batch = fresh.slice(from, from + TEXT_BATCH)
      const embeddings = await runTextGraph(ort.Tensor, textSession, batch.map((t) => t.ids), 'short', manifest)
      batch.forEach((t, k) => cache.set(t.text, embeddings[k]))
      embedded += batch.length
    }
    for (const text of cache.keys()) {
      if (cache.size <= TEXT_CACHE_LIMIT) break
      cache.delete(text)
    }
  }

  function textEmbedding(text: string): Float32Array | null {
    const embedding = cache.get(text)
    if (embedding === undefined) throw new Error(`text not embedded yet: ${JSON.stringify(text)}`)
    return embedding
  }

  async function release(): Promise<void> {
    await imageSession.release()
    await textSession.release()
  }

  return { manifest, preprocess, denseMaps, embedTexts, textEmbedding, embeddedTexts: () => embedded, release }
}
