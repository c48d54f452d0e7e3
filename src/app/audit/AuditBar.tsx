import { useQuery } from '@tanstack/react-query'
import { useRef, useState } from 'react'
import { countReview } from '../../audit/reviewProgress.ts'
import { HiddenFileInput } from '../components/HiddenFileInput.tsx'
import { useDatasetState } from '../data/dataset.ts'
import { useAudit } from './AuditContext.tsx'
import { ConflictList } from './ConflictList.tsx'
import { useAuditTransfer } from './useAuditTransfer.ts'

const button = 'rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700 disabled:opacity-40'

/**
 * Regions and negatives in the open files, counted in the workers (a parse of every record) once
 * indexing has ended and reviewing has begun: opening data to look at it does not pay for it.
 */
function useItemTotals() {
  const { dataset, session } = useAudit()
  const { ready } = useDatasetState(dataset)
  const reviewing = session.decisions.size > 0
  return useQuery({
    queryKey: ['review-items', dataset.id],
    queryFn: async () => {
      const counts = await Promise.all(dataset.files.map((file) => file.countItems()))
      return { regions: counts.reduce((s, c) => s + c.regions, 0), negatives: counts.reduce((s, c) => s + c.negatives, 0) }
    },
    enabled: ready && reviewing,
    staleTime: Infinity,
  })
}

function Meter({ label, done, total, testId }: { label: string; done: number; total: number | null; testId: string }) {
  const share = total ? Math.min(1, done / total) : 0
  return (
    <span className="flex items-center gap-1.5" data-testid={testId} data-done={done} data-total={total ?? undefined}>
      <span className="text-slate-400">{label}</span>
      <span role="progressbar" aria-label={`${label} reviewed`} aria-valuemin={0} aria-valuemax={total ?? undefined} aria-valuenow={done} className="h-1.5 w-20 overflow-hidden rounded bg-slate-700">
        <span className="block h-full bg-emerald-500" style={{ width: `${share * 100}%` }} />
      </span>
      <span className="tabular-nums text-slate-200" title={total === null ? 'the total is counted once you make a first decision' : undefined}>
        {done.toLocaleString()}/{total === null ? '…' : total.toLocaleString()}
      </span>
    </span>
  )
}

/** The reviewer's strip: progress, counts per verdict, who is reviewing, undo, export and import. */
export function AuditBar() {
  const { session, dataset } = useAudit()
  const totals = useItemTotals()
  const transfer = useAuditTransfer(session, dataset)
  const importInput = useRef<HTMLInputElement>(null)
  const [confirmClear, setConfirmClear] = useState(false)
  const counts = countReview(session.decisions.values())
  const v = counts.verdicts
  const ready = session.status.state === 'ready'

  return (
    <section aria-label="Review" className="border-b border-slate-800 bg-slate-950/60 px-3 py-1 text-xs" data-testid="audit-bar">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Meter label="Regions" done={counts.regions} total={totals.data?.regions ?? null} testId="progress-regions" />
        <Meter label="Negatives" done={counts.negatives} total={totals.data?.negatives ?? null} testId="progress-negatives" />
        <span className="text-slate-400" data-testid="verdict-counts">
          box <span className="text-emerald-300">✓{v.boxCorrect}</span> <span className="text-red-300">✗{v.boxWrong}</span>
          {' · '}phrase <span className="text-emerald-300">✓{v.phraseCorrect}</span> <span className="text-red-300">✗{v.phraseWrong}</span>
          {' · '}negatives <span className="text-emerald-300">true neg {v.trueNegative}</span> <span className="text-red-300">actually true {v.actuallyTrue}</span> <span className="text-amber-300">nonsense {v.nonsense}</span>
          {' · '}captions <span className="text-emerald-300">✓{v.captionCorrect}</span> <span className="text-red-300">✗{v.captionWrong}</span>
          {counts.notes > 0 && ` · ${counts.notes} note${counts.notes === 1 ? '' : 's'}`}
        </span>
        <label className="flex items-center gap-1 text-slate-400">
          Reviewer
          <input
            className="w-28 rounded border border-slate-700 bg-slate-900 px-1 py-0.5 text-slate-100 placeholder:text-slate-600 focus:border-sky-500 focus:outline-none"
            placeholder="your name"
            value={session.reviewer}
            disabled={!ready}
            onChange={(e) => session.setReviewer(e.currentTarget.value)}
          />
        </label>
        <span className="text-slate-500" data-testid="save-state" data-saved={ready && !session.saving && !session.saveError}>
          {session.saveError ? 'not saved' : session.saving ? 'saving…' : ready ? 'all saved in this browser' : 'loading reviews…'}
        </span>
        <span className="ml-auto flex flex-wrap items-center gap-1.5">
          <button type="button" className={button} disabled={!session.canUndo} aria-keyshortcuts="Control+Z" onClick={session.undo}>Undo</button>
          <button type="button" className={button} disabled={!session.canRedo} aria-keyshortcuts="Control+Y" onClick={session.redo}>Redo</button>
          <button type="button" className={button} disabled={!ready || transfer.status.busy !== null} onClick={() => transfer.exportVerdicts(session.reviewer)}>Export verdicts</button>
          <button type="button" className={button} disabled={!ready || transfer.status.busy !== null} onClick={() => importInput.current?.click()}>Import verdicts</button>
          <HiddenFileInput ref={importInput} testId="import-verdicts-input" onFiles={(files) => transfer.importVerdicts([...files])} />
          <button type="button" className={button} disabled={!ready || transfer.status.busy !== null} onClick={transfer.exportCorrected}>Export corrected jsonfile</button>
          {confirmClear ? (
            <span className="flex items-center gap-1 rounded border border-red-500/60 px-1.5 py-0.5" role="group" aria-label="Confirm clearing">
              Delete all {session.decisions.size.toLocaleString()} decisions of these files?
              <button type="button" className="rounded bg-red-700 px-1.5 text-red-50 hover:bg-red-600" onClick={() => void session.clearAll(session.conflicts.map((c) => c.key)).finally(() => setConfirmClear(false))}>Delete</button>
              <button type="button" className="rounded px-1.5 text-slate-300 hover:bg-slate-700" onClick={() => setConfirmClear(false)}>Keep</button>
            </span>
          ) : (
            <button type="button" className={button} disabled={!ready || session.decisions.size === 0} onClick={() => setConfirmClear(true)}>Clear verdicts…</button>
          )}
        </span>
      </div>
      {session.status.state === 'failed' && (
        <p role="alert" className="mt-1 text-red-300">Reviews cannot be stored in this browser: {session.status.message}. Verdicts are disabled so that no work is lost unseen.</p>
      )}
      {session.saveError && (
        <p role="alert" className="mt-1 flex items-center gap-2 text-red-200" data-testid="save-error">
          Your latest decisions are not saved: {session.saveError}. They are kept in this tab; export verdicts to keep a copy.
          <button type="button" className={button} onClick={session.retrySave}>Retry saving</button>
        </p>
      )}
      {(transfer.status.busy || transfer.status.message || transfer.status.errors.length > 0) && (
        <div className="mt-1 flex items-start gap-2" role="status" data-testid="transfer-status">
          <div className="space-y-0.5">
            {transfer.status.busy && (
              <p className="text-sky-200">
                {transfer.status.busy}
                {transfer.status.cancel && <button type="button" className={`${button} ml-2`} onClick={transfer.status.cancel}>Cancel</button>}
              </p>
            )}
            {transfer.status.message && <p className="text-slate-200">{transfer.status.message}</p>}
            {transfer.status.errors.slice(0, 5).map((error, i) => (
              <p key={i} className="text-red-300">{error}</p>
            ))}
            {transfer.status.errors.length > 5 && <p className="text-red-300">…and {transfer.status.errors.length - 5} more lines rejected.</p>}
          </div>
          {!transfer.status.busy && <button type="button" className="ml-auto text-slate-400 hover:text-white" aria-label="Dismiss" onClick={transfer.dismiss}>×</button>}
        </div>
      )}
      {session.conflicts.length > 0 && <ConflictList />}
    </section>
  )
}
