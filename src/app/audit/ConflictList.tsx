import type { Decision } from '../../audit/decisions.ts'
import type { Conflict } from '../../audit/mergeDecisions.ts'
import { UntrustedText } from '../components/UntrustedText.tsx'
import { useAudit } from './AuditContext.tsx'

function Alternative({ decision, kept, onChoose }: { decision: Decision; kept: boolean; onChoose: () => void }) {
  return (
    <div className={`min-w-40 flex-1 rounded border px-2 py-1 ${kept ? 'border-sky-500/70 bg-sky-950/40' : 'border-slate-700'}`} data-testid="conflict-alternative">
      <p className="font-semibold text-slate-100">{decision.reviewer || '(unnamed)'}</p>
      <p>verdict: <span className="font-mono">{decision.verdict ?? '—'}</span></p>
      {decision.newText !== null && (
        <p className="break-words">text: <span className="text-slate-200"><UntrustedText text={decision.newText} fallback="" /></span></p>
      )}
      <p className="text-slate-500">{decision.time}</p>
      {kept ? <p className="text-sky-300">in use</p> : <button type="button" className="mt-0.5 rounded border border-slate-600 px-1.5 hover:bg-slate-700" onClick={onChoose}>Use this</button>}
    </div>
  )
}

/** Decisions on which reviewers disagree, side by side, until someone picks one. */
export function ConflictList() {
  const { session } = useAudit()
  const resolve = (conflict: Conflict, choice: Decision | null) => {
    if (choice) session.replace([choice])
    session.dropConflict(conflict.key)
  }
  return (
    <details className="mt-1" open data-testid="conflicts">
      <summary className="cursor-pointer text-amber-200">{session.conflicts.length} decision{session.conflicts.length === 1 ? '' : 's'} where reviewers disagree</summary>
      <ul className="mt-1 max-h-64 space-y-2 overflow-y-auto">
        {session.conflicts.map((conflict) => (
          <li key={conflict.key} className="text-[11px] text-slate-300" data-testid="conflict">
            <p className="mb-0.5 text-slate-400">
              record {conflict.kept.record}{conflict.kept.region !== null && ` · region ${conflict.kept.region}`} · <span className="font-mono">{conflict.kept.field}</span>
              {conflict.kept.fPath && <span className="ml-1 font-mono text-slate-500">{conflict.kept.fPath}</span>}
              <button type="button" className="ml-2 text-slate-400 underline hover:text-white" onClick={() => resolve(conflict, null)}>keep the one in use</button>
            </p>
            <div className="flex flex-wrap gap-2">
              {[conflict.kept, ...conflict.others].map((decision, i) => (
                <Alternative key={i} decision={decision} kept={i === 0} onChoose={() => resolve(conflict, decision)} />
              ))}
            </div>
          </li>
        ))}
      </ul>
    </details>
  )
}
