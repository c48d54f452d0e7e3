import type { AsyncBuffer } from '../../io/asyncBuffer.ts'
import { openSafetensors, type FloatDtype, type TensorInfo } from './safetensors.ts'

/**
 * A checkpoint folder behind an abstract reader (Node fs in the CLI, File objects in the browser):
 * parses config.json / preprocessor_config.json, opens the safetensors weights and checks that every
 * tensor the graphs need is there with the shape the config implies.
 */
export interface CheckpointReader {
  /** The file's bytes, or null when the folder has no such file. */
  open(name: string): Promise<AsyncBuffer | null>
}

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

/** A tensor source over one or more safetensors files. */
export interface Weights {
  readonly tensors: ReadonlyMap<string, TensorInfo>
  read(name: string): Promise<Float32Array>
}

export interface Checkpoint {
  readonly vision: VisionConfig
  readonly text: TextConfig
  readonly projectionDim: number
  readonly preprocessing: Preprocessing
  readonly weights: Weights
  readonly logitScales: { readonly global: number; readonly finegrained: number; readonly hardneg: number }
  /** The dtype most weights are stored in, for the manifest. */
  readonly checkpointDtype: 'float32' | 'float16' | 'bfloat16'
  readonly tokenizer: Uint8Array<ArrayBuffer>
}

type Json = Record<string, unknown>

async function readJson(reader: CheckpointReader, name: string): Promise<Json> {
  const bytes = await readRequired(reader, name)
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder().decode(bytes))
  } catch (e) {
    throw new Error(`${name}: not valid JSON (${(e as Error).message})`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${name}: not a JSON object`)
  return value as Json
}

async function readRequired(reader: CheckpointReader, name: string): Promise<Uint8Array<ArrayBuffer>> {
  const file = await reader.open(name)
  if (!file) throw new Error(`checkpoint is missing ${name}`)
  return new Uint8Array(await file.slice(0, file.byteLength))
}

function section(json: Json, file: string, key: string): Json {
  const v = json[key]
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`${file}: missing ${key}`)
  return v as Json
}

function positiveInt(json: Json, where: string, key: string, fallback?: number): number {
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

function preprocessing(json: Json, channels: number): Preprocessing {
  const file = 'preprocessor_config.json'
  const r = json.resample ?? 3
  const resample = typeof r === 'number' ? PIL_RESAMPLE[r] : undefined
  if (!resample) throw new Error(`${file}: unknown resample ${String(r)}`)
  return { mean: floatList(json, file, 'image_mean', channels), std: floatList(json, file, 'image_std', channels), resample }
}

async function openWeights(reader: CheckpointReader): Promise<Weights> {
  const single = await reader.open('model.safetensors')
  if (single) return openSafetensors(single, 'model.safetensors')
  const index = await reader.open('model.safetensors.index.json')
  if (!index) throw new Error('checkpoint is missing model.safetensors (nor is there a model.safetensors.index.json)')
  const map = section(await readJson(reader, 'model.safetensors.index.json'), 'model.safetensors.index.json', 'weight_map')
  const shardNames = [...new Set(Object.values(map).map(String))]
  const shards = await Promise.all(
    shardNames.map(async (name) => {
      const file = await reader.open(name)
      if (!file) throw new Error(`checkpoint is missing ${name} (listed in model.safetensors.index.json)`)
      return openSafetensors(file, name)
    }),
  )
  const owner = new Map(shards.flatMap((s) => [...s.tensors.keys()].map((t) => [t, s] as const)))
  return {
    tensors: new Map([...owner].map(([t, s]) => [t, s.tensors.get(t) as TensorInfo])),
    read(name) {
      const shard = owner.get(name)
      if (!shard) return Promise.reject(new Error(`model.safetensors: no tensor named ${name}`))
      return shard.read(name)
    },
  }
}

function layerShapes(prefix: string, c: TowerConfig): [string, number[]][] {
  const { hiddenSize: d, intermediateSize: m } = c
  return Array.from({ length: c.layers }, (_, n): [string, number[]][] => {
    const p = `${prefix}.encoder.layers.${n}`
    return [
      ...['q', 'k', 'v', 'out'].flatMap((x): [string, number[]][] => [
        [`${p}.self_attn.${x}_proj.weight`, [d, d]],
        [`${p}.self_attn.${x}_proj.bias`, [d]],
      ]),
      ...['layer_norm1', 'layer_norm2'].flatMap((x): [string, number[]][] => [
        [`${p}.${x}.weight`, [d]],
        [`${p}.${x}.bias`, [d]],
      ]),
      [`${p}.mlp.fc1.weight`, [m, d]],
      [`${p}.mlp.fc1.bias`, [m]],
      [`${p}.mlp.fc2.weight`, [d, m]],
      [`${p}.mlp.fc2.bias`, [d]],
    ]
  }).flat()
}

/** Every tensor the graphs read, with the shape config.json implies. */
function expectedShapes(vision: VisionConfig, text: TextConfig, projectionDim: number): Map<string, number[]> {
  const { hiddenSize: d, patchSize: p, channels, grid } = vision
  const { hiddenSize: dt } = text
  return new Map<string, number[]>([
    ['vision_model.embeddings.class_embedding', [d]],
    ['vision_model.embeddings.patch_embedding.weight', [d, channels, p, p]],
    ['vision_model.embeddings.position_embedding.weight', [grid * grid + 1, d]],
    ['vision_model.pre_layrnorm.weight', [d]],
    ['vision_model.pre_layrnorm.bias', [d]],
    ...layerShapes('vision_model', vision),
    ['vision_model.post_layernorm.weight', [d]],
    ['vision_model.post_layernorm.bias', [d]],
    ['visual_projection.weight', [projectionDim, d]],
    ['text_model.embeddings.token_embedding.weight', [text.vocabSize, dt]],
    ['text_model.embeddings.position_embedding.weight', [text.maxLengthShort, dt]],
    ['text_model.embeddings.position_embedding_ori.weight', [text.maxLengthLong, dt]],
    ['text_model.embeddings.position_embedding_res.weight', [text.maxLengthLong, dt]],
    ...layerShapes('text_model', text),
    ['text_model.final_layer_norm.weight', [dt]],
    ['text_model.final_layer_norm.bias', [dt]],
    ['text_projection.weight', [projectionDim, dt]],
    ['text_filip_projection.weight', [projectionDim, dt]],
    ['logit_scale', []],
    ['logit_scale_finegraind', []],
    ['logit_scale_hardneg', []],
  ])
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i])

/** Scalars may be saved as [] or [1]. */
const scalarLike = (want: readonly number[], got: readonly number[]): boolean =>
  want.length === 0 && got.length === 1 && got[0] === 1

function checkShapes(weights: Weights, expected: Map<string, number[]>): void {
  const problems: string[] = []
  for (const [name, want] of expected) {
    const got = weights.tensors.get(name)
    if (!got) problems.push(`missing tensor ${name} (expected shape [${want.join(', ')}])`)
    else if (!sameShape(want, got.shape) && !scalarLike(want, got.shape))
      problems.push(`tensor ${name} has shape [${got.shape.join(', ')}], expected [${want.join(', ')}] from config.json`)
  }
  if (problems.length === 0) return
  const shown = problems.slice(0, 8).join('\n  ')
  const more = problems.length > 8 ? `\n  … and ${problems.length - 8} more` : ''
  throw new Error(`model.safetensors does not match config.json:\n  ${shown}${more}`)
}

const DTYPE_NAMES: Record<FloatDtype, Checkpoint['checkpointDtype']> = { F32: 'float32', F16: 'float16', BF16: 'bfloat16' }

function dominantDtype(weights: Weights, names: Iterable<string>): Checkpoint['checkpointDtype'] {
  const counts = new Map<FloatDtype, number>()
  for (const n of names) {
    const t = weights.tensors.get(n)
    if (t) counts.set(t.dtype, (counts.get(t.dtype) ?? 0) + (t.end - t.begin))
  }
  const [top] = [...counts].sort((a, b) => b[1] - a[1])
  return DTYPE_NAMES[top?.[0] ?? 'F32']
}

/** Reads and validates a checkpoint; tensor data itself is read later, one tensor at a time. */
export async function loadCheckpoint(reader: CheckpointReader): Promise<Checkpoint> {
  const config = await readJson(reader, 'config.json')
  const visionJson = section(config, 'config.json', 'vision_config')
  const textJson = section(config, 'config.json', 'text_config')
  const preJson = await readJson(reader, 'preprocessor_config.json')
  const tokenizer = await readRequired(reader, 'tokenizer.json')
  let tokenizerJson: Json
  try {
    tokenizerJson = JSON.parse(new TextDecoder().decode(tokenizer)) as Json
  } catch (e) {
    throw new Error(`tokenizer.json: not valid JSON (${(e as Error).message})`)
  }
  const weights = await openWeights(reader)

  const vTower = towerConfig(visionJson, 'config.json vision_config')
  const imageSize = positiveInt(visionJson, 'config.json vision_config', 'image_size')
  const patchSize = positiveInt(visionJson, 'config.json vision_config', 'patch_size')
  if (imageSize % patchSize !== 0)
    throw new Error(`config.json vision_config: image_size ${imageSize} is not a multiple of patch_size ${patchSize}`)
  const vision: VisionConfig = {
    ...vTower,
    imageSize,
    patchSize,
    channels: positiveInt(visionJson, 'config.json vision_config', 'num_channels', 3),
    grid: imageSize / patchSize,
  }
  const ori = weights.tensors.get('text_model.embeddings.position_embedding_ori.weight')
  if (!ori) throw new Error('model.safetensors: missing tensor text_model.embeddings.position_embedding_ori.weight')
  const where = 'config.json text_config'
  const text: TextConfig = {
    ...towerConfig(textJson, where),
    vocabSize: positiveInt(textJson, where, 'vocab_size'),
    maxLengthShort: positiveInt(textJson, where, 'max_position_embeddings'),
    maxLengthLong: ori.shape[0] ?? 0,
    bosTokenId: tokenId(textJson, 'bos_token_id', 0, tokenizerJson, '<|startoftext|>'),
    eosTokenId: tokenId(textJson, 'eos_token_id', 2, tokenizerJson, '<|endoftext|>'),
  }
  const projectionDim = positiveInt(config, 'config.json', 'projection_dim')
  const expected = expectedShapes(vision, text, projectionDim)
  checkShapes(weights, expected)
  const scalar = async (name: string): Promise<number> => (await weights.read(name))[0]
  return {
    vision,
    text,
    projectionDim,
    preprocessing: preprocessing(preJson, vision.channels),
    weights,
    logitScales: {
      global: await scalar('logit_scale'),
      finegrained: await scalar('logit_scale_finegraind'),
      hardneg: await scalar('logit_scale_hardneg'),
    },
    checkpointDtype: dominantDtype(weights, expected.keys()),
    tokenizer,
  }
}
