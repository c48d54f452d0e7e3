import type { JsonIndexProgress } from '../formats/jsonIndex.ts'
import type { RecordFilter } from '../formats/recordFilter.ts'
import type { SampleRecord } from '../formats/types.ts'
import type { CorrectedFileSummary } from '../audit/correctedFile.ts'
import type { Decision } from '../audit/decisions.ts'

/** Where a record file's bytes come from: a local File (transferable by structured clone) or a URL. */
export type RecordFileInput = { file: File; name: string } | { url: string; name: string }

export type RecordFileRequest =
  | { type: 'open'; input: RecordFileInput; format: 'finehard' | 'fgovd' }
  | { type: 'cancel-open' }
  | { type: 'read'; id: number; from: number; to: number }
  | { type: 'filter'; id: number; filter: RecordFilter }
  /** Stops a running filter scan or corrected-file export. */
  | { type: 'cancel-call'; id: number }
  | { type: 'count-items'; id: number }
  /** `decisions` are this file's, with file-local record indices. */
  | { type: 'export-corrected'; id: number; decisions: Decision[] }

export type RecordFileEvent =
  | { type: 'download'; loaded: number; total: number | null }
  | { type: 'progress'; progress: JsonIndexProgress; count: number }
  | { type: 'done'; count: number; truncated: boolean; progress: JsonIndexProgress }
  | { type: 'failed'; message: string; cancelled: boolean }
  | { type: 'records'; id: number; records: SampleRecord[] }
  | { type: 'call-failed'; id: number; message: string }
  | { type: 'filter-progress'; id: number; scanned: number; matches: number }
  | { type: 'filter-done'; id: number; matches: Uint32Array }
  | { type: 'filter-failed'; id: number; message: string; cancelled: boolean }
  | { type: 'items-counted'; id: number; counts: ItemCounts }
  | { type: 'export-progress'; id: number; written: number; total: number }
  | { type: 'export-done'; id: number; blob: Blob; summary: CorrectedFileSummary }

/** What a reviewer can review in a file: regions and hard negatives. */
export interface ItemCounts {
  records: number
  regions: number
  negatives: number
}
