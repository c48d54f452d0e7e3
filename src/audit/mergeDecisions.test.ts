import { describe, expect, it } from 'vitest'
import { decisionKey } from './decisions.ts'
import { mergeDecisions } from './mergeDecisions.ts'
import { decision } from './testdata/decisions.ts'

const T1 = '2026-12-01T10:00:00.000Z'
const T2 = '2026-12-01T11:00:00.000Z'
// 11:30 UTC: later than T2, though it sorts before T2 as text.
const T3 = '2026-12-01T10:30:00-01:00'

describe('mergeDecisions', () => {
  it('writes decisions for slots that are new here', () => {
    const a = decision({ region: 1 })
    const b = decision({ region: 0, field: 'short_expr', verdict: 'wrong' })
    expect(mergeDecisions([], [a, b])).toEqual({ changed: [b, a], conflicts: [], unchanged: 0 })
  })

  it('changes nothing when another reviewer decided the same', () => {
    const mine = decision({ verdict: 'wrong', time: T1 })
    const theirs = decision({ verdict: 'wrong', reviewer: 'bob', time: T2 })
    expect(mergeDecisions([mine], [theirs])).toEqual({ changed: [], conflicts: [], unchanged: 1 })
  })

  it('treats an edit that restores the file value as no edit', () => {
    const mine = decision({ field: 'short_expr', verdict: 'correct', oldText: 'a cat', newText: null })
    const theirs = decision({ field: 'short_expr', verdict: 'correct', oldText: 'a cat', newText: 'a cat', reviewer: 'bob' })
    expect(mergeDecisions([mine], [theirs]).unchanged).toBe(1)
  })

  it("takes the same reviewer's later decision without a conflict", () => {
    const mine = decision({ verdict: 'correct', time: T1 })
    const later = decision({ verdict: 'wrong', time: T2 })
    expect(mergeDecisions([mine], [later])).toEqual({ changed: [later], conflicts: [], unchanged: 0 })
  })

  it("keeps the local decision over the same reviewer's earlier one", () => {
    const mine = decision({ verdict: 'correct', time: T2 })
    const earlier = decision({ verdict: 'wrong', time: T1 })
    expect(mergeDecisions([mine], [earlier])).toEqual({ changed: [], conflicts: [], unchanged: 1 })
  })

  it('compares times as dates, not as text', () => {
    const mine = decision({ verdict: 'correct', time: T2 })
    const later = decision({ verdict: 'wrong', time: T3 })
    expect(mergeDecisions([mine], [later]).changed).toEqual([later])
    const broken = decision({ verdict: 'wrong', time: 'yesterday' })
    expect(mergeDecisions([mine], [broken]).changed).toEqual([])
  })

  it('keeps the local decision when another reviewer disagrees and reports both', () => {
    const mine = decision({ verdict: 'correct', time: T2 })
    const theirs = decision({ verdict: 'wrong', reviewer: 'bob', time: T1 })
    const result = mergeDecisions([mine], [theirs])
    expect(result.changed).toEqual([])
    expect(result.unchanged).toBe(0)
    expect(result.conflicts).toEqual([{ key: decisionKey(mine), kept: mine, others: [theirs] }])
  })

  it('keeps the latest imported decision for a new slot on which reviewers disagree', () => {
    const bob = decision({ verdict: 'wrong', reviewer: 'bob', time: T1 })
    const carol = decision({ verdict: 'correct', reviewer: 'carol', time: T2 })
    const result = mergeDecisions([], [carol, bob])
    expect(result.changed).toEqual([carol])
    expect(result.conflicts).toEqual([{ key: decisionKey(bob), kept: carol, others: [bob] }])
  })

  it('lists every disagreeing reviewer once, with their latest value', () => {
    const mine = decision({ field: 'short_expr', verdict: 'wrong', newText: 'a dog', time: T1 })
    const incoming = [
      decision({ field: 'short_expr', verdict: 'wrong', newText: 'a puppy', reviewer: 'dave', time: T1 }),
      decision({ field: 'short_expr', verdict: 'wrong', newText: 'a wolf', reviewer: 'dave', time: T2 }),
      decision({ field: 'short_expr', verdict: 'correct', reviewer: 'bob', time: T2 }),
      decision({ field: 'short_expr', verdict: 'wrong', newText: 'a dog', reviewer: 'carol', time: T2 }),
    ]
    const [conflict] = mergeDecisions([mine], incoming).conflicts
    expect(conflict.kept).toBe(mine)
    expect(conflict.others.map((d) => `${d.reviewer}:${d.verdict}:${d.newText}`)).toEqual(['bob:correct:null', 'dave:wrong:a wolf'])
  })

  it('gives the same result whatever order the decisions come in', () => {
    const incoming = [
      decision({ record: 2, verdict: 'wrong', reviewer: 'bob', time: T1 }),
      decision({ record: 2, verdict: 'correct', reviewer: 'carol', time: T1 }),
      decision({ record: 1, region: null, field: 'caption', verdict: 'wrong', reviewer: 'bob' }),
      decision({ record: 1, region: 3, verdict: 'wrong', reviewer: 'bob' }),
      decision({ file: 'another', verdict: 'wrong', reviewer: 'bob' }),
    ]
    const current = [decision({ record: 1, region: 3, verdict: 'correct' })]
    const forward = mergeDecisions(current, incoming)
    const backward = mergeDecisions(current, [...incoming].reverse())
    expect(backward).toEqual(forward)
    expect(forward.changed.map((d) => `${d.file.slice(0, 7)}/${d.record}/${d.region}`)).toEqual([
      'another/0/0',
      'results/1/null',
      'results/2/0',
    ])
    // bob and carol decided at the same moment: the tie goes to the first reviewer by name.
    expect(forward.changed[2].reviewer).toBe('bob')
    expect(forward.conflicts.map((c) => `${c.kept.record}/${c.kept.region}`)).toEqual(['1/3', '2/0'])
  })
})
