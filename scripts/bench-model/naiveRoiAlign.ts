/**
 * The baseline for the region bench: RoIAlign written straight from the formula, one box and one
 * channel at a time over a channel-first [P, G, G] map (torchvision's layout), recomputing every
 * sample position and its four bilinear taps for each channel. It returns what
 * roiAlign.ts's weight-matrix form returns; the bench checks that before timing.
 */

/** Bilinear value of one channel plane at (y, x) in grid units, 0 outside [-1, G]. */
function bilinear(plane: Float32Array, offset: number, grid: number, y: number, x: number): number {
  if (y < -1 || y > grid || x < -1 || x > grid) return 0
  const cy = Math.max(y, 0)
  const cx = Math.max(x, 0)
  const y0 = Math.min(Math.floor(cy), grid - 1)
  const x0 = Math.min(Math.floor(cx), grid - 1)
  const y1 = Math.min(y0 + 1, grid - 1)
  const x1 = Math.min(x0 + 1, grid - 1)
  const ly = y0 === grid - 1 ? 0 : cy - y0
  const lx = x0 === grid - 1 ? 0 : cx - x0
  const r0 = offset + y0 * grid
  const r1 = offset + y1 * grid
  return (1 - ly) * ((1 - lx) * plane[r0 + x0] + lx * plane[r0 + x1]) + ly * ((1 - lx) * plane[r1 + x0] + lx * plane[r1 + x1])
}

/** Boxes [x1, y1, x2, y2] in grid units over channelFirst [P·G·G] → K × P region features. */
export function naiveRoiAlign(boxes: readonly (readonly number[])[], channelFirst: Float32Array, grid: number, p: number): Float32Array {
  const out = new Float32Array(boxes.length * p)
  boxes.forEach(([bx1, by1, bx2, by2], k) => {
    const sx = bx1 - 0.5
    const sy = by1 - 0.5
    const w = bx2 - bx1
    const h = by2 - by1
    const gw = Math.ceil(w)
    const gh = Math.ceil(h)
    const count = Math.max(gw * gh, 1)
    for (let c = 0; c < p; c++) {
      let acc = 0
      for (let iy = 0; iy < gh; iy++) {
        const y = sy + ((iy + 0.5) * h) / gh
        for (let ix = 0; ix < gw; ix++) acc += bilinear(channelFirst, c * grid * grid, grid, y, sx + ((ix + 0.5) * w) / gw)
      }
      out[k * p + c] = acc / count
    }
  })
  return out
}
