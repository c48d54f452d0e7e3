/**
 * Whole-shard numbers from scored regions and rows: histograms and accuracies by negative key,
 * detector-confidence band and FG-OVD test type. Pure, so the worker and the CLI agree.
 */
import { joinScoreRows } from './joinScores.ts'
import type { RegionResult, ScoreRow } from './scoreRows.ts'

export interface Accuracy {
  total: number
  solved: number
  /** solved / total; null when total is 0. */
  accuracy: number | null
}

function accuracy(solved: number, total: number): Accuracy {
  return { total, solved, accuracy: total > 0 ? solved / total : null }
}

export interface Histogram {
  /** bins + 1 edges from min to max; bin i is [edges[i], edges[i+1]), the last bin also holds max. */
  edges: number[]
  counts: number[]
  /** Values below min / above max (or not finite), which no bin holds. */
  below: number
  above: number
}

/** Counts values into `bins` equal bins over [min, max]. */
export function histogram(values: Iterable<number>, min: number, max: number, bins: number): Histogram {
  if (!(max > min) || !Number.isInteger(bins) || bins < 1) throw new Error(`histogram: needs min < max and a whole number of bins ≥ 1, got ${min}, ${max}, ${bins}`)
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? max : min + ((max - min) * i) / bins))
  const counts: number[] = new Array<number>(bins).fill(0)
  let below = 0
  let above = 0
  for (const v of values) {
    if (v < min) below++
    else if (v > max || !Number.isFinite(v)) above++
    else {
      let bin = Math.min(bins - 1, Math.floor(((v - min) / (max - min)) * bins))
      // The division can round across an edge; the edges themselves decide.
      if (v < edges[bin]) bin--
      else if (bin < bins - 1 && v >= edges[bin + 1]) bin++
      counts[bin]++
    }
  }
  return { edges, counts, below, above }
}

/** Regions that have negatives: without any, "the positive wins" says nothing. */
function contested(regions: readonly RegionResult[]): RegionResult[] {
  return regions.filter((r) => r.negatives > 0)
}

/** Share of regions with negatives where the positive strictly beats all of them. */
export function overallAccuracy(regions: readonly RegionResult[]): Accuracy {
  const scored = contested(regions)
  return accuracy(scored.filter((r) => r.passes).length, scored.length)
}

export interface KeyAccuracy extends Accuracy {
  key: string
}

/**
 * Per negative key (e.g. `color`, `size_2`): of the regions having a negative with that key, in
 * how many it did not outscore the positive. A tie counts as outscoring, as in scoreFromCosines.
 * Sorted by key.
 */
export function accuracyByNegativeKey(rows: readonly ScoreRow[]): KeyAccuracy[] {
  const counts = new Map<string, { solved: number; total: number }>()
  for (const group of joinScoreRows(rows).values()) {
    const [positive, ...negatives] = group.rows
    for (const negative of negatives) {
      const c = counts.get(negative.key) ?? { solved: 0, total: 0 }
      c.total++
      if (negative.cosine < positive.cosine) c.solved++
      counts.set(negative.key, c)
    }
  }
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, c]) => ({ key, ...accuracy(c.solved, c.total) }))
}

/** Lower edges of the default confidence bands: <0.5, 0.5–0.6, …, ≥0.9 (FineHARD kept boxes above 0.4). */
export const CONFIDENCE_EDGES: readonly number[] = [0.5, 0.6, 0.7, 0.8, 0.9]

export interface BandAccuracy extends Accuracy {
  label: string
  /** The band is [min, max); null = unbounded. Both null: regions without a confidence. */
  min: number | null
  max: number | null
}

/** Accuracy (as overallAccuracy) per detector-confidence band, plus a band for regions without one. */
export function accuracyByConfidence(regions: readonly RegionResult[], edges: readonly number[] = CONFIDENCE_EDGES): BandAccuracy[] {
  const bounds = [null, ...edges].map((min, i) => ({ min, max: i < edges.length ? edges[i] : null }))
  const scored = contested(regions)
  const bands = bounds.map(({ min, max }) => {
    const inBand = scored.filter((r) => r.confidence !== null && (min === null || r.confidence >= min) && (max === null || r.confidence < max))
    const label = min === null ? `<${max}` : max === null ? `≥${min}` : `${min}–${max}`
    return { label, min, max, ...accuracy(inBand.filter((r) => r.passes).length, inBand.length) }
  })
  const none = scored.filter((r) => r.confidence === null)
  return [...bands, { label: 'no confidence', min: null, max: null, ...accuracy(none.filter((r) => r.passes).length, none.length) }]
}

export interface TestTypeAccuracy extends Accuracy {
  test_type: string
}

export interface FgovdAccuracy {
  /** Sorted by test type. */
  types: TestTypeAccuracy[]
  /** Over all FG-OVD regions (each region counted once, not a mean of the types). */
  total: Accuracy
}

/**
 * FG-OVD accuracy as FG-CLIP's evaluation computes it (fgclip/eval/fgovd_eval.py): a region is
 * solved when the positive's softmax score equals the maximum over positive + its negatives —
 * so a tie counts as solved there (unlike `passes`), and a region without negatives is solved.
 * Softmax is monotonic, so this is margin ≥ 0. Only regions with a test_type count.
 */
export function fgovdAccuracy(regions: readonly RegionResult[]): FgovdAccuracy {
  const byType = new Map<string, { solved: number; total: number }>()
  for (const r of regions) {
    if (r.test_type === null) continue
    const c = byType.get(r.test_type) ?? { solved: 0, total: 0 }
    c.total++
    if (r.margin === null || r.margin >= 0) c.solved++
    byType.set(r.test_type, c)
  }
  const types = [...byType]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([test_type, c]) => ({ test_type, ...accuracy(c.solved, c.total) }))
  const solved = types.reduce((sum, t) => sum + t.solved, 0)
  const total = types.reduce((sum, t) => sum + t.total, 0)
  return { types, total: accuracy(solved, total) }
}
