import { describe, expect, it } from 'vitest'
import { correctRecord } from './correctedRecord.ts'
import { negativeField, type Decision } from './decisions.ts'
import { decision } from './testdata/decisions.ts'

const TEN_NEGATIVES = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, `not a cat ${i}`]))

interface TestRegion {
  bbox: number[]
  short_expr: string
  long_expr: string
  flag_short_neg: number
  short_expr_negs?: Record<string, string>
  extra?: number
}

interface TestRecord {
  id: string
  caption: string
  short_caption: string
  f_path: string
  bbox_info: TestRegion[]
  is_cn: boolean
}

/** A FineHARD record with unknown fields among known ones, to check that order and extras survive. */
function sampleRecord(): TestRecord {
  return {
    id: 'r-1',
    caption: 'a long caption',
    short_caption: 'a cat and a dog',
    f_path: 'grit-20m/data-12m/coyo_image_0/00000/000000000.jpg',
    bbox_info: [
      { bbox: [0.1, 0.1, 0.5, 0.5, 0.9], short_expr: 'a cat', long_expr: 'a grey cat', flag_short_neg: 1, short_expr_negs: { ...TEN_NEGATIVES }, extra: 7 },
      { bbox: [0.5, 0.5, 0.9, 0.9], short_expr: 'a dog', long_expr: 'a brown dog', flag_short_neg: 0 },
      { bbox: [0, 0, 1, 1, 0.5], short_expr: 'a room', long_expr: 'a room', flag_short_neg: 0 },
    ],
    is_cn: false,
  }
}

const region = (i: number, over: Partial<Decision>) => decision({ region: i, ...over })
const recordLevel = (over: Partial<Decision>) => decision({ region: null, ...over })

describe('correctRecord', () => {
  it('returns the same object when no decision changes anything', () => {
    const raw = sampleRecord()
    const result = correctRecord(raw, [
      region(0, { field: 'bbox', verdict: 'correct' }),
      region(0, { field: 'short_expr', verdict: 'correct', newText: 'a cat' }),
      region(0, { field: negativeField('k1'), verdict: 'true-negative' }),
      region(7, { field: 'bbox', verdict: 'wrong' }),
      recordLevel({ field: 'note', verdict: null, newText: 'seen' }),
      recordLevel({ field: 'caption', verdict: 'correct' }),
    ])
    expect(result.record).toBe(raw)
    expect(result.changed).toBe(false)
    expect(result.notes).toEqual({ droppedRegions: [], removedNegatives: 0, clearedFlags: 0, unfixedCaption: false, editedFields: 0 })
  })

  it('applies edits without mutating the input, keeping key order and unknown fields', () => {
    const raw = sampleRecord()
    const before = structuredClone(raw)
    const result = correctRecord(raw, [
      recordLevel({ field: 'caption', verdict: 'wrong', newText: 'a better caption' }),
      recordLevel({ field: 'short_caption', verdict: null, newText: 'a cat' }),
      region(1, { field: 'short_expr', verdict: 'wrong', newText: 'a puppy' }),
      region(1, { field: 'long_expr', verdict: null, newText: 'a brown puppy' }),
    ])
    expect(raw).toEqual(before)
    expect(result.changed).toBe(true)
    const expected = sampleRecord()
    expected.caption = 'a better caption'
    expected.short_caption = 'a cat'
    expected.bbox_info[1].short_expr = 'a puppy'
    expected.bbox_info[1].long_expr = 'a brown puppy'
    expect(result.record).toEqual(expected)
    expect(Object.keys(result.record as object)).toEqual(Object.keys(raw))
    expect((result.record as TestRecord).bbox_info[0]).toBe(raw.bbox_info[0])
    expect(result.notes).toMatchObject({ editedFields: 4, unfixedCaption: false, droppedRegions: [] })
  })

  it('replaces a box, keeping the detector confidence and putting corners in order', () => {
    const raw = sampleRecord()
    const result = correctRecord(raw, [
      region(0, { field: 'bbox', verdict: 'wrong', newText: '[0.2, 0.6, 0.4, 0.3]' }),
      region(1, { field: 'bbox', verdict: null, newText: '[0.4,0.4,0.8,0.8,0.3]' }),
      region(2, { field: 'bbox', verdict: 'correct', newText: '[0.1,0.1,0.9,0.9]' }),
    ])
    const boxes = (result.record as TestRecord).bbox_info.map((r) => r.bbox)
    expect(boxes).toEqual([[0.2, 0.3, 0.4, 0.6, 0.9], [0.4, 0.4, 0.8, 0.8, 0.3], [0.1, 0.1, 0.9, 0.9, 0.5]])
    expect(result.notes.editedFields).toBe(3)
  })

  it('drops regions whose box or phrase is wrong and unfixed, reporting original indices', () => {
    const raw = sampleRecord()
    const result = correctRecord(raw, [
      region(0, { field: 'bbox', verdict: 'wrong' }),
      region(0, { field: 'short_expr', verdict: 'correct', newText: 'a kitten' }),
      region(1, { field: 'short_expr', verdict: 'wrong', newText: 'a dog' }),
      region(2, { field: 'bbox', verdict: 'wrong', newText: 'not json' }),
    ])
    expect((result.record as TestRecord).bbox_info).toEqual([])
    expect(result.notes.droppedRegions).toEqual([0, 1, 2])
    expect(result.notes.editedFields).toBe(0)
  })

  it('keeps a wrong phrase that was corrected', () => {
    const raw = sampleRecord()
    const result = correctRecord(raw, [region(2, { field: 'short_expr', verdict: 'wrong', newText: 'a bedroom' })])
    expect((result.record as TestRecord).bbox_info.map((r) => r.short_expr)).toEqual(['a cat', 'a dog', 'a bedroom'])
  })

  it('removes untrue negatives and clears the flag when fewer than ten remain', () => {
    const raw = sampleRecord()
    const result = correctRecord(raw, [
      region(0, { field: negativeField('k3'), verdict: 'actually-true' }),
      region(0, { field: negativeField('k7'), verdict: 'nonsense' }),
      region(0, { field: negativeField('k8'), verdict: 'true-negative' }),
      region(0, { field: negativeField('missing'), verdict: 'nonsense' }),
    ])
    const first = (result.record as TestRecord).bbox_info[0]
    expect(Object.keys(first.short_expr_negs ?? {})).toEqual(['k0', 'k1', 'k2', 'k4', 'k5', 'k6', 'k8', 'k9'])
    expect(first.flag_short_neg).toBe(0)
    expect(Object.keys(first)).toEqual(Object.keys(raw.bbox_info[0]))
    expect(raw.bbox_info[0].short_expr_negs).toEqual(TEN_NEGATIVES)
    expect(result.notes).toMatchObject({ removedNegatives: 2, clearedFlags: 1 })
  })

  it('leaves the flag alone when it was 0 or enough negatives remain', () => {
    const raw = sampleRecord()
    raw.bbox_info[0].short_expr_negs = { ...TEN_NEGATIVES, extra1: 'x' }
    raw.bbox_info[1] = { ...raw.bbox_info[1], short_expr_negs: { a: 'a cat' } }
    const result = correctRecord(raw, [
      region(0, { field: negativeField('extra1'), verdict: 'nonsense' }),
      region(1, { field: negativeField('a'), verdict: 'actually-true' }),
    ])
    const regions = (result.record as TestRecord).bbox_info
    expect(regions[0].flag_short_neg).toBe(1)
    expect(regions[0].short_expr_negs).toEqual(TEN_NEGATIVES)
    expect(regions[1].flag_short_neg).toBe(0)
    expect(regions[1].short_expr_negs).toEqual({})
    expect(result.notes).toMatchObject({ removedNegatives: 2, clearedFlags: 0 })
  })

  it('notes a wrong caption left unfixed without changing the record', () => {
    const raw = sampleRecord()
    const wrong = recordLevel({ field: 'caption', verdict: 'wrong' })
    const unfixed = correctRecord(raw, [wrong])
    expect(unfixed.changed).toBe(false)
    expect(unfixed.notes.unfixedCaption).toBe(true)
    const fixedShort = correctRecord(raw, [wrong, recordLevel({ field: 'short_caption', verdict: null, newText: 'two pets' })])
    expect(fixedShort.notes.unfixedCaption).toBe(false)
    expect((fixedShort.record as TestRecord).caption).toBe(raw.caption)
  })

  it('adds a caption that was missing and tolerates records that are not FineHARD-shaped', () => {
    const noCaption = { f_path: 'x.jpg' }
    const result = correctRecord(noCaption, [recordLevel({ field: 'caption', verdict: 'wrong', newText: 'new' })])
    expect(result.record).toEqual({ f_path: 'x.jpg', caption: 'new' })
    expect(correctRecord(null, [region(0, { verdict: 'wrong' })]).record).toBeNull()
    const odd = { bbox_info: [42, { short_expr: 'x' }] }
    const oddResult = correctRecord(odd, [region(0, { field: 'bbox', verdict: 'wrong' }), region(1, { field: 'long_expr', newText: 'y' })])
    expect(oddResult.record).toEqual({ bbox_info: [{ short_expr: 'x', long_expr: 'y' }] })
    expect(oddResult.notes.droppedRegions).toEqual([0])
  })
})
