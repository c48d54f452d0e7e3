/**
 * The bench page: Playwright calls `window.bench.*`. Latency runs in a worker of ours that builds
 * the app's sessions; cold load runs the app's own model worker unchanged; the region bench runs
 * on this page's main thread, where the app scores regions.
 */
import type { ModelEvent, ModelRequest } from '../../../src/workers/modelProtocol.ts'
import { runRoiBench } from '../roiBench.ts'
import type { AppLoadResult, BenchApi, LatencyReply, LatencyRequest, LatencyResult, Provider } from './protocol.ts'

function latency(request: LatencyRequest): Promise<LatencyResult> {
  const worker = new Worker(new URL('./latency.worker.ts', import.meta.url), { type: 'module' })
  return new Promise<LatencyResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<LatencyReply>) => (event.data.ok ? resolve(event.data.result) : reject(new Error(event.data.message)))
    worker.onerror = (event) => reject(new Error(`latency worker: ${event.message}`))
    worker.postMessage(request)
  }).finally(() => worker.terminate())
}

function appLoad(url: string, provider: Provider): Promise<AppLoadResult> {
  const worker = new Worker(new URL('../../../src/workers/model.worker.ts', import.meta.url), { type: 'module' })
  const started = performance.now()
  return new Promise<AppLoadResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ModelEvent>) => {
      const message = event.data
      if (message.type === 'load-failed') reject(new Error(message.message))
      if (message.type !== 'ready') return
      const { timings, adapter } = message.info
      resolve({ provider: message.info.provider, adapter, ...timings, wallMs: performance.now() - started })
    }
    worker.onerror = (event) => reject(new Error(`model worker: ${event.message}`))
    const request: ModelRequest = { type: 'load', source: { url }, provider }
    worker.postMessage(request)
  }).finally(() => worker.terminate())
}

const api: BenchApi = { latency, appLoad, roi: runRoiBench }
Object.assign(window, { bench: api })
document.body.dataset.ready = 'true'
