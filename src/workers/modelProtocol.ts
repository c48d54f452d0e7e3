import type { ImageFeatures, TextPath } from '../model/inference.ts'
import type { ModelManifest } from '../model/packageManifest.ts'
import type { RecordScores } from '../analysis/scoreRows.ts'
import type { SampleRecord } from '../formats/types.ts'

export type ProviderChoice = 'webgpu' | 'wasm'

/** A package by URL (its folder), or its files picked/dropped by the user. */
export type PackageSource = { url: string } | { files: File[] }

export interface ModelInfo {
  manifest: ModelManifest
  provider: ProviderChoice
  /** The WebGPU adapter in words, or why WebGPU is not in use. */
  adapter: string
  timings: { downloadMs: number; sessionMs: number; warmupMs: number }
  fromCache: boolean
}

export type ModelRequest =
  | { type: 'load'; source: PackageSource; provider: ProviderChoice }
  | { type: 'encode-image'; id: number; bitmap: ImageBitmap }
  | { type: 'encode-texts'; id: number; texts: { text: string; path: TextPath }[] }
  /** Whole-shard scoring: one record with its decoded picture; `file` names the record file in the rows. */
  | { type: 'score-record'; id: number; record: SampleRecord; bitmap: ImageBitmap; file: string }

export type ModelEvent =
  | { type: 'load-progress'; file: string; loaded: number; total: number | null }
  /** A loading step without bytes to count: creating sessions, warming up. */
  | { type: 'load-stage'; stage: string }
  | { type: 'ready'; info: ModelInfo }
  | { type: 'load-failed'; message: string }
  /** The GPU device was lost: the worker fell back to wasm and says why. */
  | { type: 'provider-changed'; info: ModelInfo; reason: string }
  | { type: 'image-features'; id: number; features: ImageFeatures }
  | { type: 'text-embeddings'; id: number; embeddings: Float32Array[] }
  | { type: 'record-scored'; id: number; scores: RecordScores }
  | { type: 'request-failed'; id: number; message: string }
