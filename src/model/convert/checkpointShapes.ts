import type { TextConfig, TowerConfig, VisionConfig } from './checkpointConfig.ts'
import type { Weights } from './checkpointFiles.ts'

/** The tensors the graphs read, with the shapes config.json implies, checked against the weights. */

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
export function expectedShapes(vision: VisionConfig, text: TextConfig, projectionDim: number): Map<string, number[]> {
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

export function checkShapes(weights: Weights, expected: Map<string, number[]>): void {
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
