/** Messages between the bench page and its latency worker, and what the page hands Playwright. */
import type { Timing } from '../stats.ts'

export type Provider = 'webgpu' | 'wasm'

export interface LatencyRequest {
  url: string
  provider: Provider
  runs: number
  warmup: number
}

export interface LatencyResult {
  provider: Provider
  adapter: string
  threads: number
  crossOriginIsolated: boolean
  /** fetch of the package files (no cache: every bench context starts empty). */
  downloadMs: number
  /** InferenceSession.create of both graphs (the first one also instantiates the wasm runtime). */
  createMs: number
  /** First image run + first text run, as the app's warm-up does them. */
  firstRunsMs: number
  image: Timing
  text: Timing
}

export type LatencyReply = { ok: true; result: LatencyResult } | { ok: false; message: string }

/** The real app worker's own report (src/workers/model.worker.ts), timed from the page as well. */
export interface AppLoadResult {
  provider: Provider
  adapter: string
  downloadMs: number
  sessionMs: number
  warmupMs: number
  /** From posting `load` to `ready`, in the page: adds worker start-up and module loading. */
  wallMs: number
}

export interface BenchApi {
  latency(request: LatencyRequest): Promise<LatencyResult>
  appLoad(url: string, provider: Provider): Promise<AppLoadResult>
  roi(iterations: number): import('../roiBench.ts').RoiResult
}
