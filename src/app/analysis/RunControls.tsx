import type { RunProgress, ShardRun } from './shardRun.ts'

const button = 'rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700 disabled:opacity-40'

function duration(seconds: number): string {
  const s = Math.round(seconds)
  return s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`
}

const stateWords: Record<RunProgress['state'], string> = {
  loading: 'reading stored scores…',
  idle: 'not running',
  running: 'scoring',
  stopping: 'stopping after the record in flight…',
  paused: 'paused',
  cancelled: 'cancelled (scores so far are kept)',
  done: 'all records scored',
  failed: 'failed',
}

/** Start, pause, resume and cancel of the whole-shard run, with records/s and time left. */
export function RunControls({ run, progress }: { run: ShardRun; progress: RunProgress }) {
  const share = progress.total > 0 ? progress.done / progress.total : 0
  const running = progress.state === 'running'
  const resumable = ['idle', 'paused', 'cancelled', 'failed'].includes(progress.state) && progress.done < progress.total
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs" data-testid="run-controls" data-state={progress.state} data-done={progress.done} data-total={progress.total}>
      {resumable && (
        <button type="button" className={`${button} border-sky-500 text-sky-100`} onClick={run.start}>
          {progress.done === 0 ? 'Score all records' : 'Resume scoring'}
        </button>
      )}
      {running && (
        <>
          <button type="button" className={button} onClick={run.pause}>Pause</button>
          <button type="button" className={button} onClick={run.cancel}>Cancel</button>
        </>
      )}
      <span role="progressbar" aria-label="Records scored" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} className="h-2 w-48 overflow-hidden rounded bg-slate-700">
        <span className="block h-full bg-sky-500 transition-[width]" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="tabular-nums text-slate-300" data-testid="run-progress">
        {progress.done.toLocaleString()} / {progress.total.toLocaleString()} records · {progress.regions.toLocaleString()} regions
        {progress.recordsPerSecond !== null && ` · ${progress.recordsPerSecond.toFixed(1)} records/s`}
        {running && progress.etaSeconds !== null && ` · ${duration(progress.etaSeconds)} left`}
        {progress.failures > 0 && ` · ${progress.failures} pictures not scored`}
      </span>
      <span className="text-slate-500">{stateWords[progress.state]}</span>
      {progress.error && <span role="alert" className="text-red-300">{progress.error}</span>}
      {!running && progress.done > 0 && (
        <button type="button" className={button} onClick={() => void run.discard()}>Discard scores</button>
      )}
    </div>
  )
}
