import { describe, expect, it } from 'vitest'
import { groupFgovd } from '../formats/fgovd.ts'
import { normaliseRecord } from '../formats/finehardRecord.ts'
import { regionEmbeddings } from '../model/regionEmbeddings.ts'
import { FG_OVD_SCALE, scoreRegion } from '../model/scoring.ts'
import { joinScoreRows, recordResults, regionResultFromRows } from './joinScores.ts'
import { scoreRecord, type TextEmbedder } from './scoreRecord.ts'

// A 2×2 grid with P = 3: each cell points in its own direction, so a box over one cell has that
// cell's feature exactly (RoIAlign, aligned=True, samples the cell centre).
const manifest = { grid: 2, projectionDim: 3 }
const dense = Float32Array.from([1, 0, 0, /**/ 0, 1, 0, /**/ 0, 0, 1, /**/ 1, 1, 0])

const embeddings: Record<string, number[]> = {
  red: [1, 0, 0],
  blue: [0, 1, 0],
  'big red': [1, 0.2, 0],
  green: [0, 1, 0],
}
const embed: TextEmbedder = (text) => (text in embeddings ? Float32Array.from(embeddings[text]) : null)

const record = normaliseRecord(
  {
    f_path: 'grit-20m/data-12m/coyo_image_0/00000/000000042.jpg',
    caption: 'c',
    short_caption: 's',
    bbox_info: [
      { bbox: [0, 0, 0.5, 0.5, 0.8], short_expr: 'red', long_expr: 'l', flag_short_neg: 1, short_expr_negs: { color: 'blue', size: 'big red' } },
      { bbox: [0.5, 0, 1, 0.5], short_expr: 'green', long_expr: 'l', flag_short_neg: 0 },
      { bbox: [0.1, 0.2], short_expr: 'red', long_expr: 'l' },
      { bbox: [0, 0, 1, 1], short_expr: null, long_expr: 'l' },
      { bbox: [0, 0, 1, 1], short_expr: 'a word the model lacks', long_expr: 'l' },
      // Inverted: scored as drawn, with sorted corners, as the app does.
      { bbox: [0.5, 0.5, 0, 0], short_expr: 'red', long_expr: 'l', short_expr_negs: { color: 'blue' } },
    ],
  },
  7,
)

describe('scoreRecord', () => {
  const scores = scoreRecord(record, dense, embed, manifest, 'day_results.json')

  it('gives one row per text of each scorable region, with the sample view numbers', () => {
    const features = regionEmbeddings(record.regions.map((r) => r.box), dense, 2, 3)
    const expected = scoreRegion(features[0]!, ['red', 'blue', 'big red'].map((t) => embed(t)!), FG_OVD_SCALE)
    const first = scores.rows.filter((r) => r.region === 0)
    expect(first.map((r) => [r.text_index, r.key, r.text])).toEqual([[0, 'positive', 'red'], [1, 'color', 'blue'], [2, 'size', 'big red']])
    expect(first.map((r) => r.cosine)).toEqual(expected.cosines)
    expect(first.map((r) => r.p)).toEqual(expected.probabilities)
    expect(first[0]).toMatchObject({ file: 'day_results.json', record: 7, f_path: 'grit-20m/data-12m/coyo_image_0/00000/000000042.jpg' })
    expect(scores.regions[0]).toEqual({
      file: 'day_results.json', record: 7, region: 0, f_path: record.fPath, confidence: 0.8,
      p_positive: expected.positiveProbability, rank: 1, margin: 1 - expected.cosines[2], top_negative_key: 'size',
      passes: true, negatives: 2, test_type: null,
    })
  })

  it('scores a region without negatives alone (p = 1, no margin) and an inverted box as drawn', () => {
    expect(scores.regions.map((r) => r.region)).toEqual([0, 1, 5])
    expect(scores.regions[1]).toMatchObject({ p_positive: 1, rank: 1, margin: null, top_negative_key: null, negatives: 0, confidence: null })
    expect(scores.rows.filter((r) => r.region === 5).map((r) => r.cosine)).toEqual([1, 0])
  })

  it('lists the regions it cannot score, with why', () => {
    expect(scores.skipped.map((s) => [s.region, s.reason])).toEqual([[2, 'no-box'], [3, 'no-positive'], [4, 'text-not-embedded']])
  })

  it('carries FG-OVD test types', () => {
    const line = (test_type: string, x: number) => ({
      img_path: 'val2017/000000000001.jpg', bbox: [x, 0, 50, 50], width: 100, height: 100,
      pos_expression: ['red'], neg_expression: ['blue'], test_type,
    })
    const [group] = groupFgovd([line('color', 0), line('1_attributes', 50)].map((value, i) => ({ value, text: JSON.stringify(value), line: i + 1 })))
    const fg = scoreRecord(group, dense, embed, manifest, 'fgovd.jsonl')
    expect(fg.regions.map((r) => [r.test_type, r.top_negative_key, r.passes])).toEqual([['color', '0', true], ['1_attributes', '0', false]])
  })
})

describe('joining stored rows back to records', () => {
  const scores = scoreRecord(record, dense, embed, manifest, 'day_results.json')

  it('rebuilds the same region results from the rows, in any order', () => {
    const joined = joinScoreRows([...scores.rows].reverse())
    expect(recordResults(joined, 'day_results.json', record)).toEqual([scores.regions[0], scores.regions[1], null, null, null, scores.regions[2]])
    expect(recordResults(joined, 'other.json', record).every((r) => r === null)).toBe(true)
  })

  it('refuses a region whose rows have a gap', () => {
    const [group] = joinScoreRows(scores.rows.filter((r) => !(r.region === 0 && r.text_index === 1))).values()
    expect(() => regionResultFromRows(group, null)).toThrow(/text_index 2 found where 1 was expected/)
  })
})
