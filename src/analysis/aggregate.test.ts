import { describe, expect, it } from 'vitest'
import { accuracyByConfidence, accuracyByNegativeKey, fgovdAccuracy, histogram, overallAccuracy } from './aggregate.ts'
import type { RegionResult, ScoreRow } from './scoreRows.ts'

function region(over: Partial<RegionResult>): RegionResult {
  return {
    file: 'a.json', record: 0, region: 0, f_path: null, confidence: null, p_positive: 0.5, rank: 1, margin: 0.1,
    top_negative_key: 'color', passes: true, negatives: 10, test_type: null, ...over,
  }
}

/** Rows of one region: the positive's cosine, then [key, cosine] per negative. */
function rows(record: number, positive: number, negatives: [string, number][]): ScoreRow[] {
  const base = { file: 'a.json', record, f_path: null, region: 0, text: 't', p: 0 }
  return [
    { ...base, text_index: 0, key: 'positive', cosine: positive },
    ...negatives.map(([key, cosine], i) => ({ ...base, text_index: i + 1, key, cosine })),
  ]
}

describe('histogram', () => {
  it('counts values into equal bins, the maximum into the last, outliers apart', () => {
    const h = histogram([0, 0.1, 0.25, 0.5, 0.74, 0.75, 1, -0.01, 1.5, NaN], 0, 1, 4)
    expect(h.edges).toEqual([0, 0.25, 0.5, 0.75, 1])
    expect(h.counts).toEqual([2, 1, 2, 2])
    expect(h).toMatchObject({ below: 1, above: 2 })
  })

  it('puts a value lying on an edge into the bin that starts there, despite rounding', () => {
    // 0.29 / 1 * 100 = 28.999999999999996 in floating point, yet 0.29 is edges[29].
    const h = histogram([0.29], 0, 1, 100)
    expect(h.edges[29]).toBe(0.29)
    expect(h.counts[29]).toBe(1)
  })

  it('rejects an empty range or a bad bin count', () => {
    expect(() => histogram([], 1, 1, 4)).toThrow(/min < max/)
    expect(() => histogram([], 0, 1, 0)).toThrow(/bins/)
  })
})

describe('accuracy by negative key', () => {
  it('counts, per key, the regions where that negative did not reach the positive (a tie counts as reaching it)', () => {
    const all = [
      ...rows(0, 0.5, [['color', 0.4], ['size', 0.6]]),
      ...rows(1, 0.5, [['color', 0.5], ['shape', 0.1]]),
      ...rows(2, 0.9, [['color', 0.2]]),
      ...rows(3, 0.9, []),
    ]
    expect(accuracyByNegativeKey(all)).toEqual([
      { key: 'color', total: 3, solved: 2, accuracy: 2 / 3 },
      { key: 'shape', total: 1, solved: 1, accuracy: 1 },
      { key: 'size', total: 1, solved: 0, accuracy: 0 },
    ])
  })

  it('does not depend on the order of the rows', () => {
    const all = [...rows(0, 0.5, [['color', 0.4], ['size', 0.6]]), ...rows(1, 0.3, [['color', 0.4]])]
    expect(accuracyByNegativeKey([...all].reverse())).toEqual(accuracyByNegativeKey(all))
  })
})

describe('overall and confidence-band accuracy', () => {
  const regions = [
    region({ confidence: 0.45, passes: true }),
    region({ confidence: 0.5, passes: false }),
    region({ confidence: 0.55, passes: true }),
    region({ confidence: 0.9, passes: true }),
    region({ confidence: 0.97, passes: false }),
    region({ confidence: null, passes: true }),
    // No negatives: the positive "wins" by default, which says nothing; left out everywhere.
    region({ confidence: 0.95, passes: true, negatives: 0, margin: null, top_negative_key: null }),
  ]

  it('overall: regions with negatives only', () => {
    expect(overallAccuracy(regions)).toEqual({ total: 6, solved: 4, accuracy: 4 / 6 })
    expect(overallAccuracy([])).toEqual({ total: 0, solved: 0, accuracy: null })
  })

  it('bands are [min, max), with open ends and a band for a missing confidence', () => {
    const bands = accuracyByConfidence(regions)
    expect(bands.map((b) => [b.label, b.total, b.solved])).toEqual([
      ['<0.5', 1, 1],
      ['0.5–0.6', 2, 1],
      ['0.6–0.7', 0, 0],
      ['0.7–0.8', 0, 0],
      ['0.8–0.9', 0, 0],
      ['≥0.9', 2, 1],
      ['no confidence', 1, 1],
    ])
    expect(bands[2].accuracy).toBeNull()
    expect(bands[0]).toMatchObject({ min: null, max: 0.5 })
    expect(bands[5]).toMatchObject({ min: 0.9, max: null })
    expect(accuracyByConfidence(regions, [0.7]).map((b) => b.label)).toEqual(['<0.7', '≥0.7', 'no confidence'])
  })
})

describe('FG-OVD accuracy', () => {
  it('solves a region when the positive has the highest score (ties and no negatives included), per test type and in total', () => {
    const regions = [
      region({ test_type: '1_attributes', margin: 0.2, passes: true }),
      region({ test_type: '1_attributes', margin: -0.1, passes: false }),
      region({ test_type: '1_attributes', margin: 0, passes: false }),
      region({ test_type: 'color', margin: null, negatives: 0 }),
      region({ test_type: 'color', margin: -0.3, passes: false }),
      region({ test_type: null, margin: 0.5 }),
    ]
    expect(fgovdAccuracy(regions)).toEqual({
      types: [
        { test_type: '1_attributes', total: 3, solved: 2, accuracy: 2 / 3 },
        { test_type: 'color', total: 2, solved: 1, accuracy: 0.5 },
      ],
      total: { total: 5, solved: 3, accuracy: 0.6 },
    })
  })

  it('is empty for FineHARD regions', () => {
    expect(fgovdAccuracy([region({})])).toEqual({ types: [], total: { total: 0, solved: 0, accuracy: null } })
  })
})
