import type { Region } from '../../formats/types.ts'
import { negativeField, type DecisionField, type Verdict } from '../../audit/decisions.ts'
import { CorrectionField } from './CorrectionField.tsx'
import { VerdictToggle } from './VerdictToggle.tsx'
import type { AuditSession, DecisionPatch, RecordSlot } from './useAuditSession.ts'
import { regionReviewState } from './reviewedRecord.ts'

function rawBoxText(region: Region): string {
  return JSON.stringify(region.rawBbox ?? null)
}

/** The decision-making side of one region (as in the file): its verdicts, set and toggled. */
export function regionDecisions(session: AuditSession, slot: RecordSlot | null, region: Region) {
  const lookup = (r: number | null, field: DecisionField) => (slot ? session.get(slot, r, field) : undefined)
  const state = regionReviewState(region, lookup)
  const oldTexts: Record<string, string | null> = { bbox: rawBoxText(region), short_expr: region.shortExpr, long_expr: region.longExpr }
  const request = (field: DecisionField, patch: DecisionPatch) => ({ slot: slot as RecordSlot, region: region.index, field, oldText: oldTexts[field] ?? null, patch })
  /** Corrections belong to a "wrong": any other verdict drops them, so nothing hidden reaches the export. */
  const set = (field: 'bbox' | 'short_expr', verdict: Verdict | null) => {
    if (!slot) return
    const keepEdits = verdict === 'wrong'
    const requests = [request(field, keepEdits ? { verdict } : { verdict, newText: null })]
    if (field === 'short_expr' && !keepEdits) requests.push(request('long_expr', { newText: null }))
    session.decideMany(requests)
  }
  const toggle = (field: 'bbox' | 'short_expr', verdict: Verdict) => set(field, lookup(region.index, field)?.verdict === verdict ? null : verdict)
  const edit = (field: 'short_expr' | 'long_expr' | 'bbox', text: string) =>
    slot && session.decide(request(field, { newText: text }), { coalesce: field !== 'bbox' })
  const negativeText = (key: string) => region.negatives.find((n) => n.key === key)?.text ?? null
  const setNegative = (key: string, verdict: Verdict | null) =>
    slot && session.decide({ slot, region: region.index, field: negativeField(key), oldText: negativeText(key), patch: { verdict } })
  const toggleNegative = (key: string, verdict: Verdict) => setNegative(key, state.negatives.get(key) === verdict ? null : verdict)
  /** Every negative without a verdict becomes a true negative, in one undo step. */
  const remainingTrue = () =>
    slot &&
    session.decideMany(
      region.negatives
        .filter((n) => !state.negatives.has(n.key))
        .map((n) => ({ slot, region: region.index, field: negativeField(n.key), oldText: n.text, patch: { verdict: 'true-negative' as const } })),
    )
  return { original: region, state, lookup, set, toggle, edit, setNegative, toggleNegative, remainingTrue, ready: slot !== null && session.status.state === 'ready' }
}

export type RegionDecisions = ReturnType<typeof regionDecisions>

/** Box and phrase verdicts of the selected region (`region` as in the file), with the corrections a "wrong" asks for. */
export function RegionVerdicts(props: { region: Region; decisions: RegionDecisions; onRedraw: () => void }) {
  const { region, decisions } = props
  const { state, lookup } = decisions
  const corrected = lookup(region.index, 'bbox')?.newText ?? null
  const disabled = !decisions.ready
  return (
    <div className="mt-1.5 space-y-1.5 rounded border border-slate-600/70 bg-slate-800/60 p-2" data-testid="region-verdicts" onClick={(e) => e.stopPropagation()}>
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="w-14 text-[11px] uppercase tracking-wide text-slate-400">Box</span>
        <VerdictToggle label="Box correct" tone="good" shortcut="1" disabled={disabled} pressed={state.box === 'correct'} onToggle={() => decisions.toggle('bbox', 'correct')} />
        <VerdictToggle label="Box wrong" tone="bad" shortcut="2" disabled={disabled} pressed={state.box === 'wrong'} onToggle={() => decisions.toggle('bbox', 'wrong')} />
        {state.box === 'wrong' && (
          <button type="button" aria-keyshortcuts="b" className="rounded border border-sky-600 px-1.5 py-0.5 text-[11px] text-sky-200 hover:bg-sky-900" onClick={props.onRedraw}>
            Redraw box
          </button>
        )}
      </div>
      {state.box === 'wrong' && (
        <p className="pl-14 text-[11px] text-slate-400" data-testid="box-correction">
          {corrected ? (
            <>corrected: <span className="font-mono text-red-300 line-through">{rawBoxText(region)}</span> → <span className="font-mono text-emerald-300">{corrected}</span></>
          ) : (
            'Drag or resize the box on the image, or redraw it (b). Left as is, the export drops this region.'
          )}
        </p>
      )}
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="w-14 text-[11px] uppercase tracking-wide text-slate-400">Phrase</span>
        <VerdictToggle label="Phrase correct" tone="good" shortcut="3" disabled={disabled} pressed={state.phrase === 'correct'} onToggle={() => decisions.toggle('short_expr', 'correct')} />
        <VerdictToggle label="Phrase wrong" tone="bad" shortcut="4" disabled={disabled} pressed={state.phrase === 'wrong'} onToggle={() => decisions.toggle('short_expr', 'wrong')} />
      </div>
      {state.phrase === 'wrong' && (
        <div className="space-y-1 pl-14" data-testid="phrase-correction">
          <CorrectionField label="short_expr" original={region.shortExpr} value={lookup(region.index, 'short_expr')?.newText ?? null} onChange={(text) => decisions.edit('short_expr', text)} />
          <CorrectionField label="long_expr" rows={2} original={region.longExpr} value={lookup(region.index, 'long_expr')?.newText ?? null} onChange={(text) => decisions.edit('long_expr', text)} />
        </div>
      )}
      {region.negatives.length > 0 && (
        <div className="flex items-center gap-2 text-[11px] text-slate-400">
          <span>negatives reviewed {region.negatives.length - state.unreviewedNegatives}/{region.negatives.length}</span>
          {state.unreviewedNegatives > 0 && (
            <button type="button" aria-keyshortcuts="t" disabled={disabled} className="rounded border border-slate-600 px-1.5 py-0.5 text-slate-300 hover:bg-slate-700 disabled:opacity-40" onClick={decisions.remainingTrue}>
              Mark the rest true negatives (t)
            </button>
          )}
        </div>
      )}
    </div>
  )
}

const negativeVerdicts: { verdict: Verdict; label: string; tone: 'good' | 'bad' | 'warn'; key: string }[] = [
  { verdict: 'true-negative', label: 'True negative', tone: 'good', key: '5' },
  { verdict: 'actually-true', label: 'Actually true', tone: 'bad', key: '6' },
  { verdict: 'nonsense', label: 'Nonsense', tone: 'warn', key: '7' },
]

/** The three verdicts of one hard negative; the keyboard's current negative is outlined. */
export function NegativeVerdicts(props: { negativeKey: string; decisions: RegionDecisions; active: boolean }) {
  const verdict = props.decisions.state.negatives.get(props.negativeKey) ?? null
  return (
    <div
      className={`flex flex-wrap items-center gap-1 pb-0.5 ${props.active ? 'rounded outline outline-1 outline-sky-400' : ''}`}
      data-testid="negative-verdicts"
      data-key={props.negativeKey}
      data-active={props.active || undefined}
      onClick={(e) => e.stopPropagation()}
    >
      {negativeVerdicts.map((v) => (
        <VerdictToggle key={v.verdict} label={v.label} tone={v.tone} shortcut={props.active ? v.key : undefined} disabled={!props.decisions.ready} pressed={verdict === v.verdict} onToggle={() => props.decisions.toggleNegative(props.negativeKey, v.verdict)} />
      ))}
    </div>
  )
}
