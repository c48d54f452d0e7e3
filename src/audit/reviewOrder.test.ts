import { describe, expect, it } from 'vitest'
import { nextInOrder, reviewOrder } from './reviewOrder.ts'

describe('reviewOrder', () => {
  it('keeps file order without scores', () => {
    expect(reviewOrder(4, null)).toEqual([0, 1, 2, 3])
  })

  it('puts beaten positives and small margins first, unscored regions last', () => {
    expect(reviewOrder(5, [0.2, -0.05, null, 0.01, -0.3])).toEqual([4, 1, 3, 0, 2])
  })

  it('breaks ties by file order', () => {
    expect(reviewOrder(3, [0.1, 0.1, null])).toEqual([0, 1, 2])
  })
})

describe('nextInOrder', () => {
  const order = [4, 1, 3, 0, 2]
  it('walks the order after the current region, skipping done ones, wrapping around', () => {
    const done = new Set([3])
    expect(nextInOrder(order, 1, (i) => done.has(i))).toBe(0)
    expect(nextInOrder(order, 2, (i) => done.has(i))).toBe(4)
    expect(nextInOrder(order, null, (i) => done.has(i))).toBe(4)
  })

  it('returns the current region when it is the only one left, and null when all are done', () => {
    expect(nextInOrder(order, 1, (i) => i !== 1)).toBe(1)
    expect(nextInOrder(order, 1, () => true)).toBeNull()
  })
})
