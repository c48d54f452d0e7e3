import { describe, expect, it } from 'vitest'
import { decisionKey, negativeField, type Decision } from './decisions.ts'
import { countReview, isRegionReviewed } from './reviewProgress.ts'
import { decision } from './testdata/decisions.ts'

const FILE = 'f.json|10|sha256:0000000000000000'
const d = (over: Partial<Decision>) => decision({ file: FILE, ...over })

describe('countReview', () => {
  it('counts nothing for no decisions', () => {
    const counts = countReview([])
    expect(counts.regions + counts.negatives + counts.notes + counts.edits).toBe(0)
    expect(Object.values(counts.verdicts).every((n) => n === 0)).toBe(true)
  })

  it('counts a region only when both its box and its phrase have verdicts', () => {
    const counts = countReview([
      d({ record: 0, region: 0, field: 'bbox', verdict: 'correct' }),
      d({ record: 0, region: 0, field: 'short_expr', verdict: 'wrong', oldText: 'a', newText: 'b' }),
      d({ record: 0, region: 1, field: 'bbox', verdict: 'wrong' }),
      d({ record: 1, region: 1, field: 'short_expr', verdict: 'correct' }),
      // An edit without a verdict does not make the phrase reviewed.
      d({ record: 0, region: 1, field: 'short_expr', verdict: null, oldText: 'a', newText: 'c' }),
      d({ file: 'other', record: 1, region: 1, field: 'bbox', verdict: 'correct' }),
    ])
    expect(counts.regions).toBe(1)
    expect(counts.verdicts).toMatchObject({ boxCorrect: 2, boxWrong: 1, phraseCorrect: 1, phraseWrong: 1 })
    expect(counts.edits).toBe(2)
  })

  it('counts negatives, captions, notes and edits', () => {
    const counts = countReview([
      d({ region: 0, field: negativeField('a'), verdict: 'true-negative' }),
      d({ region: 0, field: negativeField('b'), verdict: 'actually-true' }),
      d({ region: 1, field: negativeField('a'), verdict: 'nonsense' }),
      d({ region: 1, field: negativeField('c'), verdict: 'nonsense' }),
      d({ region: null, field: 'caption', verdict: 'wrong', oldText: 'x', newText: 'y' }),
      d({ record: 2, region: null, field: 'caption', verdict: 'correct' }),
      d({ record: 3, region: null, field: 'short_caption', verdict: null, oldText: 'x', newText: 'x' }),
      d({ region: null, field: 'note', verdict: null, newText: 'look again' }),
      d({ record: 4, region: null, field: 'note', verdict: null, newText: '  ' }),
    ])
    expect(counts).toEqual({
      regions: 0,
      negatives: 4,
      verdicts: {
        boxCorrect: 0, boxWrong: 0, phraseCorrect: 0, phraseWrong: 0,
        trueNegative: 1, actuallyTrue: 1, nonsense: 2, captionCorrect: 1, captionWrong: 1,
      },
      notes: 1,
      edits: 1,
    })
  })

  it('accepts any iterable, such as a map of the store', () => {
    const list = [d({ field: 'bbox', verdict: 'correct' }), d({ field: 'short_expr', verdict: 'correct' })]
    const map = new Map(list.map((x) => [decisionKey(x), x]))
    expect(countReview(map.values()).regions).toBe(1)
  })
})

describe('isRegionReviewed', () => {
  it('needs a box verdict and a phrase verdict on that very region', () => {
    const box = d({ record: 3, region: 2, field: 'bbox', verdict: 'wrong' })
    const map = new Map([[decisionKey(box), box]])
    expect(isRegionReviewed(map, FILE, 3, 2)).toBe(false)
    const phraseEdit = d({ record: 3, region: 2, field: 'short_expr', verdict: null, newText: 'z' })
    map.set(decisionKey(phraseEdit), phraseEdit)
    expect(isRegionReviewed(map, FILE, 3, 2)).toBe(false)
    const phrase = { ...phraseEdit, verdict: 'correct' as const }
    map.set(decisionKey(phrase), phrase)
    expect(isRegionReviewed(map, FILE, 3, 2)).toBe(true)
    expect(isRegionReviewed(map, FILE, 3, 1)).toBe(false)
    expect(isRegionReviewed(map, 'other', 3, 2)).toBe(false)
  })
})
