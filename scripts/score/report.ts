/** What the CLI prints: a progress line (stderr) and the summary (stdout). */
import type { Accuracy } from '../../src/analysis/aggregate.ts'
import type { Progress, ScoreSummary } from './run.ts'

const pct = (a: Accuracy) => (a.accuracy === null ? '—' : `${(100 * a.accuracy).toFixed(1)} % (${a.solved}/${a.total})`)
const rate = (n: number, seconds: number) => (seconds > 0 ? (n / seconds).toFixed(1) : '—')

export function formatProgress(p: Progress): string {
  const share = p.total > 0 ? ` (${((100 * p.done) / p.total).toFixed(1)} %)` : ''
  return `records ${p.done}/${p.total}${share}, ${rate(p.done, p.seconds)} records/s, ${p.regions} regions (${rate(p.regions, p.seconds)}/s), ${p.missing} without image`
}

export function formatSummary(s: ScoreSummary): string[] {
  const perMs = (ms: number, n: number) => (n > 0 ? `${(ms / n).toFixed(2)} ms` : '—')
  const { times: t } = s
  const skipped = Object.entries(s.regionsSkipped).filter(([, n]) => n > 0).map(([reason, n]) => `${n} ${reason}`)
  const lines = [
    `${s.file}, shard ${s.shard.index}/${s.shard.count}: ${s.records} records selected, ${s.recordsScored} scored, ${s.recordsWithoutImage} without image, ${s.recordsWithoutRegions} without regions`,
    `regions scored: ${s.regionsScored} (${s.rows} rows); skipped: ${skipped.length ? skipped.join(', ') : 'none'}; in records without image: ${s.regionsWithoutImage}`,
    `accuracy (positive beats all its negatives, regions with negatives): ${pct(s.accuracy)}`,
    ...s.fgovd.types.map((t) => `FG-OVD ${t.test_type}: ${pct(t)}`),
    ...(s.fgovd.total.total > 0 ? [`FG-OVD total: ${pct(s.fgovd.total)}`] : []),
    `speed: ${rate(s.regionsScored, s.scoringSeconds)} regions/s, ${rate(s.recordsScored, s.scoringSeconds)} records/s over ${s.scoringSeconds.toFixed(1)} s (setup ${s.setupSeconds.toFixed(1)} s)`,
    `per image: load+decode ${perMs(t.load, s.recordsScored + s.recordsWithoutImage)}, preprocess ${perMs(t.preprocess, s.recordsScored)}, image graph ${perMs(t.imageGraph, s.recordsScored)}; ` +
      `text graph ${perMs(t.textGraph, s.textsEmbedded)} per text (${s.textsEmbedded} embedded); scoring ${perMs(t.scoring, s.regionsScored)} per region`,
  ]
  return lines
}
