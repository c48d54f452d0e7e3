import { describe, expect, it } from 'vitest'
import { heatmapPixels, viridis } from './heatmapColors.ts'
import { isDrawableGrid, peakCell, scaleRange, valueRange } from './heatmapGrid.ts'

// Rec. 709 luma: a perceptual map must get brighter along the whole scale.
const luma = ([r, g, b]: readonly [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b

describe('viridis', () => {
  it('runs from dark violet to yellow and clamps outside 0..1', () => {
    expect(viridis(0)).toEqual([68, 1, 84])
    expect(viridis(1)).toEqual([253, 231, 37])
    expect(viridis(-3)).toEqual(viridis(0))
    expect(viridis(7)).toEqual(viridis(1))
    expect(viridis(Number.NaN)).toEqual(viridis(0))
  })

  it('gets brighter monotonically', () => {
    let previous = -1
    for (let i = 0; i <= 100; i++) {
      const y = luma(viridis(i / 100))
      expect(y).toBeGreaterThan(previous)
      previous = y
    }
  })
})

describe('heatmapPixels', () => {
  it('places each value on the min..max scale, row-major, opaque', () => {
    const pixels = heatmapPixels([0, 0.5, 1, 2], 2, { min: 0, max: 1 })
    expect(Array.from(pixels.slice(0, 4))).toEqual([...viridis(0), 255])
    expect(Array.from(pixels.slice(4, 8))).toEqual([...viridis(0.5), 255])
    expect(Array.from(pixels.slice(8, 12))).toEqual([...viridis(1), 255])
    // Above max clamps to the top colour.
    expect(Array.from(pixels.slice(12, 16))).toEqual([...viridis(1), 255])
  })

  it('leaves non-finite cells transparent and maps a flat scale to its low end', () => {
    const pixels = heatmapPixels([Number.NaN, 0.3, 0.3, Infinity], 2, { min: 0.3, max: 0.3 })
    expect(pixels[3]).toBe(0)
    expect(Array.from(pixels.slice(4, 8))).toEqual([...viridis(0), 255])
    expect(pixels[15]).toBe(0)
  })
})

describe('heatmap grid', () => {
  it('finds the peak cell as column and row of t = y·G + x', () => {
    const values = new Float32Array(9).fill(0.1)
    values[1 * 3 + 2] = 0.9
    expect(peakCell(values, 3)).toEqual({ col: 2, row: 1 })
    expect(peakCell([Number.NaN, Number.NaN, Number.NaN, Number.NaN], 2)).toBeNull()
  })

  it('ranges over finite values, and the caller’s ends override the map’s', () => {
    expect(valueRange([0.2, Number.NaN, -0.1, 0.4], 4)).toEqual({ min: -0.1, max: 0.4 })
    expect(valueRange([Number.NaN], 1)).toBeNull()
    const values = new Float32Array([0.25, 0.5, 0.75, 1])
    expect(scaleRange({ values, grid: 2, opacity: 1 })).toEqual({ min: 0.25, max: 1 })
    expect(scaleRange({ values, grid: 2, opacity: 1, min: 0 })).toEqual({ min: 0, max: 1 })
  })

  it('accepts only whole grids with enough values', () => {
    expect(isDrawableGrid(new Float32Array(576), 24)).toBe(true)
    expect(isDrawableGrid(new Float32Array(575), 24)).toBe(false)
    expect(isDrawableGrid(new Float32Array(4), 0)).toBe(false)
    expect(isDrawableGrid(new Float32Array(4), 1.5)).toBe(false)
  })
})
