/**
 * RoIAlign + scoring as the sample view does it when a box moves: region features of every box
 * from the cached dense map (regionEmbeddings → roiWeights + regionFeatures), then each region
 * scored against its positive and 10 hard negatives (scoreRegion). Runs in Node and in the page.
 */
import { regionEmbeddings } from '../../src/model/regionEmbeddings.ts'
import type { Box } from '../../src/formats/types.ts'
import { normalisedBoxToGrid } from '../../src/model/roiAlign.ts'
import { cosine, FG_OVD_SCALE, scoreRegion } from '../../src/model/scoring.ts'
import { naiveRoiAlign } from './naiveRoiAlign.ts'
import { median } from './stats.ts'

export const ROI_GRID = 14
export const ROI_P = 512
export const ROI_BOXES = 10
export const ROI_TEXTS = 11

export interface RoiResult {
  grid: number
  p: number
  boxes: number
  texts: number
  iterations: number
  /** Median ms of one full pass (all boxes featurised and scored), ours. */
  oursMs: number
  /** The same pass with the naive per-channel RoIAlign. */
  naiveMs: number
  /** Median ms of our RoIAlign alone and of the scoring alone. */
  oursRoiMs: number
  scoringMs: number
  /** One cosine of two P-vectors, per call (averaged over a batch of calls). */
  cosineMs: number
  /** Largest |ours − naive| over all region features: both compute the same thing. */
  maxDiff: number
}

function seeded(n: number, seed: number): Float32Array {
  const out = new Float32Array(n)
  let state = seed >>> 0
  for (let i = 0; i < n; i++) {
    state = (state * 1664525 + 1013904223) >>> 0
    out[i] = state / 0xffffffff - 0.5
  }
  return out
}

/** FineHARD-like normalised boxes: a few large, most small, some touching the border. */
function benchBoxes(): Box[] {
  const boxes: Box[] = []
  for (let k = 0; k < ROI_BOXES; k++) {
    const w = 0.08 + ((k * 0.137) % 0.55)
    const h = 0.06 + ((k * 0.211) % 0.5)
    const x1 = (k * 0.173) % (1 - w)
    const y1 = (k * 0.293) % (1 - h)
    boxes.push({ x1, y1, x2: k === 3 ? 1 : x1 + w, y2: y1 + h })
  }
  return boxes
}

/** [G², P] token-major → [P, G, G] channel-first, torchvision's layout for the baseline. */
function toChannelFirst(dense: Float32Array, cells: number, p: number): Float32Array {
  const out = new Float32Array(dense.length)
  for (let t = 0; t < cells; t++) for (let c = 0; c < p; c++) out[c * cells + t] = dense[t * p + c]
  return out
}

export function runRoiBench(iterations: number): RoiResult {
  const cells = ROI_GRID * ROI_GRID
  const dense = seeded(cells * ROI_P, 7)
  const channelFirst = toChannelFirst(dense, cells, ROI_P)
  const boxes = benchBoxes()
  const gridBoxes = boxes.map((b) => normalisedBoxToGrid([b.x1, b.y1, b.x2, b.y2], ROI_GRID))
  const texts = Array.from({ length: ROI_BOXES }, (_, k) => Array.from({ length: ROI_TEXTS }, (_, j) => seeded(ROI_P, 1000 + k * 31 + j)))
  let sink = 0

  const score = (features: readonly (Float32Array | null)[]) => {
    features.forEach((f, k) => {
      if (f) sink += scoreRegion(f, texts[k], FG_OVD_SCALE).positiveProbability
    })
  }
  const naiveFeatures = () => {
    const flat = naiveRoiAlign(gridBoxes, channelFirst, ROI_GRID, ROI_P)
    return boxes.map((_, k) => flat.subarray(k * ROI_P, (k + 1) * ROI_P))
  }
  const ours = () => score(regionEmbeddings(boxes, dense, ROI_GRID, ROI_P))
  const naive = () => score(naiveFeatures())

  const a = regionEmbeddings(boxes, dense, ROI_GRID, ROI_P)
  const b = naiveFeatures()
  let maxDiff = 0
  a.forEach((row, k) => row?.forEach((v, c) => (maxDiff = Math.max(maxDiff, Math.abs(v - b[k][c])))))
  if (!(maxDiff < 1e-5)) throw new Error(`the baseline RoIAlign disagrees with ours by ${maxDiff}: it would not be a baseline for the same job`)

  // Interleaved, so whatever else the machine does at a moment slows both sides alike.
  const time = (job: () => void) => {
    const start = performance.now()
    job()
    return performance.now() - start
  }
  const cached = regionEmbeddings(boxes, dense, ROI_GRID, ROI_P)
  const samples = { ours: [] as number[], naive: [] as number[], roi: [] as number[], scoring: [] as number[] }
  const warmup = Math.max(20, iterations >> 3)
  for (let i = 0; i < warmup + iterations; i++) {
    const t = [time(ours), time(naive), time(() => regionEmbeddings(boxes, dense, ROI_GRID, ROI_P)), time(() => score(cached))]
    if (i < warmup) continue
    samples.ours.push(t[0])
    samples.naive.push(t[1])
    samples.roi.push(t[2])
    samples.scoring.push(t[3])
  }

  // One cosine is too short for the clock: time batches of calls and divide.
  const batch = 1000
  const cosineBatches: number[] = []
  for (let i = 0; i < 60; i++) {
    cosineBatches.push(
      time(() => {
        for (let j = 0; j < batch; j++) sink += cosine(texts[0][j % ROI_TEXTS], texts[1][j % ROI_TEXTS])
      }) / batch,
    )
  }
  if (Number.isNaN(sink)) throw new Error('unreachable: keeps the results alive')
  return {
    grid: ROI_GRID,
    p: ROI_P,
    boxes: ROI_BOXES,
    texts: ROI_TEXTS,
    iterations,
    oursMs: median(samples.ours),
    naiveMs: median(samples.naive),
    oursRoiMs: median(samples.roi),
    scoringMs: median(samples.scoring),
    cosineMs: median(cosineBatches.slice(10)),
    maxDiff,
  }
}
