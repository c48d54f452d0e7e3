/**
 * The similarity heatmap as the canvas receives it: a G×G row-major grid of cosines (token
 * t = y·G + x) over the whole image, plus the pure reads the view needs from it.
 */

export interface Heatmap {
  /** G·G cosines, row-major. */
  values: Float32Array
  /** G: cells per side. */
  grid: number
  /** 0..1, applied to the whole map. */
  opacity: number
  /** Colour-scale ends; each defaults to the map's own extreme. */
  min?: number
  max?: number
}

/** A grid that can be drawn: a positive whole G and at least G·G values. */
export function isDrawableGrid(values: ArrayLike<number>, grid: number): boolean {
  return Number.isInteger(grid) && grid > 0 && values.length >= grid * grid
}

/** Smallest and largest finite value of the first `count`; null when there is none. */
export function valueRange(values: ArrayLike<number>, count: number): { min: number; max: number } | null {
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < count; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    if (v < min) min = v
    if (v > max) max = v
  }
  return min <= max ? { min, max } : null
}

/** The colour-scale ends: the caller's where given, else the map's own. */
export function scaleRange(heatmap: Heatmap): { min: number; max: number } {
  const own = valueRange(heatmap.values, heatmap.grid * heatmap.grid) ?? { min: 0, max: 0 }
  return { min: heatmap.min ?? own.min, max: heatmap.max ?? own.max }
}

/** The cell with the highest finite value (first in row-major order on ties); null when none. */
export function peakCell(values: ArrayLike<number>, grid: number): { col: number; row: number } | null {
  let best = -1
  for (let i = 0; i < grid * grid; i++) {
    if (Number.isFinite(values[i]) && (best < 0 || values[i] > values[best])) best = i
  }
  return best < 0 ? null : { col: best % grid, row: Math.floor(best / grid) }
}
