/**
 * The page's runtime path in Node: a converted package loaded by `loadPackage`, run through
 * `runImageGraph` / `runTextGraph` (batched, each text only up to its end token) with the app's
 * tokeniser, and region features from `regionEmbeddings` — all against the PyTorch reference.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { beforeAll, describe, expect, it } from 'vitest'
import { regionEmbeddings } from './regionEmbeddings.ts'
import { memoryPackageWriter } from './convert/browserFiles.ts'
import { convertCheckpoint } from './convert/convertCheckpoint.ts'
import { nodeCheckpointReader } from './convert/nodeFiles.ts'
import { runImageGraph, runTextGraph } from './inference.ts'
import { loadPackage, type LoadedPackage, type PackageFileReader } from './modelPackage.ts'
import { cosine } from './scoring.ts'
import { encodeText, loadTokenizer } from './tokenizer.ts'

const checkpoint = join(import.meta.dirname, 'testdata/checkpoints/tiny-a')
const clipTokenizer = join(import.meta.dirname, '../../../shared/reference/clip-bpe/tokenizer.json')

interface Reference {
  grid: number
  projection_dim: number
  images: { pixel_values: number[]; image_embeds: number[]; dense_features: number[][] }[]
  regions: { image: number; boxes: number[][]; features: number[][] }
  texts: { text: string; source_ids: number[]; short: { ids: number[]; short_embeds: number[] }; long: { ids: number[]; long_embeds: number[] } }[]
}

let files: ReadonlyMap<string, Uint8Array<ArrayBuffer>>
let pkg: LoadedPackage
let image: ort.InferenceSession
let text: ort.InferenceSession
let reference: Reference

const reader = (source: ReadonlyMap<string, Uint8Array>): PackageFileReader => async (name) => {
  const bytes = source.get(name)
  if (!bytes) throw new Error('no such file')
  return bytes
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[]) {
  expect(actual.length).toBe(expected.length)
  const scale = Math.max(...expected.map(Math.abs))
  let worst = 0
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  expect(worst).toBeLessThanOrEqual(1e-4 * scale)
  // A box wholly outside the grid has an all-zero feature: no direction to compare.
  if (scale > 0) expect(cosine(Array.from(actual), expected)).toBeGreaterThanOrEqual(0.99999)
}

beforeAll(async () => {
  const tokenizerBytes = await readFile(clipTokenizer)
  const ckpt = nodeCheckpointReader(checkpoint)
  const withTokenizer = { open: async (name: string) => (name === 'tokenizer.json' ? { byteLength: tokenizerBytes.length, slice: (s: number, e?: number) => tokenizerBytes.buffer.slice(tokenizerBytes.byteOffset + s, tokenizerBytes.byteOffset + (e ?? tokenizerBytes.length)) } : ckpt.open(name)) }
  const output = memoryPackageWriter()
  await convertCheckpoint(withTokenizer, output.writer)
  await ckpt.close()
  files = output.files()
  pkg = await loadPackage(reader(files))
  image = await ort.InferenceSession.create(pkg.imageGraph)
  text = await ort.InferenceSession.create(pkg.textGraph)
  reference = JSON.parse(await readFile(join(import.meta.dirname, 'testdata/reference/tiny-a.json'), 'utf8')) as Reference
})

describe('the runtime path on a converted package', () => {
  it('encodes a batch of images: global embedding and dense map', async () => {
    const pixels = Float32Array.from(reference.images.flatMap((c) => c.pixel_values))
    const features = await runImageGraph(ort.Tensor, image, pixels, pkg.manifest)
    features.forEach((f, i) => {
      expectClose(f.imageEmbeds, reference.images[i].image_embeds)
      expectClose(f.dense, reference.images[i].dense_features.flat())
    })
  })

  it('tokenises with the app tokeniser and encodes a batch of texts of different lengths', async () => {
    const tokenizer = loadTokenizer(pkg.tokenizerJson)
    const { bosTokenId, eosTokenId, maxLengthShort, maxLengthLong } = pkg.manifest
    const golden = reference.texts.filter((t) => t.text !== '' && t.source_ids.length <= maxLengthShort)
    const shortIds = golden.map((t) => encodeText(tokenizer, t.text, { maxLength: maxLengthShort, bosTokenId, eosTokenId }))
    golden.forEach((t, i) => expect(Array.from(shortIds[i])).toEqual(t.short.ids.slice(0, shortIds[i].length)))
    const short = await runTextGraph(ort.Tensor, text, shortIds, 'short', pkg.manifest)
    short.forEach((e, i) => expectClose(e, golden[i].short.short_embeds))
    const longIds = golden.map((t) => encodeText(tokenizer, t.text, { maxLength: maxLengthLong, bosTokenId, eosTokenId }))
    const long = await runTextGraph(ort.Tensor, text, longIds, 'long', pkg.manifest)
    long.forEach((e, i) => expectClose(e, golden[i].long.long_embeds))
  })

  it('computes region features from the dense map as torchvision RoIAlign does', async () => {
    const { image: index, boxes, features } = reference.regions
    const [dense] = await runImageGraph(ort.Tensor, image, Float32Array.from(reference.images[index].pixel_values), pkg.manifest)
    const g = reference.grid
    const inOrder = boxes.map(([x1, y1, x2, y2], k) => ({ box: { x1: x1 / g, y1: y1 / g, x2: x2 / g, y2: y2 / g }, k })).filter(({ box }) => box.x1 <= box.x2 && box.y1 <= box.y2)
    const got = regionEmbeddings(inOrder.map((b) => b.box), dense.dense, g, reference.projection_dim)
    inOrder.forEach(({ k }, i) => expectClose(got[i] ?? [], features[k]))
  })
})

describe('loading a package names what is wrong', () => {
  const without = (name: string) => new Map([...files].filter(([n]) => n !== name))
  it('rejects a folder without manifest.json', async () => {
    await expect(loadPackage(reader(without('manifest.json')))).rejects.toThrow(/Not a model package: manifest.json is missing/)
  })
  it('rejects a package without its tokenizer', async () => {
    await expect(loadPackage(reader(without('tokenizer.json')))).rejects.toThrow(/lacks tokenizer.json/)
  })
  it('rejects a graph whose size differs from the manifest', async () => {
    const damaged = new Map(files)
    damaged.set('image.onnx', files.get('image.onnx')!.slice(0, 100))
    await expect(loadPackage(reader(damaged))).rejects.toThrow(/image.onnx has 100 bytes, the manifest says/)
  })
  it('rejects a manifest of another format', async () => {
    const other = new Map(files)
    other.set('manifest.json', new TextEncoder().encode(JSON.stringify({ format: 'something-else' })))
    await expect(loadPackage(reader(other))).rejects.toThrow(/format is "something-else"/)
  })
})
