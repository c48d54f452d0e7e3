/**
 * Per-region colours for boxes and label tags. Hues are bright and saturated so a box stands out
 * on most photos; the canvas adds a dark halo under every stroke for bright images, and each
 * colour carries the text colour that reads on it as a solid tag background.
 */

export interface RegionColor {
  /** `rgb(...)` for strokes and tag backgrounds. */
  stroke: string
  /** `rgba(...)` factory for translucent fills. */
  fill: (alpha: number) => string
  /** Black or white, whichever contrasts with `stroke`. */
  text: string
}

type Rgb = readonly [number, number, number]

// Ordered so neighbouring indices differ strongly in hue; no pure red, which marks inverted boxes.
const PALETTE: readonly Rgb[] = [
  [255, 190, 11], // amber
  [0, 200, 255], // cyan
  [255, 79, 216], // magenta
  [138, 220, 38], // lime
  [160, 110, 255], // violet
  [255, 140, 66], // orange
  [6, 214, 160], // teal
  [90, 140, 255], // blue
  [255, 133, 161], // pink
  [230, 240, 80], // lemon
]

const GOLDEN_ANGLE_DEG = 137.508

function hslToRgb(hueDeg: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation
  const h = hueDeg / 60
  const x = chroma * (1 - Math.abs((h % 2) - 1))
  const [r, g, b] =
    h < 1 ? [chroma, x, 0] : h < 2 ? [x, chroma, 0] : h < 3 ? [0, chroma, x]
    : h < 4 ? [0, x, chroma] : h < 5 ? [x, 0, chroma] : [chroma, 0, x]
  const m = lightness - chroma / 2
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)]
}

/** WCAG relative luminance, to pick the tag's text colour. */
function luminance([r, g, b]: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

function rgbAt(index: number): Rgb {
  if (index < PALETTE.length) return PALETTE[index]
  // Past the hand-picked palette, golden-angle hue steps keep consecutive regions apart.
  return hslToRgb((index * GOLDEN_ANGLE_DEG) % 360, 0.85, 0.6)
}

/** The colour of region `index` (its position in the record), stable across renders. */
export function regionColor(index: number): RegionColor {
  const rgb = rgbAt(Math.max(0, Math.floor(index)))
  const [r, g, b] = rgb
  return {
    stroke: `rgb(${r}, ${g}, ${b})`,
    fill: (alpha) => `rgba(${r}, ${g}, ${b}, ${alpha})`,
    // 0.179 is the luminance where black and white text have equal contrast.
    text: luminance(rgb) > 0.179 ? '#000000' : '#ffffff',
  }
}

/** Outline colour of boxes whose corners are swapped (x1 > x2 or y1 > y2). */
export const INVERTED_STROKE = 'rgb(255, 40, 40)'

/** Dark halo drawn under every coloured stroke so it stays visible on bright photos. */
export const HALO_STROKE = 'rgba(0, 0, 0, 0.7)'
