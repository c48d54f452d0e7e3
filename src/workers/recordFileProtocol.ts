import type { JsonIndexProgress } from '../formats/jsonIndex.ts'
import type { RecordFilter } from '../formats/recordFilter.ts'
import type { SampleRecord } from '../formats/types.ts'

/** Where a record file's bytes come from: a local File (transferable by structured clone) or a URL. */
export type RecordFileInput = { file: File; name: string } | { url: string; name: string }

export type RecordFileRequest =
  | { type: 'open'; input: RecordFileInput; format: 'finehard' | 'fgovd' }
  | { type: 'cancel-open' }
  | { type: 'read'; id: number; from: number; to: number }
  | { type: 'filter'; id: number; filter: RecordFilter }
  | { type: 'cancel-filter'; id: number }

export type RecordFileEvent =
  | { type: 'download'; loaded: number; total: number | null }
  | { type: 'progress'; progress: JsonIndexProgress; count: number }
  | { type: 'done'; count: number; truncated: boolean; progress: JsonIndexProgress }
  | { type: 'failed'; message: string; cancelled: boolean }
  | { type: 'records'; id: number; records: SampleRecord[] }
  | { type: 'read-failed'; id: number; message: string }
  | { type: 'filter-progress'; id: number; scanned: number; matches: number }
  | { type: 'filter-done'; id: number; matches: Uint32Array }
  | { type: 'filter-failed'; id: number; message: string; cancelled: boolean }
