/**
 * Deterministic FineHARD-like records for tests and the bench: long captions with quotes,
 * backslashes, braces and non-ASCII text, 3-4 regions with 10 hard negatives each. Pure (no
 * node:fs) so tests and scripts can both use it.
 */

const WORDS = [
  'a', 'small', 'brown', 'dog', 'sits', 'on', 'the', 'wooden', 'floor', 'next', 'to', 'red', 'ball',
  'while', 'sunlight', 'falls', 'through', 'window', 'behind', 'it', 'with', 'green', 'plants',
  'and', 'white', 'curtains', 'shelf', 'books', 'lamp', 'cup', 'tea', 'steam', 'rises', 'slowly',
]

/** A tiny deterministic PRNG so the same index always yields the same record. */
function rng(seed: number): () => number {
  let s = seed * 2654435761 + 1
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff
    return s / 0x7fffffff
  }
}

function sentence(r: () => number, words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r() * WORDS.length)])
  return out.join(' ')
}

/** The record object at position `i` (about 3.5 KB of JSON). */
export function syntheticRecord(i: number): Record<string, unknown> {
  const r = rng(i + 1)
  const key = String(i % 1_000_000_000).padStart(9, '0')
  const regions = []
  const n = 3 + (i % 2)
  for (let j = 0; j < n; j++) {
    const x1 = Math.round(r() * 500) / 1000
    const y1 = Math.round(r() * 500) / 1000
    const negs: Record<string, string> = {}
    for (let k = 0; k < 10; k++) negs[String(k)] = sentence(r, 5)
    regions.push({
      bbox: [x1, y1, x1 + 0.3, y1 + 0.4, Math.round((0.4 + r() * 0.6) * 100) / 100],
      short_expr: sentence(r, 4),
      long_expr: `${sentence(r, 14)} {"nested": [1, 2]} \\ end`,
      flag_short_neg: 1,
      short_expr_negs: negs,
    })
  }
  return {
    caption: `record ${i}: ${sentence(r, 150)} "quoted" \\"tricky\\" 小猫 é {]`,
    short_caption: `record ${i} ${sentence(r, 20)}`,
    f_path: `grit-20m/data-12m/coyo_image_${i % 21}/${key.slice(0, 5)}/${key}.jpg`,
    bbox_info: regions,
  }
}
