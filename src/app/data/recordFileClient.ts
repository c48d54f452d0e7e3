import type { JsonIndexProgress } from '../../formats/jsonIndex.ts'
import type { RecordFilter } from '../../formats/recordFilter.ts'
import type { RecordFormat, SampleRecord } from '../../formats/types.ts'
import type { RecordFileEvent, RecordFileInput, RecordFileRequest } from '../../workers/recordFileProtocol.ts'
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
  getState(): RecordFileState
  subscribe(listener: () => void): () => void
  read(from: number, to: number): Promise<SampleRecord[]>
  filter(filter: RecordFilter, onProgress: (scanned: number, matches: number) => void, signal?: AbortSignal): Promise<Uint32Array>
  cancelOpen(): void
  dispose(): void
}

type FilterProgress = ((scanned: number, matches: number) => void) | undefined

export function openRecordFile(input: RecordFileInput, format: RecordFormat): RecordFileClient {
  const worker = new Worker(new URL('../../workers/recordFile.worker.ts', import.meta.url), { type: 'module' })
  const send = (request: RecordFileRequest) => worker.postMessage(request)
  const listeners = new Set<() => void>()
  const calls = pendingCalls<FilterProgress>()
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
      case 'read-failed':
      case 'filter-failed':
        return calls.reject(event.id, new Error(event.message))
      case 'filter-progress':
        return calls.extra(event.id)?.(event.scanned, event.matches)
    }
  }
  worker.onerror = (event) => update({ status: 'failed', error: event.message || 'The worker failed to start' })

  function call<T>(build: (id: number) => RecordFileRequest, onProgress?: FilterProgress): { id: number; promise: Promise<T> } {
    const started = calls.start<T>(onProgress)
    send(build(started.id))
    return started
  }

  send({ type: 'open', input, format })

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    read: (from, to) => call<SampleRecord[]>((id) => ({ type: 'read', id, from, to })).promise,
    filter(recordFilter, onProgress, signal) {
      const { id, promise } = call<Uint32Array>((id) => ({ type: 'filter', id, filter: recordFilter }), onProgress)
      signal?.addEventListener('abort', () => send({ type: 'cancel-filter', id }), { once: true })
      return promise
    },
    cancelOpen: () => send({ type: 'cancel-open' }),
    dispose() {
      worker.terminate()
      calls.rejectAll(new Error('The file was closed'))
    },
  }
}
