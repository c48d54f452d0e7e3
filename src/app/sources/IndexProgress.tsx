import type { RecordFileClient, RecordFileState } from '../data/recordFileClient.ts'

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`

function describe(state: RecordFileState): string {
  if (state.status === 'failed') return `failed: ${state.error}`
  if (state.status === 'cancelled') return `indexing cancelled after ${state.count.toLocaleString()} records`
  const p = state.progress
  if (state.status === 'ready') {
    const rate = p && p.elapsedMs > 0 ? ` · ${mb((p.totalBytes / p.elapsedMs) * 1000)}/s` : ''
    return `${state.count.toLocaleString()} records${state.truncated ? ' · file ends mid-record' : ''}${rate}`
  }
  if (state.download && (!p || p.bytesScanned === 0)) {
    const total = state.download.total
    return `downloading ${mb(state.download.loaded)}${total ? ` of ${mb(total)}` : ''}`
  }
  if (!p) return 'indexing…'
  const rate = p.elapsedMs > 0 ? (p.bytesScanned / p.elapsedMs) * 1000 : 0
  return `indexing ${mb(p.bytesScanned)} of ${mb(p.totalBytes)} · ${state.count.toLocaleString()} records · ${mb(rate)}/s`
}

function fraction(state: RecordFileState): number {
  if (state.status !== 'indexing') return 1
  if (state.progress && state.progress.totalBytes > 0) return state.progress.bytesScanned / state.progress.totalBytes
  if (state.download?.total) return state.download.loaded / state.download.total
  return 0
}

/** One line per record file: scan progress (bytes, records, rate) with a cancel button. */
export function IndexProgress({ files, states }: { files: RecordFileClient[]; states: RecordFileState[] }) {
  return (
    <ul className="space-y-1" data-testid="index-progress">
      {states.map((state, i) => (
        <li key={i} className="flex items-center gap-2 text-xs" data-file={state.name}>
          <span className="max-w-64 truncate font-mono text-slate-300" title={state.name}>{state.name.split('/').pop()}</span>
          {state.status === 'indexing' && (
            <progress className="h-1.5 w-24 accent-sky-400" value={fraction(state)} max={1} />
          )}
          <span className={state.status === 'failed' ? 'text-red-300' : 'text-slate-400'} data-status={state.status}>{describe(state)}</span>
          {state.status === 'indexing' && (
            <button type="button" className="rounded border border-slate-600 px-1.5 text-slate-300 hover:bg-slate-700" onClick={() => files[i].cancelOpen()}>
              Cancel
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}
