import { describe, expect, it } from 'vitest'
import { normaliseRecord } from './finehardRecord.ts'
import { emptyFilter, isEmptyFilter, matchesFilter } from './recordFilter.ts'

const record = normaliseRecord(
  {
    caption: 'A Dog on a mat',
    short_caption: 'dog',
    f_path: 'coyo_image_0/00000/000000000.jpg',
    bbox_info: [
      { bbox: [0, 0, 1, 1, 0.9], short_expr: 'brown dog', long_expr: 'a brown dog lying', flag_short_neg: 1, short_expr_negs: { a: 'a purple cat' } },
      { bbox: [0, 0, 1, 1, 0.45], short_expr: 'mat', long_expr: 'a mat', flag_short_neg: 0 },
    ],
  },
  0,
)
const clean = normaliseRecord({ caption: 'x', short_caption: 'y', f_path: 'z', bbox_info: [] }, 1)

describe('matchesFilter', () => {
  it('passes everything with the empty filter', () => {
    expect(isEmptyFilter(emptyFilter)).toBe(true)
    expect(isEmptyFilter({ ...emptyFilter, text: 'a' })).toBe(false)
    expect(matchesFilter(record, emptyFilter)).toBe(true)
  })

  it('matches text case-insensitively across captions, expressions and negatives', () => {
    expect(matchesFilter(record, { ...emptyFilter, text: 'dOG ON' })).toBe(true)
    expect(matchesFilter(record, { ...emptyFilter, text: 'PURPLE' })).toBe(true)
    expect(matchesFilter(record, { ...emptyFilter, text: 'lying' })).toBe(true)
    expect(matchesFilter(record, { ...emptyFilter, text: 'giraffe' })).toBe(false)
  })

  it('filters by negatives, box count, confidence and defects', () => {
    expect(record.defects.map((d) => d.code)).toEqual(['missing-negatives'])
    expect(matchesFilter(record, { ...emptyFilter, hasNegatives: true })).toBe(true)
    expect(matchesFilter(clean, { ...emptyFilter, hasNegatives: true })).toBe(false)
    expect(matchesFilter(record, { ...emptyFilter, minBoxes: 2, maxBoxes: 2 })).toBe(true)
    expect(matchesFilter(record, { ...emptyFilter, minBoxes: 3 })).toBe(false)
    expect(matchesFilter(record, { ...emptyFilter, minConfidence: 0.4, maxConfidence: 0.5 })).toBe(true)
    expect(matchesFilter(record, { ...emptyFilter, minConfidence: 0.95 })).toBe(false)
    expect(matchesFilter(record, { ...emptyFilter, invalidOnly: true })).toBe(true)
    expect(matchesFilter(clean, { ...emptyFilter, invalidOnly: true })).toBe(false)
  })
})
