/// <reference lib="webworker" />
import * as ort from 'onnxruntime-web/webgpu'
import ortWasmScript from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url'
import ortWasmBinary from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url'
import type { LoadedPackage } from '../model/modelPackage.ts'
import type { ProviderChoice } from './modelProtocol.ts'

/**
 * onnxruntime-web as the app runs it, in one place (the model worker and the model benchmark's
 * page both import it): runtime files, threads, adapter hand-over and session options.
 */
export { ort }

// The wasm runtime is served from our own origin (no CDN). Its threads start workers from the
// runtime script's URL, so that script must be a file of its own, not inlined in a bundle.
ort.env.wasm.wasmPaths = { mjs: new URL(ortWasmScript, self.location.href).href, wasm: new URL(ortWasmBinary, self.location.href).href }
ort.env.logLevel = 'error'
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 1) : 1

export interface Sessions {
  image: ort.InferenceSession
  text: ort.InferenceSession
}

/** Requests the WebGPU adapter and hands it to onnxruntime; describes it, or why there is none. */
export async function useWebGpuAdapter(): Promise<{ ok: boolean; text: string }> {
  const gpu = (navigator as Navigator & { gpu?: GPU }).gpu
  if (!gpu) return { ok: false, text: 'WebGPU is not available in this browser' }
  const adapter = await gpu.requestAdapter()
  if (!adapter) return { ok: false, text: 'no WebGPU adapter' }
  ort.env.webgpu.adapter = adapter
  const info = adapter.info
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'unnamed adapter'
  return { ok: true, text: `${name}${(info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter ? ' (software fallback)' : ''}` }
}

export async function createSessions(pkg: LoadedPackage, provider: ProviderChoice): Promise<Sessions> {
  const options: ort.InferenceSession.SessionOptions = { executionProviders: [provider], graphOptimizationLevel: 'all' }
  const image = await ort.InferenceSession.create(pkg.imageGraph, options)
  const text = await ort.InferenceSession.create(pkg.textGraph, options)
  return { image, text }
}
