import type { JsonIndexProgress } from '../../formats/jsonIndex.ts'
import type { RecordFilter } from '../../formats/recordFilter.ts'
import type { RecordFormat, SampleRecord } from '../../formats/types.ts'
import type { ItemCounts, RecordFileEvent, RecordFileInput, RecordFileRequest } from '../../workers/recordFileProtocol.ts'
import type { CorrectedFileSummary } from '../../audit/correctedFile.ts'
import type { Decision, FileIdentity } from '../../audit/decisions.ts'
import { pendingCalls } from '../pendingCalls.ts'

export type RecordFileStatus = 'indexing' | 'ready' | 'failed' | 'cancelled'

export interface RecordFileState {
  name: string
  format: RecordFormat
  status: RecordFileStatus
  /** Records indexed so far; grows while the scan runs. */
  count: number
  truncated: boolean
  download: { loaded: number; total: number | null } | null
  progress: JsonIndexProgress | null
  error: string | null
}

/** The main thread's handle on one record-file worker: its indexing state and request/response calls. */
export interface RecordFileClient {
  /** How reviewers' decisions find this file again when it is reopened. */
  readonly identity: FileIdentity
  getState(): RecordFileState
  subscribe(listener: () => void): () => void
  read(from: number, to: number): Promise<SampleRecord[]>
  filter(filter: RecordFilter, onProgress: (scanned: number, matches: number) => void, signal?: AbortSignal): Promise<Uint32Array>
  /** Regions and hard negatives in the whole file (parses every record once). */
  countItems(): Promise<ItemCounts>
  /** The file rewritten with `decisions` (file-local record indices) applied. */
  exportCorrected(decisions: Decision[], onProgress: (written: number, total: number) => void, signal?: AbortSignal): Promise<{ blob: Blob; summary: CorrectedFileSummary }>
  cancelOpen(): void
  dispose(): void
}

/** A call's progress callback: (scanned, matches) for filters, (written, total) for exports. */
type CallProgress = ((done: number, of: number) => void) | undefined

export function openRecordFile(input: RecordFileInput, format: RecordFormat, identity: FileIdentity): RecordFileClient {
  const worker = new Worker(new URL('../../workers/recordFile.worker.ts', import.meta.url), { type: 'module' })
  const send = (request: RecordFileRequest) => worker.postMessage(request)
  const listeners = new Set<() => void>()
  const calls = pendingCalls<CallProgress>()
  let state: RecordFileState = {
    name: input.name, format, status: 'indexing', count: 0, truncated: false, download: null, progress: null, error: null,
  }
  const update = (patch: Partial<RecordFileState>) => {
    state = { ...state, ...patch }
    for (const listener of listeners) listener()
  }

  worker.onmessage = (message: MessageEvent<RecordFileEvent>) => {
    const event = message.data
    switch (event.type) {
      case 'download':
        return update({ download: { loaded: event.loaded, total: event.total } })
      case 'progress':
        return update({ progress: event.progress, count: event.count })
      case 'done':
        return update({ status: 'ready', count: event.count, truncated: event.truncated, progress: event.progress })
      case 'failed':
        return update({ status: event.cancelled ? 'cancelled' : 'failed', error: event.message })
      case 'records':
        return calls.resolve(event.id, event.records)
      case 'filter-done':
        return calls.resolve(event.id, event.matches)
      case 'call-failed':
      case 'filter-failed':
        return calls.reject(event.id, new Error(event.message))
      case 'filter-progress':
        return calls.extra(event.id)?.(event.scanned, event.matches)
      case 'items-counted':
        return calls.resolve(event.id, event.counts)
      case 'export-progress':
        return calls.extra(event.id)?.(event.written, event.total)
      case 'export-done':
        return calls.resolve(event.id, { blob: event.blob, summary: event.summary })
    }
  }
  worker.onerror = (event) => update({ status: 'failed', error: event.message || 'The worker failed to start' })

  function call<T>(build: (id: number) => RecordFileRequest, onProgress?: CallProgress): { id: number; promise: Promise<T> } {
    const started = calls.start<T>(onProgress)
    send(build(started.id))
    return started
  }

  send({ type: 'open', input, format })

  return {
    identity,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    read: (from, to) => call<SampleRecord[]>((id) => ({ type: 'read', id, from, to })).promise,
    filter(recordFilter, onProgress, signal) {
      const { id, promise } = call<Uint32Array>((id) => ({ type: 'filter', id, filter: recordFilter }), onProgress)
      signal?.addEventListener('abort', () => send({ type: 'cancel-call', id }), { once: true })
      return promise
    },
    countItems: () => call<ItemCounts>((id) => ({ type: 'count-items', id })).promise,
    exportCorrected(decisions, onProgress, signal) {
      const { id, promise } = call<{ blob: Blob; summary: CorrectedFileSummary }>((id) => ({ type: 'export-corrected', id, decisions }), onProgress)
      signal?.addEventListener('abort', () => send({ type: 'cancel-call', id }), { once: true })
      return promise
    },
    cancelOpen: () => send({ type: 'cancel-open' }),
    dispose() {
      worker.terminate()
      calls.rejectAll(new Error('The file was closed'))
    },
  }
}
