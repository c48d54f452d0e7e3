import type { Checkpoint } from './checkpoint.ts'
import type { WeightDtype } from './graphBuilder.ts'

/** manifest.json of a model package, exactly as docs/model-package.md specifies it. */

export const CONVERTER = 'finehard-explorer 0.1.0'

export interface ManifestFile {
  readonly name: string
  readonly bytes: number
  readonly sha256: string
}

export interface Manifest {
  readonly format: 'fgclip-package'
  readonly version: 1
  readonly family: 'fgclip-v1'
  readonly imageSize: number
  readonly patchSize: number
  readonly grid: number
  readonly projectionDim: number
  readonly mean: readonly number[]
  readonly std: readonly number[]
  readonly resample: string
  readonly hiddenAct: string
  readonly maxLengthShort: number
  readonly maxLengthLong: number
  readonly bosTokenId: number
  readonly eosTokenId: number
  readonly vocabSize: number
  readonly logitScale: number
  readonly logitScaleFinegrained: number
  readonly logitScaleHardneg: number
  readonly weightDtype: WeightDtype
  readonly files: readonly ManifestFile[]
  readonly source: { readonly checkpointDtype: string; readonly convertedAt: string; readonly converter: string }
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function buildManifest(
  ckpt: Checkpoint,
  weightDtype: WeightDtype,
  files: readonly ManifestFile[],
  convertedAt: Date,
): Manifest {
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
    source: { checkpointDtype: ckpt.checkpointDtype, convertedAt: convertedAt.toISOString(), converter: CONVERTER },
  }
}
