import { POSITIVE_KEY, type RegionResult } from '../../analysis/scoreRows.ts'
import type { ScoredRecord } from './shardRun.ts'
import type { ScoreBin, ScoreMetric, SortColumn } from '../viewState.ts'

/** One region of the analysis table: its result, where it is in the dataset, and its texts. */
export interface TableRow extends RegionResult {
  /** Record index across the open files (what the sample view opens). */
  global: number
  phrase: string
  topText: string | null
}

/** Flattens scored records into table rows, in dataset order. */
export function tableRows(records: readonly ScoredRecord[]): TableRow[] {
  const out: TableRow[] = []
  for (const record of records) {
    const texts = new Map(record.scores.rows.map((row) => [`${row.region}/${row.key}`, row.text]))
    for (const region of record.scores.regions) {
      out.push({
        ...region,
        global: record.global,
        phrase: texts.get(`${region.region}/${POSITIVE_KEY}`) ?? '',
        topText: region.top_negative_key === null ? null : (texts.get(`${region.region}/${region.top_negative_key}`) ?? null),
      })
    }
  }
  return out.sort((a, b) => a.global - b.global || a.region - b.region)
}

function metricOf(row: RegionResult, metric: ScoreMetric): number | null {
  return metric === 'margin' ? row.margin : row.p_positive
}

/** The bin holds [lo, hi); the histogram's last bin also holds its upper edge. */
export function inBin(row: RegionResult, bin: ScoreBin): boolean {
  const value = metricOf(row, bin.metric)
  return value !== null && value >= bin.lo && (value < bin.hi || (bin.hi === binTop(bin.metric) && value === bin.hi))
}

/** The fixed upper edge of each metric's histogram. */
function binTop(metric: ScoreMetric): number {
  return metric === 'margin' ? MARGIN_RANGE[1] : 1
}

/** Margins are cosine differences; ±0.3 holds nearly all of them for CLIP-like models, the rest go to the end bins. */
export const MARGIN_RANGE: readonly [number, number] = [-0.3, 0.3]

export interface RowFilter {
  bin: ScoreBin | null
  /** Case-insensitive text in the phrase or the top negative. */
  text: string
  outcome: 'all' | 'fails' | 'passes'
}

export function filterRows(rows: readonly TableRow[], filter: RowFilter): TableRow[] {
  const needle = filter.text.trim().toLowerCase()
  return rows.filter(
    (row) =>
      (!filter.bin || inBin(row, filter.bin)) &&
      (filter.outcome === 'all' || (filter.outcome === 'passes') === row.passes) &&
      (!needle || row.phrase.toLowerCase().includes(needle) || (row.topText?.toLowerCase().includes(needle) ?? false)),
  )
}

const sortValue: Record<SortColumn, (row: TableRow) => number | string | null> = {
  record: (row) => row.global + row.region / 1e4,
  p: (row) => row.p_positive,
  rank: (row) => row.rank,
  margin: (row) => row.margin,
  confidence: (row) => row.confidence,
  top: (row) => row.top_negative_key,
}

/** Orders rows by `column`; missing values (no negatives, no confidence) always last, ties in dataset order. */
function compareRows(column: SortColumn, descending: boolean): (a: TableRow, b: TableRow) => number {
  const value = sortValue[column]
  return (a, b) => {
    const [x, y] = [value(a), value(b)]
    if (x === null || y === null) return x === y ? a.global - b.global || a.region - b.region : x === null ? 1 : -1
    const order = x < y ? -1 : x > y ? 1 : 0
    return (descending ? -order : order) || a.global - b.global || a.region - b.region
  }
}

export function sortRows(rows: readonly TableRow[], column: SortColumn, descending: boolean): TableRow[] {
  return [...rows].sort(compareRows(column, descending))
}

/** The row `sortRows` would put first among those `accept` takes, in one pass (no sort). */
export function firstRow(rows: readonly TableRow[], column: SortColumn, descending: boolean, accept: (row: TableRow) => boolean): TableRow | null {
  const compare = compareRows(column, descending)
  let best: TableRow | null = null
  for (const row of rows) if (accept(row) && (best === null || compare(row, best) < 0)) best = row
  return best
}

/** Sorted, distinct record indices holding a row in `rows`: what the gallery shows for a bin. */
export function recordsOf(rows: readonly TableRow[]): Uint32Array {
  return Uint32Array.from(new Set(rows.map((row) => row.global))).sort()
}

/** Values present in both sorted arrays. */
export function intersectSorted(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out: number[] = []
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      out.push(a[i])
      i++
      j++
    } else if (a[i] < b[j]) i++
    else j++
  }
  return Uint32Array.from(out)
}
