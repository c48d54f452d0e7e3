import type { Histogram as Counts } from '../../analysis/aggregate.ts'
import type { ScoreBin, ScoreMetric } from '../viewState.ts'

const fmt = (v: number) => (Math.abs(v) < 1e-9 ? '0' : v.toFixed(2))

/**
 * Bars of a histogram as buttons: a click filters the table and the gallery to that bin, a second
 * click (or another bar) changes or clears it. Values outside the range are counted beside it.
 */
export function Histogram(props: { title: string; metric: ScoreMetric; counts: Counts; selected: ScoreBin | null; onSelect: (bin: ScoreBin | null) => void }) {
  const { counts } = props
  const peak = Math.max(1, ...counts.counts)
  return (
    <figure className="space-y-1" data-testid={`histogram-${props.metric}`}>
      <figcaption className="text-xs font-semibold uppercase tracking-wide text-slate-400">{props.title}</figcaption>
      <div className="flex h-24 items-end gap-px border-b border-slate-600">
        {counts.counts.map((count, i) => {
          const [lo, hi] = [counts.edges[i], counts.edges[i + 1]]
          const active = props.selected?.metric === props.metric && props.selected.lo === lo && props.selected.hi === hi
          return (
            <button
              key={i}
              type="button"
              aria-pressed={active}
              aria-label={`${props.title} ${fmt(lo)} to ${fmt(hi)}: ${count} regions`}
              title={`${fmt(lo)} … ${fmt(hi)}: ${count} regions`}
              data-count={count}
              className="group flex h-full flex-1 items-end focus:outline-none"
              onClick={() => props.onSelect(active ? null : { metric: props.metric, lo, hi })}
            >
              <span
                className={`block w-full rounded-t-sm group-focus-visible:ring-2 group-focus-visible:ring-sky-400 ${active ? 'bg-amber-400' : lo < 0 && props.metric === 'margin' ? 'bg-red-500/80 group-hover:bg-red-400' : 'bg-sky-500/80 group-hover:bg-sky-400'}`}
                style={{ height: `${count === 0 ? 0 : Math.max(4, (count / peak) * 100)}%` }}
              />
            </button>
          )
        })}
      </div>
      <div className="flex justify-between font-mono text-[10px] text-slate-500">
        <span>{fmt(counts.edges[0])}{counts.below > 0 && ` (+${counts.below} below)`}</span>
        <span>{fmt(counts.edges[counts.edges.length - 1])}{counts.above > 0 && ` (+${counts.above} above)`}</span>
      </div>
    </figure>
  )
}
