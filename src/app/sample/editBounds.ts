/**
 * Pure limits for editing a box in any one pixel space: a moved box stays inside the bounds, a
 * resized one moves only the edges its handle owns, stops at the bounds and never gets thinner
 * than `minSize` (so it can neither leave the image nor flip).
 */
import type { Rect } from './boxGeometry.ts'

/** Translates `rect` into `bounds`, first shrinking it to fit when it is larger. */
export function moveWithin(rect: Rect, bounds: Rect): Rect {
  const width = Math.min(rect.width, bounds.width)
  const height = Math.min(rect.height, bounds.height)
  return {
    x: Math.max(bounds.x, Math.min(rect.x, bounds.x + bounds.width - width)),
    y: Math.max(bounds.y, Math.min(rect.y, bounds.y + bounds.height - height)),
    width,
    height,
  }
}

/**
 * Limits a resize proposed by a handle named like Konva's anchors (`top-left`, `middle-right`,
 * `bottom-center`…): the edges the name mentions move within the bounds and at least `minSize`
 * from the opposite edge; the others stay. Without a handle name every edge is limited.
 */
export function resizeWithin(rect: Rect, bounds: Rect, minSize: number, handle: string | null): Rect {
  const moves = (edge: string) => handle === null || handle.includes(edge)
  const boundsRight = bounds.x + bounds.width
  const boundsBottom = bounds.y + bounds.height

  let left = rect.x
  // A handle dragged past the opposite edge proposes a negative size; that edge stays put.
  let right = rect.x + rect.width
  let top = rect.y
  let bottom = rect.y + rect.height
  if (moves('left')) left = Math.max(bounds.x, Math.min(left, right - minSize))
  if (moves('right')) right = Math.min(boundsRight, Math.max(right, left + minSize))
  if (moves('top')) top = Math.max(bounds.y, Math.min(top, bottom - minSize))
  if (moves('bottom')) bottom = Math.min(boundsBottom, Math.max(bottom, top + minSize))
  return { x: left, y: top, width: right - left, height: bottom - top }
}
