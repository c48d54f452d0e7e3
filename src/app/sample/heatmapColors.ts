/**
 * Colours for the similarity heatmap: viridis, a perceptually uniform map that reads in grey and
 * for common colour-vision deficiencies, and the RGBA pixels of a whole grid in it.
 */

type Rgb = readonly [number, number, number]

// Viridis sampled at nine even steps (dark violet → yellow); linear blending between them stays
// within a unit or two of the full table.
const VIRIDIS_STOPS: readonly Rgb[] = [
  [68, 1, 84],
  [71, 45, 123],
  [59, 82, 139],
  [44, 114, 142],
  [33, 145, 140],
  [40, 174, 128],
  [94, 201, 98],
  [173, 220, 48],
  [253, 231, 37],
]

/** Viridis at `t` in 0..1 (clamped); NaN reads as 0. */
export function viridis(t: number): Rgb {
  const clamped = Number.isNaN(t) ? 0 : Math.max(0, Math.min(1, t))
  const position = clamped * (VIRIDIS_STOPS.length - 1)
  const i = Math.min(VIRIDIS_STOPS.length - 2, Math.floor(position))
  const f = position - i
  const [a, b] = [VIRIDIS_STOPS[i], VIRIDIS_STOPS[i + 1]]
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ]
}

/**
 * RGBA pixels (ImageData layout) for a G×G grid, each value placed on the scale min..max.
 * Non-finite values are transparent; a flat scale (max ≤ min) maps everything to its low end.
 */
export function heatmapPixels(
  values: ArrayLike<number>,
  grid: number,
  range: { min: number; max: number },
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(grid * grid * 4)
  const span = range.max - range.min
  for (let i = 0; i < grid * grid; i++) {
    const v = values[i]
    if (!Number.isFinite(v)) continue
    const [r, g, b] = viridis(span > 0 ? (v - range.min) / span : 0)
    pixels.set([r, g, b, 255], i * 4)
  }
  return pixels
}
