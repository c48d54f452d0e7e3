import type { ModelManifest, PackageFile } from '../packageManifest.ts'
import type { Checkpoint } from './checkpoint.ts'
import type { WeightDtype } from './graphBuilder.ts'

/** manifest.json of a model package, exactly as docs/model-package.md specifies it. */

/** What the checkpoint cannot say about itself: a display name, and whether its weights are random. */
export interface PackageLabel {
  readonly name?: string
  readonly randomWeights?: boolean
}

export const CONVERTER = 'finehard-explorer 0.1.0'

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function buildManifest(
  ckpt: Checkpoint,
  weightDtype: WeightDtype,
  files: readonly PackageFile[],
  convertedAt: Date,
  label: PackageLabel = {},
): ModelManifest {
  const { vision, text } = ckpt
  return {
    format: 'fgclip-package',
    version: 1,
    family: 'fgclip-v1',
    imageSize: vision.imageSize,
    patchSize: vision.patchSize,
    grid: vision.grid,
    projectionDim: ckpt.projectionDim,
    mean: ckpt.preprocessing.mean,
    std: ckpt.preprocessing.std,
    resample: ckpt.preprocessing.resample,
    hiddenAct: vision.hiddenAct,
    maxLengthShort: text.maxLengthShort,
    maxLengthLong: text.maxLengthLong,
    bosTokenId: text.bosTokenId,
    eosTokenId: text.eosTokenId,
    vocabSize: text.vocabSize,
    logitScale: ckpt.logitScales.global,
    logitScaleFinegrained: ckpt.logitScales.finegrained,
    logitScaleHardneg: ckpt.logitScales.hardneg,
    weightDtype,
    files,
    source: { ...(label.name ? { name: label.name } : {}), checkpointDtype: ckpt.checkpointDtype, convertedAt: convertedAt.toISOString(), converter: CONVERTER },
    ...(label.randomWeights ? { randomWeights: true } : {}),
  }
}
