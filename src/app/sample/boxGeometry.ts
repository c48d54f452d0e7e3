/**
 * Converts FineHARD's normalised corner boxes (x1, y1, x2, y2 in 0..1 of the image) into stage
 * pixels, explicitly, so the convention is stated once in code and never guessed by a view.
 */
import type { Box, Region } from '../../formats/types.ts'

export interface Size {
  width: number
  height: number
}

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** Where the image sits on the stage when fitted (contain) and centred. */
export interface Fit extends Rect {
  /** Stage pixels per natural image pixel. */
  scale: number
}

/** Stands in for a missing image so boxes still have a 4:3 frame to be drawn in. */
export const PLACEHOLDER_SIZE: Size = { width: 800, height: 600 }

export function fitContain(image: Size, stage: Size): Fit {
  if (image.width <= 0 || image.height <= 0 || stage.width <= 0 || stage.height <= 0) {
    return { x: 0, y: 0, width: 0, height: 0, scale: 0 }
  }
  const scale = Math.min(stage.width / image.width, stage.height / image.height)
  const width = image.width * scale
  const height = image.height * scale
  return { x: (stage.width - width) / 2, y: (stage.height - height) / 2, width, height, scale }
}

export interface PixelBox extends Rect {
  /** Corners were swapped in the data; the rect is drawn from min/max anyway. */
  inverted: boolean
  /** Some coordinate lies outside 0..1; the rect is drawn unclipped to show what the data says. */
  outOfRange: boolean
}

/** Null when a coordinate is not a finite number, since no rect can be drawn from it. */
export function boxToPixels(box: Box, fit: Rect): PixelBox | null {
  const { x1, y1, x2, y2 } = box
  if (![x1, y1, x2, y2].every(Number.isFinite)) return null
  const left = Math.min(x1, x2)
  const top = Math.min(y1, y2)
  return {
    x: fit.x + left * fit.width,
    y: fit.y + top * fit.height,
    width: Math.abs(x2 - x1) * fit.width,
    height: Math.abs(y2 - y1) * fit.height,
    inverted: x1 > x2 || y1 > y2,
    outOfRange: [x1, y1, x2, y2].some((v) => v < 0 || v > 1),
  }
}

export interface DrawnBox {
  /** The region's own `index`: what `onHover` / `onSelect` report and the label shows. */
  index: number
  rect: PixelBox
  shortExpr: string | null
}

/** The regions that can be drawn, in region order; a null or non-finite box is left out. */
export function drawnBoxes(regions: readonly Region[], fit: Rect): DrawnBox[] {
  return regions.flatMap((region) => {
    const rect = region.box && boxToPixels(region.box, fit)
    return rect ? [{ index: region.index, rect, shortExpr: region.shortExpr }] : []
  })
}
