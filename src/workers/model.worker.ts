/// <reference lib="webworker" />
import { downloadBytes } from '../io/download.ts'
import { runImageGraph, runTextGraph, type TextPath } from '../model/inference.ts'
import { loadPackage, type LoadedPackage, type PackageFileReader } from '../model/modelPackage.ts'
import { preprocessImage } from '../model/preprocess.ts'
import { encodeText, loadTokenizer, type Tokenizer } from '../model/tokenizer.ts'
import type { ModelEvent, ModelInfo, ModelRequest, PackageSource, ProviderChoice } from './modelProtocol.ts'
import { convertedPackageReader, isCheckpoint } from './convertedPackages.ts'
import { createSessions, ort, useWebGpuAdapter, type Sessions } from './ortRuntime.ts'
import { scoreRecord } from '../analysis/scoreRecord.ts'
import type { SampleRecord } from '../formats/types.ts'
import { messageOf } from '../io/messageOf.ts'

/**
 * Owns the onnxruntime-web sessions of one model package: loads it (download with progress, or
 * dropped files), creates the sessions on WebGPU or wasm and warms them up, then encodes images
 * and texts on request (the page scores what the sample view shows from those), and scores whole
 * records for the shard analysis with the same code as the CLI (src/analysis/scoreRecord.ts).
 */

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (event: ModelEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer)

interface Loaded extends Sessions {
  pkg: LoadedPackage
  tokenizer: Tokenizer
  info: ModelInfo
}

let model: Loaded | null = null
const cacheName = 'fgclip-model-packages'

function urlReader(base: string): { read: PackageFileReader; fromCache: () => boolean } {
  const folder = base.endsWith('/') ? base : `${base}/`
  let cached = 0
  let fetched = 0
  const read: PackageFileReader = async (name) => {
    const url = new URL(name, folder).href
    const cache = 'caches' in self ? await caches.open(cacheName) : null
    const hit = await cache?.match(url)
    if (hit) {
      cached++
      return new Uint8Array(await hit.arrayBuffer())
    }
    fetched++
    const bytes = await downloadBytes(url, { onProgress: (p) => post({ type: 'load-progress', file: name, loaded: p.loaded, total: p.total }) })
    await cache?.put(url, new Response(bytes.slice().buffer, { headers: { 'Content-Length': String(bytes.length) } })).catch(() => undefined)
    return bytes
  }
  return { read, fromCache: () => cached > 0 && fetched === 0 }
}

function filesReader(files: File[]): PackageFileReader {
  return async (name) => {
    const file = files.find((f) => f.name === name)
    if (!file) throw new Error(`${name} is not among the dropped files`)
    return new Uint8Array(await file.arrayBuffer())
  }
}

/** First runs compile shaders / allocate buffers; do them now, not on the user's first hover. */
async function warmUp(pkg: LoadedPackage, sessions: Sessions) {
  const s = pkg.manifest.imageSize
  await runImageGraph(ort.Tensor, sessions.image, new Float32Array(3 * s * s), pkg.manifest)
  await runTextGraph(ort.Tensor, sessions.text, [[pkg.manifest.bosTokenId, pkg.manifest.eosTokenId]], 'short', pkg.manifest)
}

async function start(pkg: LoadedPackage, wanted: ProviderChoice, downloadMs: number, fromCache: boolean): Promise<Loaded> {
  let provider = wanted
  let adapter = 'not used (wasm chosen)'
  if (wanted === 'webgpu') {
    const described = await useWebGpuAdapter()
    adapter = described.text
    if (!described.ok) provider = 'wasm'
  }
  post({ type: 'load-stage', stage: `creating ${provider === 'webgpu' ? 'WebGPU' : 'wasm'} sessions` })
  let started = performance.now()
  let sessions
  try {
    sessions = await createSessions(pkg, provider)
  } catch (error) {
    if (provider !== 'webgpu') throw error
    adapter = `WebGPU failed (${messageOf(error)}); using wasm`
    provider = 'wasm'
    started = performance.now()
    sessions = await createSessions(pkg, provider)
  }
  const sessionMs = performance.now() - started
  post({ type: 'load-stage', stage: 'warming up' })
  const warmStart = performance.now()
  await warmUp(pkg, sessions)
  const warmupMs = performance.now() - warmStart
  watchDevice(provider)
  const info: ModelInfo = { manifest: pkg.manifest, provider, adapter, timings: { downloadMs, sessionMs, warmupMs }, fromCache }
  return { pkg, tokenizer: loadTokenizer(pkg.tokenizerJson), ...sessions, info }
}

/** A lost GPU device (driver reset, tab in background too long) falls back to wasm, saying so. */
function watchDevice(provider: ProviderChoice) {
  if (provider !== 'webgpu') return
  void Promise.resolve(ort.env.webgpu.device).then((device) => device?.lost).then(async (lost) => {
    if (!lost || !model || lost.reason === 'destroyed') return
    const current = model
    model = null
    const restarted = await start(current.pkg, 'wasm', current.info.timings.downloadMs, current.info.fromCache)
    model = restarted
    post({ type: 'provider-changed', info: restarted.info, reason: `The GPU device was lost (${lost.message || lost.reason}); now running on wasm` })
  })
}

async function packageReader(source: PackageSource): Promise<{ read: PackageFileReader; fromCache: () => boolean }> {
  if ('url' in source) return urlReader(source.url)
  if (isCheckpoint(source.files)) {
    const converted = await convertedPackageReader(source.files, (stage) => post({ type: 'load-stage', stage }))
    return { read: converted.read, fromCache: () => converted.fromCache }
  }
  return { read: filesReader(source.files), fromCache: () => false }
}

async function load(source: PackageSource, provider: ProviderChoice) {
  try {
    const started = performance.now()
    const reader = await packageReader(source)
    const pkg = await loadPackage(reader.read)
    model = await start(pkg, provider, performance.now() - started, reader.fromCache())
    post({ type: 'ready', info: model.info })
  } catch (error) {
    post({ type: 'load-failed', message: messageOf(error) })
  }
}

function readPixels(bitmap: ImageBitmap): ImageData {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas in this worker')
  context.drawImage(bitmap, 0, 0)
  try {
    return context.getImageData(0, 0, bitmap.width, bitmap.height)
  } finally {
    bitmap.close()
  }
}

async function imageFeatures(bitmap: ImageBitmap) {
  if (!model) throw new Error('No model is loaded')
  const { manifest } = model.pkg
  const pixels = preprocessImage(readPixels(bitmap), manifest.imageSize, manifest)
  const [features] = await runImageGraph(ort.Tensor, model.image, pixels, manifest)
  return features
}

async function textEmbeddings(texts: { text: string; path: TextPath }[]): Promise<Float32Array[]> {
  if (!model) throw new Error('No model is loaded')
  const { manifest } = model.pkg
  const embeddings: Float32Array[] = new Array(texts.length)
  for (const path of ['short', 'long'] as const) {
    const rows = texts.map((t, i) => ({ ...t, i })).filter((t) => t.path === path)
    if (rows.length === 0) continue
    const maxLength = path === 'short' ? manifest.maxLengthShort : manifest.maxLengthLong
    const ids = rows.map((row) => encodeText(model!.tokenizer, row.text, { maxLength, bosTokenId: manifest.bosTokenId, eosTokenId: manifest.eosTokenId }))
    const out = await runTextGraph(ort.Tensor, model.text, ids, path, manifest)
    rows.forEach((row, k) => (embeddings[row.i] = out[k]))
  }
  return embeddings
}

async function encodeImage(id: number, bitmap: ImageBitmap) {
  const features = await imageFeatures(bitmap)
  post({ type: 'image-features', id, features }, [features.imageEmbeds.buffer, features.dense.buffer])
}

async function encodeTexts(id: number, texts: { text: string; path: TextPath }[]) {
  const embeddings = await textEmbeddings(texts)
  post({ type: 'text-embeddings', id, embeddings }, embeddings.map((e) => e.buffer))
}

/** Short-path embeddings reused across a shard's records (phrases and negatives repeat); bounded. */
const shardTexts = new Map<string, Float32Array>()
const shardTextLimit = 100_000

/** One record of a whole-shard run: image and texts encoded here, scored with the shared analysis code. */
async function scoreOne(id: number, record: SampleRecord, bitmap: ImageBitmap, file: string) {
  const features = await imageFeatures(bitmap)
  const wanted = new Set(record.regions.flatMap((r) => (r.shortExpr === null ? [] : [r.shortExpr, ...r.negatives.map((n) => n.text)])))
  const missing = [...wanted].filter((text) => !shardTexts.has(text))
  if (missing.length > 0) {
    if (shardTexts.size + missing.length > shardTextLimit) shardTexts.clear()
    const embeddings = await textEmbeddings(missing.map((text) => ({ text, path: 'short' as const })))
    missing.forEach((text, i) => shardTexts.set(text, embeddings[i]))
  }
  const manifest = model!.pkg.manifest
  post({ type: 'record-scored', id, scores: scoreRecord(record, features.dense, (text) => shardTexts.get(text) ?? null, manifest, file) })
}

// Requests run one at a time: a WebGPU session must not be entered concurrently.
let queue: Promise<void> = Promise.resolve()

scope.onmessage = (message: MessageEvent<ModelRequest>) => {
  const request = message.data
  if (request.type === 'load') {
    queue = queue.then(() => load(request.source, request.provider))
    return
  }
  const job =
    request.type === 'encode-image'
      ? () => encodeImage(request.id, request.bitmap)
      : request.type === 'encode-texts'
        ? () => encodeTexts(request.id, request.texts)
        : () => scoreOne(request.id, request.record, request.bitmap, request.file)
  queue = queue.then(job).catch((error: unknown) => post({ type: 'request-failed', id: request.id, message: messageOf(error) }))
}
