import type { Json } from './checkpointFiles.ts'

/** The parts of config.json / preprocessor_config.json the converter needs, validated. */

export type HiddenAct = 'quick_gelu' | 'gelu' | 'gelu_new' | 'gelu_pytorch_tanh'
const HIDDEN_ACTS: readonly string[] = ['quick_gelu', 'gelu', 'gelu_new', 'gelu_pytorch_tanh']

export interface TowerConfig {
  readonly hiddenSize: number
  readonly intermediateSize: number
  readonly layers: number
  readonly heads: number
  readonly hiddenAct: HiddenAct
  readonly layerNormEps: number
}

export interface VisionConfig extends TowerConfig {
  readonly imageSize: number
  readonly patchSize: number
  readonly channels: number
  readonly grid: number
}

export interface TextConfig extends TowerConfig {
  readonly vocabSize: number
  /** Rows of the short position table (CLIP: 77). */
  readonly maxLengthShort: number
  /** Rows of the long tables position_embedding_ori/res (FG-CLIP: 248), read from the weights. */
  readonly maxLengthLong: number
  readonly bosTokenId: number
  readonly eosTokenId: number
}

export interface Preprocessing {
  readonly mean: readonly number[]
  readonly std: readonly number[]
  readonly resample: string
}

export function positiveInt(json: Json, where: string, key: string, fallback?: number): number {
  const v = json[key] ?? fallback
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`${where}: missing or invalid ${key}`)
  return v
}

function towerConfig(json: Json, where: string): TowerConfig {
  // hidden_act and layer_norm_eps are the only fields CLIP configs may leave at their defaults.
  const hiddenAct = json.hidden_act ?? 'quick_gelu'
  if (typeof hiddenAct !== 'string' || !HIDDEN_ACTS.includes(hiddenAct))
    throw new Error(`${where}: unsupported hidden_act ${String(hiddenAct)} (supported: ${HIDDEN_ACTS.join(', ')})`)
  const eps = json.layer_norm_eps ?? 1e-5
  if (typeof eps !== 'number' || !(eps > 0)) throw new Error(`${where}: invalid layer_norm_eps`)
  const cfg: TowerConfig = {
    hiddenSize: positiveInt(json, where, 'hidden_size'),
    intermediateSize: positiveInt(json, where, 'intermediate_size'),
    layers: positiveInt(json, where, 'num_hidden_layers'),
    heads: positiveInt(json, where, 'num_attention_heads'),
    hiddenAct: hiddenAct as HiddenAct,
    layerNormEps: eps,
  }
  if (cfg.hiddenSize % cfg.heads !== 0)
    throw new Error(`${where}: hidden_size ${cfg.hiddenSize} is not divisible by num_attention_heads ${cfg.heads}`)
  return cfg
}

function specialTokenId(tokenizer: Json, content: string): number | undefined {
  const added = tokenizer.added_tokens
  if (!Array.isArray(added)) return undefined
  const hit: unknown = added.find((t: unknown) => typeof t === 'object' && t !== null && (t as Json).content === content)
  const id = hit && (hit as Json).id
  return typeof id === 'number' ? id : undefined
}

/** Token id from text_config, unless absent or transformers' legacy placeholder; then tokenizer.json. */
function tokenId(text: Json, key: string, legacy: number, tokenizer: Json, content: string): number {
  const fromConfig = text[key]
  if (typeof fromConfig === 'number' && Number.isInteger(fromConfig) && fromConfig !== legacy) return fromConfig
  const fromTokenizer = specialTokenId(tokenizer, content)
  if (fromTokenizer === undefined)
    throw new Error(`config.json text_config has no usable ${key} and tokenizer.json has no ${content} token`)
  return fromTokenizer
}

function floatList(json: Json, file: string, key: string, length: number): number[] {
  const v = json[key]
  if (!Array.isArray(v) || v.length !== length || !v.every((x) => typeof x === 'number'))
    throw new Error(`${file}: ${key} must be a list of ${length} numbers`)
  return v as number[]
}

// PIL resampling filter numbers as stored by transformers' image processors.
const PIL_RESAMPLE = ['nearest', 'lanczos', 'bilinear', 'bicubic', 'box', 'hamming']

export function parsePreprocessing(json: Json, channels: number): Preprocessing {
  const file = 'preprocessor_config.json'
  const r = json.resample ?? 3
  const resample = typeof r === 'number' ? PIL_RESAMPLE[r] : undefined
  if (!resample) throw new Error(`${file}: unknown resample ${String(r)}`)
  return { mean: floatList(json, file, 'image_mean', channels), std: floatList(json, file, 'image_std', channels), resample }
}

export function parseVision(json: Json): VisionConfig {
  const where = 'config.json vision_config'
  const imageSize = positiveInt(json, where, 'image_size')
  const patchSize = positiveInt(json, where, 'patch_size')
  if (imageSize % patchSize !== 0)
    throw new Error(`${where}: image_size ${imageSize} is not a multiple of patch_size ${patchSize}`)
  return {
    ...towerConfig(json, where),
    imageSize,
    patchSize,
    channels: positiveInt(json, where, 'num_channels', 3),
    grid: imageSize / patchSize,
  }
}

/** `longRows` comes from the weights: configs do not record FG-CLIP's long position table. */
export function parseText(json: Json, tokenizer: Json, longRows: number): TextConfig {
  const where = 'config.json text_config'
  return {
    ...towerConfig(json, where),
    vocabSize: positiveInt(json, where, 'vocab_size'),
    maxLengthShort: positiveInt(json, where, 'max_position_embeddings'),
    maxLengthLong: longRows,
    bosTokenId: tokenId(json, 'bos_token_id', 0, tokenizer, '<|startoftext|>'),
    eosTokenId: tokenId(json, 'eos_token_id', 2, tokenizer, '<|endoftext|>'),
  }
}
