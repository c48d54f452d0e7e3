import type { Checkpoint } from './checkpoint.ts'
import { int, ints, type GraphBuilder } from './graphBuilder.ts'
import { DataType } from './onnxProto.ts'
import { encoderLayer, layerNorm, linear, loadLayer, loadLinear, loadNorm, mlpResidual, selfAttention } from './transformer.ts'

/**
 * image.onnx: pixel_values [N, C, S, S] → image_embeds [N, P] (global path) and dense_features
 * [N, G², P] (FG-CLIP's value-only last layer), both from one shared run of layers 0 … L-2.
 */

/** [G²+1, D] added to [class slot, patches]: row 0 folds class_embedding into its position. */
async function tokenEmbedding(ckpt: Checkpoint): Promise<Float32Array> {
  const w = ckpt.weights
  const table = await w.read('vision_model.embeddings.position_embedding.weight')
  const cls = await w.read('vision_model.embeddings.class_embedding')
  for (let i = 0; i < cls.length; i++) table[i] += cls[i]
  return table
}

export async function buildImageGraph(b: GraphBuilder, ckpt: Checkpoint): Promise<void> {
  const { vision: cfg, weights: w, projectionDim } = ckpt
  const { hiddenSize: d, patchSize: p, grid, channels, imageSize } = cfg
  const eps = cfg.layerNormEps

  const pixels = b.input('pixel_values', DataType.FLOAT, ['batch', channels, imageSize, imageSize])
  const patchWeight = await w.read('vision_model.embeddings.patch_embedding.weight')
  const patchW = b.weight('vision_model.embeddings.patch_embedding.weight', [d, channels, p, p], patchWeight)
  const conv = b.op('Conv', [pixels, patchW], [ints('kernel_shape', [p, p]), ints('strides', [p, p])])
  // [N, D, G, G] → [N, G², D], token t = y·G + x (row-major, as torch's flatten(2)).
  const patches = b.op('Transpose', [b.op('Reshape', [conv, b.int64([0, d, -1])])], [ints('perm', [0, 2, 1])])
  // A zero row in front is the class slot; the embedding table then adds class + positions at once.
  const slotted = b.op('Pad', [patches, b.int64([0, 1, 0, 0, 0, 0])])
  const table = b.weight('vision_token_embedding', [1, grid * grid + 1, d], await tokenEmbedding(ckpt))
  let h = layerNorm(b, b.op('Add', [slotted, table]), await loadNorm(b, w, 'vision_model.pre_layrnorm'), eps)

  for (let n = 0; n < cfg.layers - 1; n++)
    h = encoderLayer(b, h, await loadLayer(b, w, `vision_model.encoder.layers.${n}`, cfg), cfg)

  const last = await loadLayer(b, w, `vision_model.encoder.layers.${cfg.layers - 1}`, cfg)
  const post = await loadNorm(b, w, 'vision_model.post_layernorm')
  const projection = await loadLinear(b, w, 'visual_projection', { bias: false })

  // LN1 and the value projection of the last layer are shared by both paths.
  const normed = layerNorm(b, h, last.ln1, eps)
  const v = linear(b, normed, last.v)

  const global = mlpResidual(b, b.op('Add', [h, selfAttention(b, normed, v, last, cfg)]), last, cfg)
  const cls = b.op('Gather', [global, b.int64([0], [])], [int('axis', 1)])
  linear(b, layerNorm(b, cls, post, eps), projection, 'image_embeds')
  b.output('image_embeds', DataType.FLOAT, ['batch', projectionDim])

  const valueOnly = b.op('Add', [h, linear(b, v, last.out)])
  const tokens = b.op('Slice', [valueOnly, b.int64([1]), b.int64([grid * grid + 1]), b.int64([1])])
  const dense = mlpResidual(b, tokens, last, cfg)
  linear(b, layerNorm(b, dense, post, eps), projection, 'dense_features')
  b.output('dense_features', DataType.FLOAT, ['batch', grid * grid, projectionDim])
}
