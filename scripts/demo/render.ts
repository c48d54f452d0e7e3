// Rasterises a scene into RGBA, measuring each object's tight pixel box as it is drawn.

import { paintBackdrop } from './backdrop.ts';
import { patternWeight } from './patterns.ts';
import type { Scene, SceneObject } from './scene.ts';
import { shapeDistance, shapeReach } from './shapes.ts';
import { COLOR_RGB, type ColorName, type Rgb, hasDarkPrint } from './vocabulary.ts';

/** Integer pixel box; x2 and y2 are exclusive. */
export interface PixelBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface RenderedScene {
  /** width × height × 4 bytes, row-major RGBA. */
  readonly rgba: Uint8Array;
  /** One box per scene object, in the scene's order. */
  readonly boxes: readonly PixelBox[];
}

const SHADOW_STRENGTH = 0.3;

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** The print colour: a shade or a tint of the body colour, so every pattern is visible. */
function secondaryColor(color: ColorName): Rgb {
  const c = COLOR_RGB[color];
  return hasDarkPrint(color)
    ? [c[0] * 0.55, c[1] * 0.55, c[2] * 0.55]
    : [c[0] + (255 - c[0]) * 0.62, c[1] + (255 - c[1]) * 0.62, c[2] + (255 - c[2]) * 0.62];
}

/**
 * Per pixel: darken by the object's soft shadow, then cover with the anti-aliased, outlined,
 * patterned shape. Returns the tight box of pixels the shape touches (coverage > 0).
 */
function drawObject(rgb: Float32Array, scene: Scene, obj: SceneObject): PixelBox {
  const { width, height } = scene;
  const { cx, cy, radius, rotation, stripeAngle } = obj;
  const { shape, color, pattern } = obj.attrs;
  const primary = COLOR_RGB[color];
  const secondary = secondaryColor(color);
  const outline: Rgb = [primary[0] * 0.45, primary[1] * 0.45, primary[2] * 0.45];
  const outlineWidth = Math.min(2, Math.max(0.8, radius * 0.035));
  const shadowOffset = radius * 0.09 + 1;
  const sx = Math.cos(scene.shadowAngle) * shadowOffset;
  const sy = Math.sin(scene.shadowAngle) * shadowOffset;
  const blur = radius * 0.1 + 0.8;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const reach = radius * shapeReach(shape);
  const extent = reach + blur + shadowOffset + 2;
  const xStart = Math.max(0, Math.floor(cx - extent));
  const xEnd = Math.min(width, Math.ceil(cx + extent));
  const yStart = Math.max(0, Math.floor(cy - extent));
  const yEnd = Math.min(height, Math.ceil(cy + extent));
  let x1 = width;
  let y1 = height;
  let x2 = 0;
  let y2 = 0;
  for (let py = yStart; py < yEnd; py++) {
    for (let px = xStart; px < xEnd; px++) {
      const dx = px + 0.5 - cx;
      const dy = py + 0.5 - cy;
      const o = (py * width + px) * 3;
      // Rotate image offsets into the shape frame (inverse of the object's rotation).
      const u = (dx * cos + dy * sin) / radius;
      const v = (dy * cos - dx * sin) / radius;
      // Beyond the shape's reach the distance is at least |p| − reach: skip the exact evaluation.
      const dist = Math.hypot(dx, dy) > reach + 1 ? 1 : shapeDistance(shape, u, v) * radius;
      const coverage = clamp01(0.5 - dist);
      // The shadow only shows where the shape does not fully cover the pixel.
      if (coverage < 1) {
        const hx = dx - sx;
        const hy = dy - sy;
        const shadowDist =
          Math.hypot(hx, hy) > reach + blur
            ? blur
            : shapeDistance(shape, (hx * cos + hy * sin) / radius, (hy * cos - hx * sin) / radius) * radius;
        const t = clamp01((blur - shadowDist) / (2 * blur));
        const shadow = SHADOW_STRENGTH * t * t * (3 - 2 * t);
        if (shadow > 0) {
          rgb[o] *= 1 - shadow;
          rgb[o + 1] *= 1 - shadow;
          rgb[o + 2] *= 1 - shadow;
        }
      }
      if (coverage <= 0) continue;
      if (px < x1) x1 = px;
      if (py < y1) y1 = py;
      if (px + 1 > x2) x2 = px + 1;
      if (py + 1 > y2) y2 = py + 1;
      const w = patternWeight(pattern, u, v, stripeAngle, radius);
      // A gentle top-left highlight gives the flat shapes some volume without changing their hue.
      const light = 1 + 0.06 * (-(dx + dy) / (radius * 1.4));
      const edge = clamp01(dist + outlineWidth + 0.5);
      for (let k = 0; k < 3; k++) {
        const fill = (primary[k] * (1 - w) + secondary[k] * w) * light;
        const c = fill * (1 - edge) + outline[k] * edge;
        rgb[o + k] += (c - rgb[o + k]) * coverage;
      }
    }
  }
  return { x1, y1, x2, y2 };
}

/** Renders `scene` to RGBA bytes plus each object's tight pixel box. */
export function renderScene(scene: Scene): RenderedScene {
  const { width, height } = scene;
  const rgb = new Float32Array(width * height * 3);
  paintBackdrop(rgb, width, height, scene.backdrop);
  const boxes = scene.objects.map((obj) => drawObject(rgb, scene, obj));
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0, j = 0; i < rgb.length; i += 3, j += 4) {
    rgba[j] = Math.max(0, Math.min(255, Math.round(rgb[i])));
    rgba[j + 1] = Math.max(0, Math.min(255, Math.round(rgb[i + 1])));
    rgba[j + 2] = Math.max(0, Math.min(255, Math.round(rgb[i + 2])));
    rgba[j + 3] = 255;
  }
  return { rgba, boxes };
}
