/**
 * The model package's manifest.json (docs/model-package.md): what the runtime needs to know about
 * a converted checkpoint. `parseManifest` checks a manifest from an untrusted file and names the
 * first field that is wrong.
 */

export interface PackageFile {
  name: string
  bytes: number
  sha256: string
}

/** Where the package came from; shown to the user, never interpreted. */
export interface PackageProvenance {
  /** A display name, e.g. "FineHARD demo FG-CLIP". */
  name?: string
  checkpointDtype: string
  convertedAt: string
  converter: string
}

export interface ModelManifest {
  format: 'fgclip-package'
  version: number
  family: string
  imageSize: number
  patchSize: number
  grid: number
  projectionDim: number
  mean: readonly number[]
  std: readonly number[]
  resample: string
  hiddenAct: string
  maxLengthShort: number
  maxLengthLong: number
  bosTokenId: number
  eosTokenId: number
  vocabSize: number
  logitScale: number
  logitScaleFinegrained: number
  logitScaleHardneg: number
  weightDtype: string
  files: readonly PackageFile[]
  source: PackageProvenance
  /** Set on packages whose weights are random: the UI warns that scores mean nothing. */
  randomWeights?: boolean
}

const numberFields = [
  'version', 'imageSize', 'patchSize', 'grid', 'projectionDim', 'maxLengthShort', 'maxLengthLong',
  'bosTokenId', 'eosTokenId', 'vocabSize', 'logitScale', 'logitScaleFinegrained', 'logitScaleHardneg',
] as const

export function parseManifest(value: unknown): ModelManifest {
  const fail = (message: string): never => {
    throw new Error(`manifest.json: ${message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('not a JSON object')
  const m = value as Record<string, unknown>
  if (m.format !== 'fgclip-package') fail(`format is ${JSON.stringify(m.format)}, expected "fgclip-package"`)
  for (const field of numberFields) {
    if (typeof m[field] !== 'number' || !Number.isFinite(m[field])) fail(`${field} must be a number, found ${JSON.stringify(m[field])}`)
  }
  for (const field of ['mean', 'std'] as const) {
    const v = m[field]
    if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number')) fail(`${field} must be three numbers`)
  }
  if (!Array.isArray(m.files)) fail('files must be a list')
  const files = m.files as unknown[]
  for (const file of files) {
    const f = file as Record<string, unknown>
    if (typeof f?.name !== 'string' || typeof f.bytes !== 'number') fail('every entry of files needs a name and bytes')
  }
  const manifest = m as unknown as ModelManifest
  if (manifest.grid * manifest.patchSize !== manifest.imageSize) fail(`grid ${manifest.grid} × patch ${manifest.patchSize} ≠ image size ${manifest.imageSize}`)
  return manifest
}
