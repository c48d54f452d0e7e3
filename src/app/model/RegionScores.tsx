import { useMemo, useState, type ReactNode } from 'react'
import { cosine, scoreRegion, softmax, type RegionScore } from '../../model/scoring.ts'
import { revealInvisible } from '../components/UntrustedText.tsx'
import { useTextEmbeddings } from './modelQueries.ts'

export interface ScoredText {
  /** `positive`, or the negative's key in short_expr_negs. */
  key: string
  text: string
  edited: boolean
}

const pct = (p: number) => `${(p * 100).toFixed(p >= 0.995 || p < 0.005 ? 1 : 0)}%`
const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`

/** The FG-OVD numbers of one region: p(positive), rank, margin. */
export function ScoreSummary({ score, total }: { score: RegionScore; total: number }) {
  return (
    <p className="flex flex-wrap items-center gap-x-3 text-xs" data-testid="region-score" data-rank={score.rank} data-passes={score.passes} data-margin={score.margin ?? undefined}>
      <span className={`rounded px-1.5 py-0.5 font-semibold ${score.passes ? 'bg-emerald-700 text-emerald-50' : 'bg-red-700 text-red-50'}`}>
        {score.passes ? 'positive ranks first' : `${score.beatingNegatives.length} negative${score.beatingNegatives.length === 1 ? '' : 's'} beat the positive`}
      </span>
      <span className="text-slate-300">p(positive) <strong data-testid="p-positive">{pct(score.positiveProbability)}</strong></span>
      <span className="text-slate-300">rank {score.rank}/{total}</span>
      {score.margin !== null && <span className="text-slate-300">margin <strong className={score.margin > 0 ? 'text-emerald-300' : 'text-red-300'}>{signed(score.margin)}</strong></span>}
    </p>
  )
}

/** Any text typed by the user, scored against the region beside the positive (not among the negatives). */
function FreeQuery(props: { regionIndex: number; feature: Float32Array | null; positiveCosine: number | null; scale: number }) {
  const [text, setText] = useState('')
  const query = text.trim()
  const [embedding] = useTextEmbeddings(useMemo(() => (query ? [{ text: query, path: 'short' as const }] : []), [query]))
  const cos = props.feature && embedding && query ? cosine(props.feature, embedding) : null
  const versus = cos !== null && props.positiveCosine !== null ? softmax([props.positiveCosine, cos], props.scale)[1] : null
  return (
    <div className="flex items-center gap-2 text-sm" data-testid="free-query">
      <span className="w-16 shrink-0 font-mono text-[11px] text-slate-500">query</span>
      <input
        className="min-w-0 flex-1 rounded border border-slate-700 bg-slate-950 px-1 py-0.5 text-slate-200 placeholder:text-slate-600 focus:border-sky-500 focus:outline-none"
        placeholder="type any text to score it against this region"
        aria-label={`Region ${props.regionIndex} free query`}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <span className="w-24 shrink-0 text-right font-mono text-[11px] tabular-nums text-slate-400" data-testid="free-query-score" title="cosine, and p of the query against the positive alone">
        {cos === null ? '' : `${versus === null ? '' : `${pct(versus)} · `}${cos.toFixed(3)}`}
      </span>
    </div>
  )
}

/**
 * A region's positive and hard negatives scored against its RoIAlign feature: sorted by score
 * with bars, every text editable in place (the score follows as you type).
 */
export function RegionScores(props: {
  regionIndex: number
  feature: Float32Array | null
  texts: ScoredText[]
  scale: number
  onEdit: (key: string, text: string) => void
  /** Shown under a negative's line (the reviewer's verdicts). */
  negativeExtra?: (key: string) => ReactNode
}) {
  const embeddings = useTextEmbeddings(useMemo(() => props.texts.map((t) => ({ text: t.text, path: 'short' as const })), [props.texts]))
  const ready = props.feature !== null && embeddings.every((e) => e !== null)
  const score = useMemo(
    () => (ready && props.feature ? scoreRegion(props.feature, embeddings as Float32Array[], props.scale) : null),
    // Embedding arrays are stable per text, so their identities are the right dependency.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, props.feature, props.scale, ...embeddings],
  )
  const order = useMemo(() => {
    const indices = props.texts.map((_, i) => i)
    return score ? indices.sort((a, b) => score.cosines[b] - score.cosines[a]) : indices
  }, [props.texts, score])

  return (
    <div className="mt-1.5 space-y-1" data-testid="region-scores">
      {score ? <ScoreSummary score={score} total={props.texts.length} /> : <p className="text-xs text-slate-500">scoring…</p>}
      <ul className="space-y-0.5">
        {order.map((i) => {
          const t = props.texts[i]
          const positive = i === 0
          const beats = !positive && score !== null && score.beatingNegatives.includes(i - 1)
          return (
            <li key={t.key} className="relative flex flex-wrap items-center gap-x-2 text-sm" data-testid={positive ? 'scored-positive' : 'scored-negative'} data-key={t.key} data-beats={beats || undefined}>
              <span className="absolute inset-y-0 left-0 rounded bg-sky-500/20" style={{ width: score ? pct(score.probabilities[i]) : 0 }} aria-hidden />
              <span className="relative w-16 shrink-0 truncate font-mono text-[11px] text-slate-500" title={t.key}>{positive ? 'positive' : t.key}</span>
              <input
                className={`relative min-w-0 flex-1 rounded border border-transparent bg-transparent px-1 py-0.5 hover:border-slate-600 focus:border-sky-500 focus:bg-slate-950 focus:outline-none ${positive ? 'font-medium text-emerald-200' : beats ? 'text-red-200' : 'text-slate-300'} ${t.edited ? 'italic' : ''}`}
                value={revealInvisible(t.text)}
                aria-label={positive ? `Region ${props.regionIndex} positive phrase` : `Region ${props.regionIndex} negative ${t.key}`}
                onChange={(e) => props.onEdit(t.key, e.currentTarget.value)}
              />
              {beats && <span className="relative text-xs text-red-300" title="this negative scores at least as high as the positive" aria-label="beats the positive">▲</span>}
              <span className="relative w-24 shrink-0 text-right font-mono text-[11px] tabular-nums text-slate-400" data-testid="text-score">
                {score ? `${pct(score.probabilities[i])} · ${score.cosines[i].toFixed(3)}` : '…'}
              </span>
              {!positive && props.negativeExtra && <div className="relative basis-full pl-[4.5rem]">{props.negativeExtra(t.key)}</div>}
            </li>
          )
        })}
      </ul>
      <FreeQuery regionIndex={props.regionIndex} feature={props.feature} positiveCosine={score?.cosines[0] ?? null} scale={props.scale} />
    </div>
  )
}
