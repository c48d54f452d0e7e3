import type { SampleRecord } from '../../formats/types.ts'
import type { DecisionField, Verdict } from '../../audit/decisions.ts'
import { CorrectionField } from './CorrectionField.tsx'
import { VerdictToggle } from './VerdictToggle.tsx'
import type { AuditSession, DecisionPatch, RecordSlot } from './useAuditSession.ts'

/** The record-level decisions: captions verdict (with edits when they have errors) and a note. */
export function recordDecisions(session: AuditSession, slot: RecordSlot | null, record: SampleRecord) {
  const oldTexts: Record<string, string | null> = { caption: record.caption, short_caption: record.shortCaption, note: null }
  const get = (field: DecisionField) => (slot ? session.get(slot, null, field) : undefined)
  const set = (field: DecisionField, patch: DecisionPatch, coalesce = false) =>
    slot && session.decide({ slot, region: null, field, oldText: oldTexts[field] ?? null, patch }, { coalesce })
  /** Edits belong to "has errors": any other verdict drops them, so nothing hidden reaches the export. */
  const setCaption = (verdict: Verdict | null) => {
    if (!slot) return
    const request = (field: DecisionField, patch: DecisionPatch) => ({ slot, region: null, field, oldText: oldTexts[field] ?? null, patch })
    session.decideMany(verdict === 'wrong' ? [request('caption', { verdict })] : [request('caption', { verdict, newText: null }), request('short_caption', { newText: null })])
  }
  const toggleCaption = (verdict: Verdict) => setCaption(get('caption')?.verdict === verdict ? null : verdict)
  return { get, set, setCaption, toggleCaption, ready: slot !== null && session.status.state === 'ready' }
}

export function RecordReview(props: { record: SampleRecord; session: AuditSession; slot: RecordSlot | null }) {
  const { record } = props
  const decisions = recordDecisions(props.session, props.slot, record)
  const verdict = decisions.get('caption')?.verdict ?? null
  const disabled = !decisions.ready
  return (
    <section className="space-y-1.5 rounded border border-slate-700 bg-slate-800/40 p-2" data-testid="record-review">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="text-[11px] uppercase tracking-wide text-slate-400">Captions</span>
        <VerdictToggle label="Caption correct" tone="good" shortcut="8" disabled={disabled} pressed={verdict === 'correct'} onToggle={() => decisions.toggleCaption('correct')} />
        <VerdictToggle label="Caption has errors" tone="bad" shortcut="9" disabled={disabled} pressed={verdict === 'wrong'} onToggle={() => decisions.toggleCaption('wrong')} />
      </div>
      {verdict === 'wrong' && (
        <div className="space-y-1" data-testid="caption-correction">
          <CorrectionField label="caption (long)" rows={4} original={record.caption} value={decisions.get('caption')?.newText ?? null} onChange={(text) => decisions.set('caption', { newText: text }, true)} />
          <CorrectionField label="short_caption" rows={2} original={record.shortCaption} value={decisions.get('short_caption')?.newText ?? null} onChange={(text) => decisions.set('short_caption', { newText: text }, true)} />
        </div>
      )}
      <label className="block text-xs text-slate-400">
        Note
        <textarea
          className="mt-0.5 block w-full resize-y rounded border border-slate-700 bg-slate-950 px-1.5 py-1 text-sm text-slate-100 placeholder:text-slate-600 focus:border-sky-500 focus:outline-none"
          rows={1}
          disabled={disabled}
          placeholder="anything a second reviewer should know about this record"
          value={decisions.get('note')?.newText ?? ''}
          onChange={(e) => decisions.set('note', { newText: e.currentTarget.value || null }, true)}
        />
      </label>
    </section>
  )
}
