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

/** The Konva transform that draws natural image pixels onto the fitted image, for Groups. */
export function imageTransform(fit: Fit) {
  return { x: fit.x, y: fit.y, scaleX: fit.scale, scaleY: fit.scale }
}

/** Smallest side, in natural image pixels, that an edited or drawn box may have. */
export const MIN_BOX_PIXELS = 2

/** A normalised box in natural image pixels, corners sorted: the space boxes are edited in. */
export function boxToImageRect(box: Box, image: Size): Rect {
  const left = Math.min(box.x1, box.x2)
  const top = Math.min(box.y1, box.y2)
  return {
    x: left * image.width,
    y: top * image.height,
    width: Math.abs(box.x2 - box.x1) * image.width,
    height: Math.abs(box.y2 - box.y1) * image.height,
  }
}

// One axis of `imageRectToBox`: sorted, clamped to 0..length, grown to the minimum inside it.
function clampSpan(start: number, size: number, length: number): [number, number] {
  let lo = Math.max(0, Math.min(length, Math.min(start, start + size)))
  let hi = Math.max(0, Math.min(length, Math.max(start, start + size)))
  const min = Math.min(MIN_BOX_PIXELS, length)
  if (hi - lo < min) {
    hi = Math.min(length, lo + min)
    lo = hi - min
  }
  return [lo, hi]
}

/**
 * A rect in natural image pixels as the normalised xyxy box the data uses: clamped to the image,
 * x1 < x2 and y1 < y2, each side at least MIN_BOX_PIXELS.
 */
export function imageRectToBox(rect: Rect, image: Size): Box {
  const [left, right] = clampSpan(rect.x, rect.width, image.width)
  const [top, bottom] = clampSpan(rect.y, rect.height, image.height)
  return { x1: left / image.width, y1: top / image.height, x2: right / image.width, y2: bottom / image.height }
}

/** A point in stage-container pixels (what the pointer reports) in natural image pixels. */
export function screenToImage(
  point: { x: number; y: number },
  view: { x: number; y: number; zoom: number },
  fit: Fit,
): { x: number; y: number } {
  return {
    x: ((point.x - view.x) / view.zoom - fit.x) / fit.scale,
    y: ((point.y - view.y) / view.zoom - fit.y) / fit.scale,
  }
}
