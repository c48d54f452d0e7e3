// The backdrop: a two-tone gradient with soft mottling and a light vignette, so images are not flat
// (a flat field would make "differs from the background" trivially easy for a model to learn).

import type { Backdrop } from './scene.ts';

const MOTTLE_LEVELS = 7;
const VIGNETTE = 0.07;

function smooth(t: number): number {
  return t * t * (3 - 2 * t);
}

/** Per-position interpolation weights into a grid of `cells` cells spanning `length` pixels. */
function gridAxis(length: number, cells: number): { index: Int32Array; weight: Float32Array } {
  const index = new Int32Array(length);
  const weight = new Float32Array(length);
  for (let p = 0; p < length; p++) {
    const g = ((p + 0.5) / length) * cells;
    const i = Math.min(cells - 1, Math.floor(g));
    index[p] = i;
    weight[p] = smooth(g - i);
  }
  return { index, weight };
}

/** Paints the backdrop into an RGB float buffer (0…255 per channel, row-major). */
export function paintBackdrop(rgb: Float32Array, width: number, height: number, backdrop: Backdrop): void {
  const { from, to, angle, noise, noiseCols, noiseRows } = backdrop;
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  // Projection of the frame's half-diagonal on the gradient direction, so the ramp spans the image.
  const span = Math.abs((width / 2) * dx) + Math.abs((height / 2) * dy);
  const xs = gridAxis(width, noiseCols - 1);
  const ys = gridAxis(height, noiseRows - 1);
  for (let y = 0; y < height; y++) {
    const row = ys.index[y] * noiseCols;
    const wy = ys.weight[y];
    const ny = (y + 0.5) / height - 0.5;
    for (let x = 0; x < width; x++) {
      const t = 0.5 + (((x + 0.5 - width / 2) * dx + (y + 0.5 - height / 2) * dy) / span) * 0.5;
      const c = xs.index[x];
      const wx = xs.weight[x];
      const top = noise[row + c] * (1 - wx) + noise[row + c + 1] * wx;
      const bottom = noise[row + noiseCols + c] * (1 - wx) + noise[row + noiseCols + c + 1] * wx;
      const mottle = (top * (1 - wy) + bottom * wy) * MOTTLE_LEVELS;
      const nx = (x + 0.5) / width - 0.5;
      const shade = 1 - VIGNETTE * 2 * (nx * nx + ny * ny);
      const o = (y * width + x) * 3;
      for (let k = 0; k < 3; k++) rgb[o + k] = ((1 - t) * from.rgb[k] + t * to.rgb[k] + mottle) * shade;
    }
  }
}
