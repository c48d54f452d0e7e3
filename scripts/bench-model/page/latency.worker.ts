/// <reference types="vite/client" />
/**
 * Encode latency in the browser with the sessions the app's model worker creates: the same
 * onnxruntime-web build ('onnxruntime-web/webgpu'), runtime files from our own origin, the same
 * thread rule, session options, adapter hand-over and call path (runImageGraph / runTextGraph).
 * Kept in step with src/workers/model.worker.ts by hand: that worker exports nothing to reuse.
 */
import * as ort from 'onnxruntime-web/webgpu'
import ortWasmScript from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url'
import ortWasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url'
import { downloadBytes } from '../../../src/io/download.ts'
import { runImageGraph, runTextGraph } from '../../../src/model/inference.ts'
import { loadPackage } from '../../../src/model/modelPackage.ts'
import { benchPixels, benchTokenIds } from '../inputs.ts'
import { timeRuns } from '../stats.ts'
import type { LatencyReply, LatencyRequest, LatencyResult } from './protocol.ts'

interface WorkerScope {
  crossOriginIsolated: boolean
  location: Location
  postMessage(message: LatencyReply): void
  onmessage: ((event: MessageEvent<LatencyRequest>) => void) | null
}
const scope = self as unknown as WorkerScope

ort.env.wasm.wasmPaths = { mjs: new URL(ortWasmScript, scope.location.href).href, wasm: new URL(ortWasmBinary, scope.location.href).href }
ort.env.logLevel = 'error'
ort.env.wasm.numThreads = scope.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1

interface GpuAdapterLike {
  info: { vendor: string; architecture: string; description: string }
}

/** As the app: request the adapter ourselves and hand it to onnxruntime; describe it for the doc. */
async function adapterFor(provider: LatencyRequest['provider']): Promise<string> {
  if (provider !== 'webgpu') return 'not used'
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu
  const adapter = await gpu?.requestAdapter()
  if (!adapter) throw new Error('no WebGPU adapter (is --enable-unsafe-webgpu set?)')
  ;(ort.env.webgpu as { adapter: unknown }).adapter = adapter
  const { vendor, architecture, description } = adapter.info
  return [vendor, architecture, description].filter(Boolean).join(' ') || 'unnamed adapter'
}

async function measure(request: LatencyRequest): Promise<LatencyResult> {
  const folder = request.url.endsWith('/') ? request.url : `${request.url}/`
  const adapter = await adapterFor(request.provider)
  const downloadStart = performance.now()
  const pkg = await loadPackage((name) => downloadBytes(new URL(name, folder).href))
  const downloadMs = performance.now() - downloadStart
  const options: ort.InferenceSession.SessionOptions = { executionProviders: [request.provider], graphOptimizationLevel: 'all' }
  const createStart = performance.now()
  const image = await ort.InferenceSession.create(pkg.imageGraph, options)
  const text = await ort.InferenceSession.create(pkg.textGraph, options)
  const createMs = performance.now() - createStart
  const { manifest } = pkg
  const pixels = benchPixels(manifest.imageSize)
  const ids = benchTokenIds(manifest)
  const encodeImage = () => runImageGraph(ort.Tensor, image, pixels, manifest)
  const encodeTexts = () => runTextGraph(ort.Tensor, text, ids, 'short', manifest)
  const firstStart = performance.now()
  await encodeImage()
  await encodeTexts()
  const firstRunsMs = performance.now() - firstStart
  const warmup = Math.max(0, request.warmup - 1)
  const result: LatencyResult = {
    provider: request.provider,
    adapter,
    threads: ort.env.wasm.numThreads ?? 1,
    crossOriginIsolated: scope.crossOriginIsolated,
    downloadMs,
    createMs,
    firstRunsMs,
    image: await timeRuns(encodeImage, request.runs, warmup),
    text: await timeRuns(encodeTexts, request.runs, warmup),
  }
  await image.release()
  await text.release()
  return result
}

scope.onmessage = (event) => {
  measure(event.data).then(
    (result) => scope.postMessage({ ok: true, result }),
    (error: unknown) => scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) }),
  )
}
