/**
 * Encode latency of a package's two graphs in onnxruntime-node: the native baseline for the
 * in-browser wasm numbers, and the runtime in which our graph and torch.onnx.export's are compared.
 * Inputs and call path (runImageGraph / runTextGraph) are the page's.
 */
import * as ort from 'onnxruntime-node'
import { cpus } from 'node:os'
import { join } from 'node:path'
import { runImageGraph, runTextGraph } from '../../src/model/inference.ts'
import type { ModelManifest } from '../../src/model/packageManifest.ts'
import { benchPixels, benchTokenIds } from './inputs.ts'
import { timeRuns, type Timing } from './stats.ts'

export interface GraphTimings {
  /** InferenceSession.create of image.onnx + text.onnx from their files. */
  createMs: number
  /** The first image run + the first text run: what the app's warm-up pays. */
  firstRunsMs: number
  image: Timing
  text: Timing
  threads: number
}

/** The page's rule for wasm threads (min(4, cores)), so native and wasm use the same parallelism. */
export const nodeThreads = Math.min(4, cpus().length)

export async function timeNodeGraphs(dir: string, manifest: ModelManifest, runs: number, warmup: number): Promise<GraphTimings> {
  const options: ort.InferenceSession.SessionOptions = {
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    intraOpNumThreads: nodeThreads,
    interOpNumThreads: 1,
  }
  const started = performance.now()
  const image = await ort.InferenceSession.create(join(dir, 'image.onnx'), options)
  const text = await ort.InferenceSession.create(join(dir, 'text.onnx'), options)
  const createMs = performance.now() - started
  try {
    const pixels = benchPixels(manifest.imageSize)
    const ids = benchTokenIds(manifest)
    const encodeImage = () => runImageGraph(ort.Tensor, image, pixels, manifest)
    const encodeTexts = () => runTextGraph(ort.Tensor, text, ids, 'short', manifest)
    const firstStart = performance.now()
    await encodeImage()
    await encodeTexts()
    const firstRunsMs = performance.now() - firstStart
    return {
      createMs,
      firstRunsMs,
      image: await timeRuns(encodeImage, runs, Math.max(0, warmup - 1)),
      text: await timeRuns(encodeTexts, runs, Math.max(0, warmup - 1)),
      threads: nodeThreads,
    }
  } finally {
    await image.release()
    await text.release()
  }
}
