// Seeded randomness. Every sample draws from its own streams, derived from (seed, index, stream),
// so a sample is identical whatever --count is and whichever other samples are generated.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Independent streams per sample, so changing e.g. caption wording never changes the pixels. */
export const STREAM = { layout: 1, backdrop: 2, text: 3, negatives: 4, failures: 5 } as const;

/** Murmur3's 32-bit finaliser: spreads nearby inputs (index 0, 1, 2, …) over the whole range. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Mulberry32: tiny, fast and good enough for procedural content. */
function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generator for one purpose (`stream`) of one sample (`index`) under a global `seed`. */
export function createRng(seed: number, index: number, stream: number): Rng {
  const a = mix32(seed ^ 0x9e3779b9);
  const b = mix32(a ^ Math.imul(index + 1, 0x27d4eb2d));
  return mulberry32(mix32(b ^ Math.imul(stream, 0x165667b1)));
}

/** Uniform real in [low, high). */
export function uniform(rng: Rng, low: number, high: number): number {
  return low + (high - low) * rng();
}

/** Uniform integer in [low, high] (both inclusive). */
export function integer(rng: Rng, low: number, high: number): number {
  return low + Math.floor(rng() * (high - low + 1));
}

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/** One element, with probability proportional to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = rng() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i];
    if (r < 0) return items[i];
  }
  return items[items.length - 1];
}

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(rng: Rng, items: readonly T[]): T[] {
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
