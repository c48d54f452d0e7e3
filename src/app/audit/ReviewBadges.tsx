import type { Verdict } from '../../audit/decisions.ts'
import type { RegionReviewState } from './reviewedRecord.ts'

const mark = (verdict: Verdict | null) => (verdict === null ? '·' : verdict === 'correct' ? '✓' : '✗')
const tone = (verdict: Verdict | null) => (verdict === null ? 'text-slate-500' : verdict === 'correct' ? 'text-emerald-300' : 'text-red-300')

/** A region's review at a glance: box, phrase, negatives with a verdict, and any negative found true. */
export function ReviewBadges({ state, negatives }: { state: RegionReviewState; negatives: number }) {
  const actuallyTrue = [...state.negatives.values()].filter((v) => v === 'actually-true').length
  const summary = `box ${state.box ?? 'not reviewed'}, phrase ${state.phrase ?? 'not reviewed'}, ${negatives - state.unreviewedNegatives} of ${negatives} negatives reviewed`
  return (
    <span className="flex shrink-0 items-center gap-1.5 whitespace-nowrap font-mono text-[11px]" data-testid="review-badges" data-reviewed={state.reviewed || undefined} title={summary} aria-label={summary}>
      <span className={tone(state.box)}>box {mark(state.box)}</span>
      <span className={tone(state.phrase)}>phrase {mark(state.phrase)}</span>
      {negatives > 0 && (
        <span className={state.unreviewedNegatives === 0 ? 'text-emerald-300' : 'text-slate-500'}>
          neg {negatives - state.unreviewedNegatives}/{negatives}
        </span>
      )}
      {actuallyTrue > 0 && <span className="text-red-300">{actuallyTrue} true!</span>}
    </span>
  )
}
