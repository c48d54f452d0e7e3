/**
 * The inputs every encode latency is measured on, built the same way in Node and in the page so
 * both runtimes do identical work. Values only need to be deterministic: cost depends on shapes.
 */

/** One image, [1, 3, S, S], values in the range of normalised pixels. */
export function benchPixels(imageSize: number): Float32Array {
  const out = new Float32Array(3 * imageSize * imageSize)
  let state = 12345
  for (let i = 0; i < out.length; i++) {
    state = (state * 1103515245 + 12345) >>> 0
    out[i] = (state / 0xffffffff) * 4 - 2
  }
  return out
}

/** Texts per region in the app: the positive phrase and its 10 hard negatives, one batch. */
export const BENCH_TEXTS = 11
/** Tokens per text including start and end: a typical FineHARD region phrase. */
export const BENCH_TOKENS = 16

/**
 * BENCH_TEXTS short-path token lists [bos, …, eos] of BENCH_TOKENS each. Inner ids are ordinary
 * tokens below both special ids, within the package's vocabulary (the demo's word tokenizer has
 * 138 entries, the CLIP BPE 49408).
 */
export function benchTokenIds(manifest: { bosTokenId: number; eosTokenId: number; vocabSize: number }): number[][] {
  const ordinary = Math.min(manifest.bosTokenId, manifest.eosTokenId, manifest.vocabSize)
  return Array.from({ length: BENCH_TEXTS }, (_, r) => [
    manifest.bosTokenId,
    ...Array.from({ length: BENCH_TOKENS - 2 }, (_, i) => (r * 97 + i * 31 + 5) % ordinary),
    manifest.eosTokenId,
  ])
}
