/** What one whole-shard scoring bench run measured, as the report consumes it. */
import type { Environment } from '../bench-model/results.ts'

export type Provider = 'wasm' | 'webgpu'

/** 1-minute load average at the start and the end of one measurement. */
export interface LoadWindow {
  start: number
  end: number
}

/** Regions scored over a timed interval. */
export interface Rate {
  records: number
  regions: number
  seconds: number
  regionsPerSecond: number
}

/** The CLI's own per-stage timers (its summary line), per image / text / region. */
export interface CliStages {
  loadDecodeMs: number
  preprocessMs: number
  imageGraphMs: number
  textGraphMsPerText: number
  textsEmbedded: number
  scoringMsPerRegion: number
}

export interface CliMeasurement {
  rate: Rate
  stages: CliStages
  setupSeconds: number
  load: LoadWindow
}

export interface AppMeasurement {
  requested: Provider
  /** What the model bar reports: WebGPU may fall back to wasm. */
  provider: string
  adapter: string
  /** From opening the page to the model bar's ready state. */
  modelReadySeconds: number
  /** Records already done when the interval started (warm-up). */
  warmRecords: number
  totalRecords: number
  rate: Rate
  /** The run's state when the interval ended (done, or running when the cap was reached). */
  endState: string
  cancelled: boolean
  load: LoadWindow
}

export interface PackageResults {
  label: string
  modelDir: string
  /** Two CLI runs, before and after the browser measurements of this package. */
  cli: [CliMeasurement, CliMeasurement]
  cliLimit: number | null
  app: AppMeasurement[]
}

export interface ScoreBenchResults {
  env: Environment
  demo: PackageResults
  base: PackageResults | null
}
