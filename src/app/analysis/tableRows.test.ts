import { describe, expect, it } from 'vitest'
import type { RegionResult, ScoreRow } from '../../analysis/scoreRows.ts'
import type { ScoredRecord } from './shardRun.ts'
import { filterRows, firstRow, inBin, intersectSorted, recordsOf, sortRows, tableRows } from './tableRows.ts'

function region(record: number, index: number, margin: number | null, p: number, confidence: number | null): RegionResult {
  return {
    file: 'a.json', record, region: index, f_path: null, confidence, p_positive: p, rank: margin !== null && margin <= 0 ? 2 : 1, margin,
    top_negative_key: margin === null ? null : 'color', passes: margin === null || margin > 0, negatives: margin === null ? 0 : 1, test_type: null,
  }
}

function row(record: number, index: number, key: string, text: string): ScoreRow {
  return { file: 'a.json', record, f_path: null, region: index, text_index: key === 'positive' ? 0 : 1, key, text, cosine: 0, p: 0 }
}

const records: ScoredRecord[] = [
  { run: 'r', record: 1, global: 11, fileName: 'a.json', failure: null, scores: { regions: [region(1, 0, -0.05, 0.2, 0.9)], rows: [row(1, 0, 'positive', 'a red cup'), row(1, 0, 'color', 'a blue cup')], skipped: [] } },
  { run: 'r', record: 0, global: 10, fileName: 'a.json', failure: null, scores: { regions: [region(0, 1, 0.1, 0.9, null), region(0, 0, null, 1, 0.5)], rows: [row(0, 1, 'positive', 'a dog'), row(0, 1, 'color', 'a cat'), row(0, 0, 'positive', 'a tree')], skipped: [] } },
]

describe('analysis table rows', () => {
  const rows = tableRows(records)

  it('flattens regions in dataset order with their phrase and strongest negative', () => {
    expect(rows.map((r) => [r.global, r.region, r.phrase, r.topText])).toEqual([[10, 0, 'a tree', null], [10, 1, 'a dog', 'a cat'], [11, 0, 'a red cup', 'a blue cup']])
  })

  it('sorts with missing values last in both directions, ties in dataset order', () => {
    expect(sortRows(rows, 'margin', false).map((r) => r.margin)).toEqual([-0.05, 0.1, null])
    expect(sortRows(rows, 'margin', true).map((r) => r.margin)).toEqual([0.1, -0.05, null])
    expect(sortRows(rows, 'confidence', true).map((r) => r.confidence)).toEqual([0.9, 0.5, null])
  })

  it('finds the first row of an order among accepted rows without sorting', () => {
    expect(firstRow(rows, 'margin', false, () => true)).toBe(sortRows(rows, 'margin', false)[0])
    expect(firstRow(rows, 'margin', false, (r) => r.global !== 11)?.margin).toBe(0.1)
    expect(firstRow(rows, 'margin', false, () => false)).toBeNull()
  })

  it('filters by histogram bin, outcome and text', () => {
    expect(filterRows(rows, { bin: { metric: 'margin', lo: -0.1, hi: 0 }, text: '', outcome: 'all' }).map((r) => r.global)).toEqual([11])
    expect(filterRows(rows, { bin: null, text: '', outcome: 'fails' }).map((r) => r.global)).toEqual([11])
    expect(filterRows(rows, { bin: null, text: 'CAT', outcome: 'all' }).map((r) => r.phrase)).toEqual(['a dog'])
    // The last bin of p(positive) holds p = 1 itself.
    expect(inBin(rows[0], { metric: 'p', lo: 0.95, hi: 1 })).toBe(true)
    expect(inBin(rows[1], { metric: 'p', lo: 0.9, hi: 0.95 })).toBe(true)
  })

  it('gives the gallery the distinct records of the rows, and intersects sorted sets', () => {
    expect([...recordsOf(rows)]).toEqual([10, 11])
    expect([...intersectSorted(Uint32Array.from([1, 3, 5, 7]), Uint32Array.from([3, 4, 7, 9]))]).toEqual([3, 7])
  })
})
