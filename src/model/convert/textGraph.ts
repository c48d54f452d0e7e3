import type { Checkpoint } from './checkpoint.ts'
import { int, type GraphBuilder } from './graphBuilder.ts'
import { DataType } from './onnxProto.ts'
import { encoderLayer, layerNorm, loadLayer, loadLinear, loadNorm, linear } from './transformer.ts'

/**
 * text.onnx: input_ids / position_ids [N, L] → short_embeds and long_embeds [N, P], pooled at the
 * first end token. Short and long texts differ only in position rows and the projection, so one
 * graph serves both (position_ids pick the rows; both projections are returned).
 */

// Large enough to zero a softmax weight, small enough to stay finite in float32 sums.
const MASKED = -1e9

/** [short table; long table], the long table being ori[i] for i < 20 and res[i] from 20 on. */
async function positionTable(ckpt: Checkpoint): Promise<Float32Array> {
  const w = ckpt.weights
  const { hiddenSize: dt, maxLengthShort, maxLengthLong } = ckpt.text
  const short = await w.read('text_model.embeddings.position_embedding.weight')
  const ori = await w.read('text_model.embeddings.position_embedding_ori.weight')
  const res = await w.read('text_model.embeddings.position_embedding_res.weight')
  const keptOri = Math.min(20, maxLengthLong) * dt // FG-CLIP keeps the first 20 CLIP positions as trained
  const table = new Float32Array((maxLengthShort + maxLengthLong) * dt)
  table.set(short, 0)
  table.set(ori.subarray(0, keptOri), maxLengthShort * dt)
  table.set(res.subarray(keptOri), maxLengthShort * dt + keptOri)
  return table
}

/** Additive [L, L] causal mask for the dynamic length of `ids`: 0 on and below the diagonal. */
function causalMask(b: GraphBuilder, ids: string): string {
  const length = b.op('Gather', [b.op('Shape', [ids]), b.int64([1], [])], [int('axis', 0)])
  const positions = b.op('Range', [b.int64([0], []), length, b.int64([1], [])])
  const rows = b.op('Unsqueeze', [positions, b.int64([1])])
  const cols = b.op('Unsqueeze', [positions, b.int64([0])])
  return b.op('Where', [b.op('Greater', [cols, rows]), b.float([MASKED], []), b.float([0], [])])
}

/** Hidden state at the first position where ids == eos: [N, L, D] → [N, D]. */
function poolAtEos(b: GraphBuilder, h: string, ids: string, eos: number, d: number): string {
  const isEos = b.op('Cast', [b.op('Equal', [ids, b.int64([eos], [])])], [int('to', DataType.FLOAT)])
  // ArgMax returns the first maximum: the first end token (0 when a row has none).
  const first = b.op('ArgMax', [isEos], [int('axis', 1), int('keepdims', 1), int('select_last_index', 0)])
  const index = b.op('Expand', [b.op('Unsqueeze', [first, b.int64([2])]), b.int64([1, 1, d])])
  return b.op('Reshape', [b.op('GatherElements', [h, index], [int('axis', 1)]), b.int64([0, d])])
}

export async function buildTextGraph(b: GraphBuilder, ckpt: Checkpoint): Promise<void> {
  const { text: cfg, weights: w, projectionDim } = ckpt
  const dt = cfg.hiddenSize
  const ids = b.input('input_ids', DataType.INT64, ['batch', 'sequence'])
  const positionIds = b.input('position_ids', DataType.INT64, ['batch', 'sequence'])

  const tokenTable = b.weight(
    'text_model.embeddings.token_embedding.weight',
    [cfg.vocabSize, dt],
    await w.read('text_model.embeddings.token_embedding.weight'),
  )
  const positions = b.weight('text_position_table', [cfg.maxLengthShort + cfg.maxLengthLong, dt], await positionTable(ckpt))
  let h = b.op('Add', [b.op('Gather', [tokenTable, ids]), b.op('Gather', [positions, positionIds])])

  const mask = causalMask(b, ids)
  for (let n = 0; n < cfg.layers; n++)
    h = encoderLayer(b, h, await loadLayer(b, w, `text_model.encoder.layers.${n}`, cfg), cfg, mask)

  // final_layer_norm is per token, so pooling first normalises one row instead of L.
  const pooled = layerNorm(b, poolAtEos(b, h, ids, cfg.eosTokenId, dt), await loadNorm(b, w, 'text_model.final_layer_norm'), cfg.layerNormEps)
  linear(b, pooled, await loadLinear(b, w, 'text_projection', { bias: false }), 'short_embeds')
  linear(b, pooled, await loadLinear(b, w, 'text_filip_projection', { bias: false }), 'long_embeds')
  b.output('short_embeds', DataType.FLOAT, ['batch', projectionDim])
  b.output('long_embeds', DataType.FLOAT, ['batch', projectionDim])
}
