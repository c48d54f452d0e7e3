/**
 * Running a model package's two graphs, for any onnxruntime flavour (web in the browser, node in
 * CLIs and tests): the caller passes its `Tensor` constructor and sessions, this module shapes the
 * inputs and reads the outputs as docs/model-package.md defines them.
 */
import type { InferenceSession, Tensor } from 'onnxruntime-common'
import type { ModelManifest } from './packageManifest.ts'

export type TensorConstructor = typeof Tensor

export interface ImageFeatures {
  /** Global image embedding [P], not normalised. */
  imageEmbeds: Float32Array
  /** Dense map [G², P], token t = y·G + x, not normalised. */
  dense: Float32Array
}

export type TextPath = 'short' | 'long'

/** Runs the image graph on N preprocessed images laid out [N, 3, S, S]. */
export async function runImageGraph(
  TensorClass: TensorConstructor,
  session: InferenceSession,
  pixelValues: Float32Array,
  manifest: ModelManifest,
): Promise<ImageFeatures[]> {
  const s = manifest.imageSize
  const n = pixelValues.length / (3 * s * s)
  const input = new TensorClass('float32', pixelValues, [n, 3, s, s])
  const output = await session.run({ pixel_values: input })
  const p = manifest.projectionDim
  const tokens = manifest.grid * manifest.grid
  const embeds = output.image_embeds.data as Float32Array
  const dense = output.dense_features.data as Float32Array
  return Array.from({ length: n }, (_, i) => ({
    imageEmbeds: embeds.slice(i * p, (i + 1) * p),
    dense: dense.slice(i * tokens * p, (i + 1) * tokens * p),
  }))
}

/**
 * Runs the text graph on token id lists (each [bos … eos]). The batch is padded with the end
 * token only to its longest member: with the causal mask, tokens after the first end token change
 * nothing, so this equals padding to 77 / 248 at a fraction of the work.
 */
export async function runTextGraph(
  TensorClass: TensorConstructor,
  session: InferenceSession,
  ids: readonly ArrayLike<number>[],
  path: TextPath,
  manifest: ModelManifest,
): Promise<Float32Array[]> {
  if (ids.length === 0) return []
  const length = Math.max(...ids.map((row) => row.length))
  const inputIds = new BigInt64Array(ids.length * length).fill(BigInt(manifest.eosTokenId))
  const positionIds = new BigInt64Array(ids.length * length)
  const positionOffset = path === 'short' ? 0 : manifest.maxLengthShort
  ids.forEach((row, r) => {
    for (let i = 0; i < length; i++) {
      if (i < row.length) inputIds[r * length + i] = BigInt(row[i])
      positionIds[r * length + i] = BigInt(positionOffset + i)
    }
  })
  const output = await session.run({
    input_ids: new TensorClass('int64', inputIds, [ids.length, length]),
    position_ids: new TensorClass('int64', positionIds, [ids.length, length]),
  })
  const embeds = output[path === 'short' ? 'short_embeds' : 'long_embeds'].data as Float32Array
  const p = manifest.projectionDim
  return ids.map((_, r) => embeds.slice(r * p, (r + 1) * p))
}
