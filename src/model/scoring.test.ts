import { describe, expect, it } from 'vitest'
import {
  FG_OVD_SCALE,
  captionScores,
  cosine,
  dot,
  l2Normalize,
  l2NormalizeRows,
  scoreFromCosines,
  scoreRegion,
  similarityHeatmap,
  softmax,
  valueRange,
} from './scoring'

describe('vector basics', () => {
  it('normalises to unit length and leaves zero vectors at zero', () => {
    expect(Array.from(l2Normalize([3, 4]))).toEqual([0.6, 0.8].map(Math.fround))
    expect(Array.from(l2Normalize([0, 0]))).toEqual([0, 0])
    const rows = l2NormalizeRows(Float32Array.from([3, 4, 0, 0, 0, -2]), 3, 2)
    expect(Array.from(rows)).toEqual([0.6, 0.8, 0, 0, 0, -1].map(Math.fround))
  })

  it('computes dot and cosine of 2-D vectors', () => {
    expect(dot([1, 2], [3, 4])).toBe(11)
    expect(cosine([1, 0], [0, 5])).toBe(0)
    expect(cosine([2, 0], [-7, 0])).toBe(-1)
    expect(cosine([1, 1], [1, 0])).toBeCloseTo(Math.SQRT1_2, 12)
    expect(cosine([0, 0], [1, 0])).toBe(0)
    expect(() => cosine([1], [1, 2])).toThrow()
  })
})

describe('softmax', () => {
  it('matches hand-computed values', () => {
    const p = softmax([0, Math.log(3)])
    expect(p[0]).toBeCloseTo(0.25, 12)
    expect(p[1]).toBeCloseTo(0.75, 12)
    const scaled = softmax([0, 0.01], 100) // e^0 : e^1
    expect(scaled[1]).toBeCloseTo(Math.E / (1 + Math.E), 12)
  })

  it('stays finite with huge scales', () => {
    const p = softmax([0.3, 0.2999, -0.5], 1e6)
    expect(p.every(Number.isFinite)).toBe(true)
    expect(p[0]).toBe(1)
    expect(p[2]).toBe(0)
    const q = softmax([1, 1], 1e308)
    expect(q).toEqual([0.5, 0.5])
  })

  it('handles empty input', () => {
    expect(softmax([])).toEqual([])
  })
})

describe('region scores (FG-OVD)', () => {
  const region = [1, 0]
  const angle = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]

  it('computes cosines, p(positive), rank, margin and beating negatives', () => {
    // positive at 60° (cos 0.5); negatives at 0° (cos 1), 90° (cos 0), 180° (cos −1)
    const s = scoreRegion(region, [angle(60), angle(0), angle(90), angle(180)], 1)
    expect(s.cosines[0]).toBeCloseTo(0.5, 12)
    expect(s.cosines[1]).toBeCloseTo(1, 12)
    const z = Math.exp(0.5) + Math.exp(1) + 1 + Math.exp(-1)
    expect(s.positiveProbability).toBeCloseTo(Math.exp(0.5) / z, 12)
    expect(s.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12)
    expect(s.rank).toBe(2)
    expect(s.margin).toBeCloseTo(-0.5, 12)
    expect(s.passes).toBe(false)
    expect(s.beatingNegatives).toEqual([0])
  })

  it('passes when the positive is best, with the default scale 100', () => {
    const s = scoreRegion(region, [angle(10), angle(20), angle(30)])
    expect(FG_OVD_SCALE).toBe(100)
    expect(s.rank).toBe(1)
    expect(s.passes).toBe(true)
    expect(s.beatingNegatives).toEqual([])
    expect(s.margin).toBeCloseTo(Math.cos(Math.PI / 18) - Math.cos(Math.PI / 9), 12)
    const e = 100 * (s.cosines[1] - s.cosines[0])
    const f = 100 * (s.cosines[2] - s.cosines[0])
    expect(s.positiveProbability).toBeCloseTo(1 / (1 + Math.exp(e) + Math.exp(f)), 12)
  })

  it('counts ties against the positive', () => {
    const s = scoreFromCosines([0.4, 0.4, 0.1, 0.4])
    expect(s.rank).toBe(3)
    expect(s.passes).toBe(false)
    expect(s.beatingNegatives).toEqual([0, 2])
    expect(s.margin).toBe(0)
    expect(s.positiveProbability).toBeCloseTo(s.probabilities[1], 15)
  })

  it('ranks by cosine even where a large scale saturates the probabilities', () => {
    const s = scoreFromCosines([0.5, 0.9, 0.8], 1e5)
    expect(s.probabilities[0]).toBe(0)
    expect(s.probabilities[2]).toBe(0)
    expect(s.rank).toBe(3)
  })

  it('has no margin without negatives', () => {
    const s = scoreFromCosines([0.2])
    expect(s).toMatchObject({ rank: 1, passes: true, margin: null, positiveProbability: 1 })
    expect(() => scoreFromCosines([])).toThrow()
  })
})

describe('caption scores', () => {
  it('softmaxes scaled cosines over the compared texts', () => {
    const scale = Math.exp(Math.log(2))
    const s = captionScores([0, 3], [[0, 1], [1, 0]], scale)
    expect(s.cosines).toEqual([1, 0])
    expect(s.probabilities[0]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + 1), 12)
  })
})

describe('similarityHeatmap', () => {
  it('gives the cosine with each token, row-major, and its range', () => {
    // G = 2, P = 2: tokens (x,y) = (0,0) along the text, (1,0) opposite, (0,1) orthogonal, (1,1) zero
    const dense = Float32Array.from([2, 0, -5, 0, 0, 3, 0, 0])
    const map = similarityHeatmap([4, 0], dense, 2, 2)
    expect(Array.from(map)).toEqual([1, -1, 0, 0])
    expect(valueRange(map)).toEqual({ min: -1, max: 1 })
    expect(valueRange(new Float32Array(0))).toEqual({ min: 0, max: 0 })
  })

  it('rejects mismatched sizes', () => {
    expect(() => similarityHeatmap([1, 0, 0], new Float32Array(8), 2, 2)).toThrow()
  })
})
