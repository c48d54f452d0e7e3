import { parsePreprocessing, parseText, parseVision, positiveInt, type Preprocessing, type TextConfig, type VisionConfig } from './checkpointConfig.ts'
import { openWeights, readJson, readRequired, section, type CheckpointReader, type Json, type Weights } from './checkpointFiles.ts'
import { checkShapes, expectedShapes } from './checkpointShapes.ts'
import type { FloatDtype } from './safetensors.ts'

/**
 * A checkpoint, validated: configs parsed, every tensor the graphs need present with the shape the
 * config implies. Tensor data is read later, one tensor at a time.
 */

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

function tokenizerJson(bytes: Uint8Array): Json {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as Json
  } catch (e) {
    throw new Error(`tokenizer.json: not valid JSON (${(e as Error).message})`)
  }
}

const ORI = 'text_model.embeddings.position_embedding_ori.weight'

/** Reads and validates a checkpoint; tensor data itself is read later, one tensor at a time. */
export async function loadCheckpoint(reader: CheckpointReader): Promise<Checkpoint> {
  const config = await readJson(reader, 'config.json')
  const vision = parseVision(section(config, 'config.json', 'vision_config'))
  const textJson = section(config, 'config.json', 'text_config')
  const projectionDim = positiveInt(config, 'config.json', 'projection_dim')
  const preprocessing = parsePreprocessing(await readJson(reader, 'preprocessor_config.json'), vision.channels)
  const tokenizer = await readRequired(reader, 'tokenizer.json')
  const weights = await openWeights(reader)
  const longRows = weights.tensors.get(ORI)?.shape[0]
  if (longRows === undefined) throw new Error(`model.safetensors: missing tensor ${ORI}`)
  const text = parseText(textJson, tokenizerJson(tokenizer), longRows)
  const expected = expectedShapes(vision, text, projectionDim)
  checkShapes(weights, expected)
  const scalar = async (name: string): Promise<number> => (await weights.read(name))[0]
  return {
    vision,
    text,
    projectionDim,
    preprocessing,
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
