import type { Box } from '../formats/types.ts'
import { normalisedBoxToGrid, regionFeatures, roiWeights } from './roiAlign.ts'

/**
 * RoIAlign features of every drawable box from the cached dense map — one K×G² weight matrix
 * times the map, so a dragged box is rescored in microseconds. Inverted boxes are scored as
 * drawn (corners sorted); boxes that cannot be drawn get null.
 */
export function regionEmbeddings(boxes: readonly (Box | null)[], dense: Float32Array, grid: number, p: number): (Float32Array | null)[] {
  const drawable = boxes.flatMap((box, i) => (box ? [{ box, i }] : []))
  if (drawable.length === 0) return boxes.map(() => null)
  const gridBoxes = drawable.map(({ box }) =>
    normalisedBoxToGrid([Math.min(box.x1, box.x2), Math.min(box.y1, box.y2), Math.max(box.x1, box.x2), Math.max(box.y1, box.y2)], grid),
  )
  const features = regionFeatures(roiWeights(gridBoxes, grid), drawable.length, dense, p)
  const out: (Float32Array | null)[] = boxes.map(() => null)
  drawable.forEach(({ i }, k) => (out[i] = features.subarray(k * p, (k + 1) * p)))
  return out
}
