/**
 * The encode-latency measurement both runtimes share (onnxruntime-node here, onnxruntime-web in
 * the page's worker): the app's call path on fixed inputs, first runs timed apart from the rest.
 */
import type { InferenceSession } from 'onnxruntime-common'
import { runImageGraph, runTextGraph, type TensorConstructor } from '../../src/model/inference.ts'
import type { ModelManifest } from '../../src/model/packageManifest.ts'
import { benchPixels, benchTokenIds } from './inputs.ts'
import { timeRuns, type Timing } from './stats.ts'

export interface EncodeTimings {
  /** The first image run + the first text run: what the app's warm-up pays. */
  firstRunsMs: number
  image: Timing
  text: Timing
}

/** `warmup` counts the first runs, which are timed on their own. */
export async function timeEncoders(
  TensorClass: TensorConstructor,
  sessions: { image: InferenceSession; text: InferenceSession },
  manifest: ModelManifest,
  runs: number,
  warmup: number,
): Promise<EncodeTimings> {
  const pixels = benchPixels(manifest.imageSize)
  const ids = benchTokenIds(manifest)
  const encodeImage = () => runImageGraph(TensorClass, sessions.image, pixels, manifest)
  const encodeTexts = () => runTextGraph(TensorClass, sessions.text, ids, 'short', manifest)
  const firstStart = performance.now()
  await encodeImage()
  await encodeTexts()
  const firstRunsMs = performance.now() - firstStart
  return {
    firstRunsMs,
    image: await timeRuns(encodeImage, runs, Math.max(0, warmup - 1)),
    text: await timeRuns(encodeTexts, runs, Math.max(0, warmup - 1)),
  }
}
