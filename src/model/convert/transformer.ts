import type { HiddenAct, TowerConfig } from './checkpointConfig.ts'
import type { Weights } from './checkpointFiles.ts'
import { float, int, ints, type GraphBuilder } from './graphBuilder.ts'
import { scale, transpose2d } from './weightMath.ts'

/** Graph pieces shared by both towers: LayerNorm, linear layers, the pre-LN transformer block. */

export interface Norm {
  readonly weight: string
  readonly bias: string
}

export interface Linear {
  /** [in, out], pre-transposed. */
  readonly weight: string
  readonly bias?: string
}

export interface LayerWeights {
  readonly ln1: Norm
  readonly q: Linear
  readonly k: Linear
  readonly v: Linear
  readonly out: Linear
  readonly ln2: Norm
  readonly fc1: Linear
  readonly fc2: Linear
}

export async function loadNorm(b: GraphBuilder, w: Weights, prefix: string): Promise<Norm> {
  const weight = await w.read(`${prefix}.weight`)
  return {
    weight: b.weight(`${prefix}.weight`, [weight.length], weight),
    bias: b.weight(`${prefix}.bias`, [weight.length], await w.read(`${prefix}.bias`)),
  }
}

/**
 * A torch Linear ([out, in] weight) as a MatMul-ready [in, out] initializer. `factor` scales weight
 * and bias (used to fold the attention scale into the query projection).
 */
export async function loadLinear(
  b: GraphBuilder,
  w: Weights,
  prefix: string,
  opts: { bias: boolean; factor?: number },
): Promise<Linear> {
  const name = `${prefix}.weight`
  const info = w.tensors.get(name)
  if (!info || info.shape.length !== 2) throw new Error(`model.safetensors: ${name} is not a 2-D tensor`)
  const [outDim, inDim] = info.shape
  const factor = opts.factor ?? 1
  const weight = transpose2d(await w.read(name), outDim, inDim)
  const result = { weight: b.weight(`${name}_t`, [inDim, outDim], factor === 1 ? weight : scale(weight, factor)) }
  if (!opts.bias) return result
  const bias = await w.read(`${prefix}.bias`)
  return { ...result, bias: b.weight(`${prefix}.bias`, [outDim], factor === 1 ? bias : scale(bias, factor)) }
}

export async function loadLayer(b: GraphBuilder, w: Weights, prefix: string, cfg: TowerConfig): Promise<LayerWeights> {
  const attn = `${prefix}.self_attn`
  const headDim = cfg.hiddenSize / cfg.heads
  return {
    ln1: await loadNorm(b, w, `${prefix}.layer_norm1`),
    q: await loadLinear(b, w, `${attn}.q_proj`, { bias: true, factor: headDim ** -0.5 }),
    k: await loadLinear(b, w, `${attn}.k_proj`, { bias: true }),
    v: await loadLinear(b, w, `${attn}.v_proj`, { bias: true }),
    out: await loadLinear(b, w, `${attn}.out_proj`, { bias: true }),
    ln2: await loadNorm(b, w, `${prefix}.layer_norm2`),
    fc1: await loadLinear(b, w, `${prefix}.mlp.fc1`, { bias: true }),
    fc2: await loadLinear(b, w, `${prefix}.mlp.fc2`, { bias: true }),
  }
}

export function layerNorm(b: GraphBuilder, x: string, n: Norm, eps: number, output?: string): string {
  return b.op('LayerNormalization', [x, n.weight, n.bias], [int('axis', -1), float('epsilon', eps)], output)
}

export function linear(b: GraphBuilder, x: string, l: Linear, output?: string): string {
  if (!l.bias) return b.op('MatMul', [x, l.weight], [], output)
  return b.op('Add', [b.op('MatMul', [x, l.weight]), l.bias], [], output)
}

export function activation(b: GraphBuilder, x: string, act: HiddenAct): string {
  switch (act) {
    case 'quick_gelu': // x·sigmoid(1.702x)
      return b.op('Mul', [x, b.op('Sigmoid', [b.op('Mul', [x, b.float([1.702], [])])])])
    case 'gelu': {
      // exact: 0.5·x·(1 + erf(x/√2))
      const erf = b.op('Erf', [b.op('Mul', [x, b.float([Math.SQRT1_2], [])])])
      return b.op('Mul', [b.op('Mul', [x, b.float([0.5], [])]), b.op('Add', [erf, b.float([1], [])])])
    }
    case 'gelu_new':
    case 'gelu_pytorch_tanh': {
      // tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))
      const cube = b.op('Mul', [b.op('Mul', [x, x]), x])
      const inner = b.op('Add', [x, b.op('Mul', [cube, b.float([0.044715], [])])])
      const t = b.op('Tanh', [b.op('Mul', [inner, b.float([Math.sqrt(2 / Math.PI)], [])])])
      return b.op('Mul', [b.op('Mul', [x, b.float([0.5], [])]), b.op('Add', [t, b.float([1], [])])])
    }
  }
}

/** [N, T, D] → [N, H, T, hd], or [N, H, hd, T] for keys (so scores are a plain MatMul). */
function splitHeads(b: GraphBuilder, x: string, cfg: TowerConfig, transposed: boolean): string {
  const r = b.op('Reshape', [x, b.int64([0, 0, cfg.heads, cfg.hiddenSize / cfg.heads])])
  return b.op('Transpose', [r], [ints('perm', transposed ? [0, 2, 3, 1] : [0, 2, 1, 3])])
}

/**
 * Multi-head self-attention on already normalised tokens, with the value projection `v` computed by
 * the caller (the image tower's dense path reuses it). `mask` is an additive [T, T] mask.
 */
export function selfAttention(
  b: GraphBuilder,
  normed: string,
  v: string,
  lw: LayerWeights,
  cfg: TowerConfig,
  mask?: string,
): string {
  const q = splitHeads(b, linear(b, normed, lw.q), cfg, false) // already scaled by head_dim^-0.5
  const kT = splitHeads(b, linear(b, normed, lw.k), cfg, true)
  const scores = b.op('MatMul', [q, kT])
  const probs = b.op('Softmax', [mask ? b.op('Add', [scores, mask]) : scores], [int('axis', -1)])
  const ctx = b.op('MatMul', [probs, splitHeads(b, v, cfg, false)])
  const merged = b.op('Reshape', [b.op('Transpose', [ctx], [ints('perm', [0, 2, 1, 3])]), b.int64([0, 0, cfg.hiddenSize])])
  return linear(b, merged, lw.out)
}

/** x + FC2(act(FC1(LN2(x)))). */
export function mlpResidual(b: GraphBuilder, x: string, lw: LayerWeights, cfg: TowerConfig): string {
  const h = linear(b, layerNorm(b, x, lw.ln2, cfg.layerNormEps), lw.fc1)
  return b.op('Add', [x, linear(b, activation(b, h, cfg.hiddenAct), lw.fc2)])
}

/** One pre-LN block: x + Attn(LN1(x)), then the MLP residual. */
export function encoderLayer(b: GraphBuilder, x: string, lw: LayerWeights, cfg: TowerConfig, mask?: string): string {
  const normed = layerNorm(b, x, lw.ln1, cfg.layerNormEps)
  const attended = b.op('Add', [x, selfAttention(b, normed, linear(b, normed, lw.v), lw, cfg, mask)])
  return mlpResidual(b, attended, lw, cfg)
}
