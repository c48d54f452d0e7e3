// Scores from embeddings: cosines, scaled softmax, the FG-OVD per-region numbers and the
// text-to-dense-token heatmap. Embeddings arrive unnormalised from the graphs.

export type Vector = Float32Array | readonly number[]

/** The softmax scale FG-CLIP's FG-OVD evaluation uses; exp(logitScaleFinegrained) is the trained alternative. */
export const FG_OVD_SCALE = 100

function norm(v: Vector, offset = 0, length = v.length): number {
  let sum = 0
  for (let i = offset; i < offset + length; i++) sum += v[i] * v[i]
  return Math.sqrt(sum)
}

function checkSameLength(a: Vector, b: Vector): void {
  if (a.length !== b.length) throw new Error(`vectors differ in length: ${a.length} vs ${b.length}`)
}

/** Unit-length copy; a zero vector stays zero (its cosines are then 0, not NaN). */
export function l2Normalize(v: Vector): Float32Array {
  const n = norm(v)
  const out = new Float32Array(v.length)
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = v[i] / n
  return out
}

/** Row-wise l2Normalize of a rows × dim row-major matrix. */
export function l2NormalizeRows(matrix: Float32Array, rows: number, dim: number): Float32Array {
  if (matrix.length !== rows * dim) throw new Error(`matrix has ${matrix.length} values, expected ${rows}×${dim}`)
  const out = new Float32Array(matrix.length)
  for (let r = 0; r < rows; r++) {
    const n = norm(matrix, r * dim, dim)
    if (n > 0) for (let i = r * dim; i < (r + 1) * dim; i++) out[i] = matrix[i] / n
  }
  return out
}

export function dot(a: Vector, b: Vector): number {
  checkSameLength(a, b)
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i]
  return sum
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: Vector, b: Vector): number {
  checkSameLength(a, b)
  const n = norm(a) * norm(b)
  return n > 0 ? dot(a, b) / n : 0
}

/** softmax(scale · x), shifted by the maximum so large scales cannot overflow. */
export function softmax(values: readonly number[], scale = 1): number[] {
  if (values.length === 0) return []
  const scaled = values.map((v) => v * scale)
  const max = Math.max(...scaled)
  const exps = scaled.map((v) => Math.exp(v - max))
  const sum = exps.reduce((s, e) => s + e, 0)
  return exps.map((e) => e / sum)
}

export interface TextScores {
  /** Cosine of the image/region with each text, in the texts' order. */
  cosines: number[]
  /** softmax(scale · cosines). */
  probabilities: number[]
}

/**
 * Image-level caption scores over the compared texts. `scale` is linear: pass
 * Math.exp(manifest.logitScale), since the manifest stores the checkpoint's log scale.
 */
export function captionScores(image: Vector, texts: readonly Vector[], scale: number): TextScores {
  const cosines = texts.map((t) => cosine(image, t))
  return { cosines, probabilities: softmax(cosines, scale) }
}

export interface RegionScore extends TextScores {
  /** p of the positive (texts[0]). */
  positiveProbability: number
  /** 1 = best. A negative whose cosine equals the positive's counts as ranked above it. */
  rank: number
  /** cos(positive) − max cos(negative); null when there are no negatives. */
  margin: number | null
  /** FG-OVD "pass": the positive is strictly the best. */
  passes: boolean
  /** Indices into the negatives (0 = neg₁) whose cosine is ≥ the positive's. */
  beatingNegatives: number[]
}

/**
 * FG-OVD numbers from cosines [positive, neg₁ … negₙ]. Ranking uses the cosines, not the
 * probabilities, because a large scale can round distinct probabilities to equal ones.
 * Ties go against the positive: a model that cannot separate the texts does not pass.
 */
export function scoreFromCosines(cosines: readonly number[], scale: number = FG_OVD_SCALE): RegionScore {
  if (cosines.length === 0) throw new Error('scoreFromCosines: needs at least the positive text')
  const [positive, ...negatives] = cosines
  const beatingNegatives: number[] = []
  negatives.forEach((c, i) => {
    if (c >= positive) beatingNegatives.push(i)
  })
  const probabilities = softmax([...cosines], scale)
  return {
    cosines: [...cosines],
    probabilities,
    positiveProbability: probabilities[0],
    rank: 1 + beatingNegatives.length,
    margin: negatives.length > 0 ? positive - Math.max(...negatives) : null,
    passes: beatingNegatives.length === 0,
    beatingNegatives,
  }
}

/** Region embedding vs texts [positive, neg₁ … negₙ]. */
export function scoreRegion(region: Vector, texts: readonly Vector[], scale: number = FG_OVD_SCALE): RegionScore {
  return scoreFromCosines(
    texts.map((t) => cosine(region, t)),
    scale,
  )
}

/**
 * Cosine of a text embedding with each dense token (dense: G² × P row-major, token t = y·G + x)
 * → Float32Array G × G row-major. Zero vectors score 0.
 */
export function similarityHeatmap(textEmbedding: Vector, dense: Float32Array, grid: number, p: number): Float32Array {
  const cells = grid * grid
  if (textEmbedding.length !== p || dense.length !== cells * p) {
    throw new Error(`similarityHeatmap: expected a ${p}-vector and ${cells}×${p} dense values`)
  }
  const textNorm = norm(textEmbedding)
  const map = new Float32Array(cells)
  for (let t = 0; t < cells; t++) {
    const base = t * p
    let d = 0
    for (let c = 0; c < p; c++) d += textEmbedding[c] * dense[base + c]
    const n = textNorm * norm(dense, base, p)
    map[t] = n > 0 ? d / n : 0
  }
  return map
}

/** Minimum and maximum, for mapping a heatmap onto a colour scale; {0, 0} when empty. */
export function valueRange(values: ArrayLike<number>): { min: number; max: number } {
  if (values.length === 0) return { min: 0, max: 0 }
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i]
    if (values[i] > max) max = values[i]
  }
  return { min, max }
}
