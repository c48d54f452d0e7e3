import type { ImageFeatures, TextPath } from '../../model/inference.ts'
import type { RecordScores } from '../../analysis/scoreRows.ts'
import type { SampleRecord } from '../../formats/types.ts'
import type { ModelEvent, ModelInfo, ModelRequest, PackageSource, ProviderChoice } from '../../workers/modelProtocol.ts'
import { pendingCalls } from '../pendingCalls.ts'

export type ModelStatus =
  | { state: 'loading'; file: string | null; loaded: number; total: number | null }
  | { state: 'ready'; info: ModelInfo; notice: string | null }
  | { state: 'failed'; message: string }

/** The page's handle on the model worker: load state, image features and (batched) text embeddings. */
export interface ModelClient {
  getStatus(): ModelStatus
  subscribe(listener: () => void): () => void
  encodeImage(bitmap: ImageBitmap): Promise<ImageFeatures>
  encodeText(text: string, path: TextPath): Promise<Float32Array>
  /** Scores every region of `record` against its texts in the worker (whole-shard runs). */
  scoreRecord(record: SampleRecord, bitmap: ImageBitmap, file: string): Promise<RecordScores>
  dispose(): void
}

export function startModel(source: PackageSource, provider: ProviderChoice): ModelClient {
  const worker = new Worker(new URL('../../workers/model.worker.ts', import.meta.url), { type: 'module' })
  const send = (request: ModelRequest, transfer: Transferable[] = []) => worker.postMessage(request, transfer)
  const listeners = new Set<() => void>()
  const calls = pendingCalls()
  let status: ModelStatus = { state: 'loading', file: null, loaded: 0, total: null }
  const setStatus = (next: ModelStatus) => {
    status = next
    for (const listener of listeners) listener()
  }

  worker.onmessage = (message: MessageEvent<ModelEvent>) => {
    const event = message.data
    switch (event.type) {
      case 'load-progress':
        return setStatus({ state: 'loading', file: event.file, loaded: event.loaded, total: event.total })
      case 'load-stage':
        return setStatus({ state: 'loading', file: event.stage, loaded: 0, total: null })
      case 'ready':
        return setStatus({ state: 'ready', info: event.info, notice: null })
      case 'provider-changed':
        return setStatus({ state: 'ready', info: event.info, notice: event.reason })
      case 'load-failed':
        return setStatus({ state: 'failed', message: event.message })
      case 'image-features':
        return calls.resolve(event.id, event.features)
      case 'text-embeddings':
        return calls.resolve(event.id, event.embeddings)
      case 'record-scored':
        return calls.resolve(event.id, event.scores)
      case 'request-failed':
        return calls.reject(event.id, new Error(event.message))
    }
  }
  worker.onerror = (event) => setStatus({ state: 'failed', message: event.message || 'The model worker failed to start' })

  function call<T>(request: (id: number) => ModelRequest, transfer: Transferable[] = []): Promise<T> {
    const { id, promise } = calls.start<T>(undefined)
    send(request(id), transfer)
    return promise
  }

  // Texts asked for in the same task go to the worker as one batch: one graph run for a region's
  // positive and its ten negatives instead of eleven.
  let batch: { text: string; path: TextPath; resolve: (e: Float32Array) => void; reject: (e: Error) => void }[] = []
  const flush = () => {
    const current = batch
    batch = []
    call<Float32Array[]>((id) => ({ type: 'encode-texts', id, texts: current.map(({ text, path }) => ({ text, path })) })).then(
      (embeddings) => current.forEach((entry, i) => entry.resolve(embeddings[i])),
      (error: Error) => current.forEach((entry) => entry.reject(error)),
    )
  }

  send({ type: 'load', source, provider })

  return {
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    encodeImage: (bitmap) => call<ImageFeatures>((id) => ({ type: 'encode-image', id, bitmap }), [bitmap]),
    scoreRecord: (record, bitmap, file) => call<RecordScores>((id) => ({ type: 'score-record', id, record, bitmap, file }), [bitmap]),
    encodeText(text, path) {
      return new Promise((resolve, reject) => {
        if (batch.length === 0) setTimeout(flush, 0)
        batch.push({ text, path, resolve, reject })
      })
    },
    dispose() {
      worker.terminate()
      calls.rejectAll(new Error('The model was unloaded'))
    },
  }
}
