/**
 * Encode latency of a package's two graphs in onnxruntime-node: the native baseline for the
 * in-browser wasm numbers, and the runtime in which our graph and torch.onnx.export's are compared.
 * Inputs and call path (runImageGraph / runTextGraph) are the page's.
 */
import * as ort from 'onnxruntime-node'
import { cpus } from 'node:os'
import { join } from 'node:path'
import type { ModelManifest } from '../../src/model/packageManifest.ts'
import { timeEncoders, type EncodeTimings } from './encodeTiming.ts'

export interface GraphTimings extends EncodeTimings {
  /** InferenceSession.create of image.onnx + text.onnx from their files. */
  createMs: number
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
    return { createMs, threads: nodeThreads, ...(await timeEncoders(ort.Tensor, { image, text }, manifest, runs, warmup)) }
  } finally {
    await image.release()
    await text.release()
  }
}
