// Scene sampling: which objects, with which attributes, where. Pure data; rendering happens elsewhere.

import { type Rng, integer, pick, pickWeighted, uniform } from './rng.ts';
import { shapeReach } from './shapes.ts';
import {
  type Attributes,
  type BackdropTone,
  BACKDROP_TONES,
  COLOR_NAMES,
  PATTERNS,
  SHAPES,
  SIZES,
  SIZE_RADIUS,
  type Shape,
  type Size,
} from './vocabulary.ts';

export interface SceneObject {
  readonly attrs: Attributes;
  /** Centre in pixels. */
  readonly cx: number;
  readonly cy: number;
  /** Pixels per unit of the shape frame. */
  readonly radius: number;
  /** Clockwise rotation of the shape frame, radians. */
  readonly rotation: number;
  /** Orientation of stripes within the shape frame, radians. */
  readonly stripeAngle: number;
}

export interface Backdrop {
  readonly from: BackdropTone;
  readonly to: BackdropTone;
  /** Direction the gradient runs from `from` to `to`, radians (0 = rightwards, y down). */
  readonly angle: number;
  /** Low-frequency mottling: a coarse grid of values in −1…1, smoothly interpolated. */
  readonly noise: Float32Array;
  readonly noiseCols: number;
  readonly noiseRows: number;
}

export interface Scene {
  readonly width: number;
  readonly height: number;
  readonly backdrop: Backdrop;
  /** Direction the shadows fall, radians (y down, so π/2 is straight down). */
  readonly shadowAngle: number;
  /** Objects in drawing order (later ones may slightly cover earlier ones). */
  readonly objects: readonly SceneObject[];
}

const OBJECT_COUNTS = [1, 2, 3, 4, 5] as const;
const COUNT_WEIGHTS = [12, 22, 26, 22, 18] as const;
const PLACEMENT_TRIES = 40;
/** Shapes whose identity depends on orientation (a tilted square reads as a diamond) stay upright. */
const UPRIGHT: ReadonlySet<Shape> = new Set<Shape>(['square', 'diamond']);
const STRIPE_ANGLES = [0, Math.PI / 4, Math.PI / 2, (3 * Math.PI) / 4] as const;
/** Shadows fall downwards, towards the lower right, lower left or straight down. */
const SHADOW_ANGLES = [Math.PI / 4, (3 * Math.PI) / 4, Math.PI / 2] as const;

function attrKey(a: Attributes): string {
  return `${a.size}|${a.color}|${a.pattern}|${a.shape}`;
}

function sampleBackdrop(rng: Rng): Backdrop {
  const from = pick(rng, BACKDROP_TONES);
  const others = BACKDROP_TONES.filter((t) => t !== from);
  const noiseCols = 6;
  const noiseRows = 5;
  const noise = new Float32Array(noiseCols * noiseRows);
  for (let i = 0; i < noise.length; i++) noise[i] = uniform(rng, -1, 1);
  return { from, to: pick(rng, others), angle: uniform(rng, 0, 2 * Math.PI), noise, noiseCols, noiseRows };
}

/** Sizes to try for a requested size: itself first, then smaller ones, so crowded scenes still fit. */
function sizeFallbacks(size: Size): Size[] {
  return SIZES.slice(0, SIZES.indexOf(size) + 1).reverse();
}

interface Placed {
  readonly cx: number;
  readonly cy: number;
  readonly reach: number;
}

function tryPlace(
  rng: Rng,
  reach: number,
  width: number,
  height: number,
  placed: readonly Placed[],
  spacing: number,
): { cx: number; cy: number } | null {
  // Keep the shape and its shadow inside the frame.
  const margin = reach * 1.12 + 2;
  if (2 * margin >= width || 2 * margin >= height) return null;
  for (let t = 0; t < PLACEMENT_TRIES; t++) {
    const cx = uniform(rng, margin, width - margin);
    const cy = uniform(rng, margin, height - margin);
    const clear = placed.every((p) => Math.hypot(p.cx - cx, p.cy - cy) >= (p.reach + reach) * spacing + 2);
    if (clear) return { cx, cy };
  }
  return null;
}

/** Samples a scene of 1–5 objects with distinct attribute combinations, mostly not overlapping. */
export function sampleScene(layoutRng: Rng, backdropRng: Rng, width: number, height: number): Scene {
  const count = pickWeighted(layoutRng, OBJECT_COUNTS, COUNT_WEIGHTS);
  // One scene in eight lets shapes nudge into each other a little.
  const spacing = layoutRng() < 0.125 ? 0.8 : 1;
  const unit = Math.min(width, height);
  const objects: SceneObject[] = [];
  const placed: Placed[] = [];
  const used = new Set<string>();
  for (let k = 0; k < count; k++) {
    const shape = pick(layoutRng, SHAPES);
    const color = pick(layoutRng, COLOR_NAMES);
    const pattern = pick(layoutRng, PATTERNS);
    const requested = pick(layoutRng, SIZES);
    const rotation = UPRIGHT.has(shape) ? 0 : uniform(layoutRng, -0.2, 0.2);
    const stripeAngle = pick(layoutRng, STRIPE_ANGLES);
    for (const size of sizeFallbacks(requested)) {
      const attrs: Attributes = { size, color, pattern, shape };
      if (used.has(attrKey(attrs))) continue;
      const radius = SIZE_RADIUS[size] * unit * uniform(layoutRng, 0.94, 1.06);
      const reach = radius * shapeReach(shape);
      const spot = tryPlace(layoutRng, reach, width, height, placed, spacing);
      if (!spot) continue;
      used.add(attrKey(attrs));
      placed.push({ ...spot, reach });
      objects.push({ attrs, ...spot, radius, rotation, stripeAngle });
      break;
    }
  }
  const shadowAngle = SHADOW_ANGLES[integer(layoutRng, 0, SHADOW_ANGLES.length - 1)];
  return { width, height, backdrop: sampleBackdrop(backdropRng), shadowAngle, objects };
}
