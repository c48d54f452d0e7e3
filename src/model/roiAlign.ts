// Region features by RoIAlign over the dense map, as FG-CLIP calls torchvision's roi_align
// (output 1×1, spatial_scale 1, sampling_ratio −1, aligned=True). The sampling weights do not
// depend on the channel, so boxes become a K×G² matrix and features one matrix product.

/** [x1, y1, x2, y2] */
export type Box = readonly [number, number, number, number]

// torchvision runs the box arithmetic in float32; rounding it the same way keeps the adaptive
// sample count (a ceil) and the edge tests identical for boxes that land on integer sizes.
const f32 = Math.fround

/** Normalised (0..1) xyxy → grid units, as FG-CLIP scales FineHARD boxes. */
export function normalisedBoxToGrid(box: Box, grid: number): Box {
  return [box[0] * grid, box[1] * grid, box[2] * grid, box[3] * grid]
}

/** Pixel xyxy in the original image → grid units: (x / width) · G, (y / height) · G. */
export function pixelBoxToGrid(box: Box, imageWidth: number, imageHeight: number, grid: number): Box {
  return [
    (box[0] / imageWidth) * grid,
    (box[1] / imageHeight) * grid,
    (box[2] / imageWidth) * grid,
    (box[3] / imageHeight) * grid,
  ]
}

function boxAt(boxes: Float32Array | readonly (readonly number[])[], k: number): Box {
  if (boxes instanceof Float32Array) return [boxes[4 * k], boxes[4 * k + 1], boxes[4 * k + 2], boxes[4 * k + 3]]
  const b = boxes[k]
  if (b.length !== 4) throw new Error(`roiWeights: box ${k} has ${b.length} values, expected 4`)
  return [b[0], b[1], b[2], b[3]]
}

/** Writes one box's averaged bilinear sampling weights into `row` (length G², token y·G + x). */
function accumulateBox(box: Box, grid: number, row: Float32Array): void {
  const startX = f32(f32(box[0]) - 0.5)
  const startY = f32(f32(box[1]) - 0.5)
  const width = f32(f32(f32(box[2]) - 0.5) - startX)
  const height = f32(f32(f32(box[3]) - 0.5) - startY)
  const samplesX = Math.ceil(width)
  const samplesY = Math.ceil(height)
  const count = Math.max(samplesX * samplesY, 1)
  const acc = new Float64Array(grid * grid)
  for (let iy = 0; iy < samplesY; iy++) {
    const y = f32(startY + f32(f32((iy + 0.5) * height) / samplesY))
    for (let ix = 0; ix < samplesX; ix++) {
      let x = f32(startX + f32(f32((ix + 0.5) * width) / samplesX))
      if (y < -1 || y > grid || x < -1 || x > grid) continue
      let sy = Math.max(y, 0)
      x = Math.max(x, 0)
      let yl = Math.floor(sy)
      let xl = Math.floor(x)
      let yh: number
      let xh: number
      if (yl >= grid - 1) {
        yl = yh = grid - 1
        sy = yl
      } else yh = yl + 1
      if (xl >= grid - 1) {
        xl = xh = grid - 1
        x = xl
      } else xh = xl + 1
      const ly = f32(sy - yl)
      const lx = f32(x - xl)
      const hy = f32(1 - ly)
      const hx = f32(1 - lx)
      acc[yl * grid + xl] += f32(hy * hx)
      acc[yl * grid + xh] += f32(hy * lx)
      acc[yh * grid + xl] += f32(ly * hx)
      acc[yh * grid + xh] += f32(ly * lx)
    }
  }
  for (let t = 0; t < acc.length; t++) row[t] = acc[t] / count
}

/**
 * RoIAlign weights: K boxes in grid units (K×4 flat Float32Array or K arrays of 4) → Float32Array
 * K × G², row k holding box k's weight on token t = y·G + x. Box (0,0,G,G) gives 1/G² everywhere.
 */
export function roiWeights(boxes: Float32Array | readonly (readonly number[])[], grid: number): Float32Array {
  const k = boxes instanceof Float32Array ? boxes.length / 4 : boxes.length
  if (!Number.isInteger(k)) throw new Error('roiWeights: flat boxes must hold 4 values per box')
  const cells = grid * grid
  const weights = new Float32Array(k * cells)
  for (let i = 0; i < k; i++) accumulateBox(boxAt(boxes, i), grid, weights.subarray(i * cells, (i + 1) * cells))
  return weights
}

/**
 * Region features: weights (K × G²) · dense (G² × P, row-major) → Float32Array K × P.
 * Zero weights are skipped, so small boxes cost only the tokens they touch.
 */
export function regionFeatures(weights: Float32Array, k: number, dense: Float32Array, p: number): Float32Array {
  const cells = dense.length / p
  if (!Number.isInteger(cells) || weights.length !== k * cells) {
    throw new Error(`regionFeatures: ${k} weight rows of ${weights.length / k} do not fit a dense map of ${dense.length / p} tokens`)
  }
  const out = new Float32Array(k * p)
  const row = new Float64Array(p)
  for (let i = 0; i < k; i++) {
    row.fill(0)
    for (let t = 0; t < cells; t++) {
      const w = weights[i * cells + t]
      if (w === 0) continue
      const base = t * p
      for (let c = 0; c < p; c++) row[c] += w * dense[base + c]
    }
    out.set(row, i * p)
  }
  return out
}
