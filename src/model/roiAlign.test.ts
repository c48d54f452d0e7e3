import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { normalisedBoxToGrid, pixelBoxToGrid, regionFeatures, roiWeights } from './roiAlign'

interface RoiCase {
  grid: number
  channels: number
  features: number[] // [C, G, G] channel-first
  boxes: number[][]
  notes: string[]
  torchvision_raises: boolean[]
  outputs: number[][] // [K][C]
  weights: number[][] // [K][G*G]
}

const reference = JSON.parse(
  readFileSync(new URL('testdata/reference/roi-align.json', import.meta.url), 'utf8'),
) as { cases: RoiCase[] }

/** [C, G·G] channel-first → [G·G, C] token-major, the dense map's layout. */
function tokenMajor(features: number[], channels: number, cells: number): Float32Array {
  const dense = new Float32Array(cells * channels)
  for (let c = 0; c < channels; c++) for (let t = 0; t < cells; t++) dense[t * channels + c] = features[c * cells + t]
  return dense
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length)
  let max = 0
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]))
  return max
}

describe('roiWeights / regionFeatures vs torchvision roi_align', () => {
  it.each(reference.cases.map((c) => [c.grid, c] as const))('G=%i: weights and outputs within 1e-5', (_, c) => {
    const cells = c.grid * c.grid
    const k = c.boxes.length
    const weights = roiWeights(c.boxes, c.grid)
    const features = regionFeatures(weights, k, tokenMajor(c.features, c.channels, cells), c.channels)
    let worstWeight = 0
    let worstOutput = 0
    for (let i = 0; i < k; i++) {
      const label = `box ${JSON.stringify(c.boxes[i])} (${c.notes[i]})`
      const w = maxAbsDiff(weights.subarray(i * cells, (i + 1) * cells), c.weights[i])
      const o = maxAbsDiff(features.subarray(i * c.channels, (i + 1) * c.channels), c.outputs[i])
      expect(w, label).toBeLessThanOrEqual(1e-5)
      expect(o, label).toBeLessThanOrEqual(1e-5)
      worstWeight = Math.max(worstWeight, w)
      worstOutput = Math.max(worstOutput, o)
    }
    console.info(`roi-align G=${c.grid}: max |Δweight| ${worstWeight.toExponential(2)}, max |Δoutput| ${worstOutput.toExponential(2)}`)
  })

  it('accepts a flat Float32Array of boxes like nested arrays', () => {
    const c = reference.cases[0]
    const flat = Float32Array.from(c.boxes.flat())
    expect(roiWeights(flat, c.grid)).toEqual(roiWeights(c.boxes, c.grid))
  })
})

describe('roiAlign sanity', () => {
  it('the whole grid (0,0,G,G) is the mean of all tokens', () => {
    const grid = 14
    const p = 3
    const dense = Float32Array.from({ length: grid * grid * p }, (_, i) => Math.sin(i * 0.37) * 3)
    const out = regionFeatures(roiWeights([[0, 0, grid, grid]], grid), 1, dense, p)
    for (let c = 0; c < p; c++) {
      let mean = 0
      for (let t = 0; t < grid * grid; t++) mean += dense[t * p + c]
      mean /= grid * grid
      expect(out[c]).toBeCloseTo(mean, 6)
    }
  })

  it('a one-cell box picks that token', () => {
    const grid = 4
    const weights = roiWeights([[2, 1, 3, 2]], grid)
    expect(weights[1 * grid + 2]).toBe(1)
    expect(weights.reduce((s, w) => s + w, 0)).toBe(1)
  })

  it('converts normalised and pixel boxes to grid units', () => {
    expect(normalisedBoxToGrid([0.25, 0.5, 0.75, 1], 14)).toEqual([3.5, 7, 10.5, 14])
    expect(pixelBoxToGrid([160, 120, 640, 480], 640, 480, 14)).toEqual([3.5, 3.5, 14, 14])
  })

  it('rejects mismatched shapes', () => {
    expect(() => roiWeights(new Float32Array(6), 4)).toThrow()
    expect(() => regionFeatures(new Float32Array(16), 1, new Float32Array(15 * 2), 2)).toThrow()
  })

  it('handles 10 boxes × G=14 × P=512 (weights + product)', () => {
    const grid = 14
    const p = 512
    const dense = Float32Array.from({ length: grid * grid * p }, (_, i) => ((i * 7919) % 1000) / 1000 - 0.5)
    const boxes = Array.from({ length: 10 }, (_, i) => [i * 0.9, i * 0.5, i * 0.9 + 4.3, i * 0.5 + 6.1])
    const start = performance.now()
    const out = regionFeatures(roiWeights(boxes, grid), boxes.length, dense, p)
    const elapsed = performance.now() - start
    expect(out.length).toBe(10 * p)
    expect(out.every(Number.isFinite)).toBe(true)
    console.info(`roi-align 10 boxes × G=14 × P=512: ${elapsed.toFixed(2)} ms (first call, unwarmed)`)
  })
})
