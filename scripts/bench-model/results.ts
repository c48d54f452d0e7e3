/** Everything one bench run measured, as the report consumes it. */
import type { GraphTimings } from './nodeRuntime.ts'
import type { BenchPackage } from './packages.ts'
import type { AppLoadResult, LatencyResult } from './page/protocol.ts'
import type { RoiResult } from './roiBench.ts'

export interface SmallResults {
  pkg: BenchPackage
  node: GraphTimings
  wasm: LatencyResult
  webgpu: LatencyResult
  loadWasm: AppLoadResult
  loadWebgpu: AppLoadResult
}

export interface BaseResults {
  pkg: BenchPackage
  torchBytes: number
  ours: GraphTimings
  torch: GraphTimings
  wasm: LatencyResult
  loadWasm: AppLoadResult
}

export interface Environment {
  cpu: string
  cores: number
  ramGiB: number
  node: string
  chromium: string
  ortWeb: string
  ortNode: string
  date: string
  /** What else was running: the machine is shared with other sessions. */
  otherLoad: string
  loadAverage: { before: number; after: number }
}

export interface Results {
  env: Environment
  small: SmallResults
  base: BaseResults | null
  roiNode: RoiResult
  roiPage: RoiResult
}
