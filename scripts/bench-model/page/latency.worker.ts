/// <reference types="vite/client" />
/**
 * Encode latency in the browser with the sessions the app's model worker creates: the same
 * onnxruntime-web build ('onnxruntime-web/webgpu'), runtime files from our own origin, the same
 * thread rule, session options, adapter hand-over and call path (runImageGraph / runTextGraph).
 * Both take their onnxruntime setup from src/workers/ortRuntime.ts.
 */
import { downloadBytes } from '../../../src/io/download.ts'
import { loadPackage } from '../../../src/model/modelPackage.ts'
import { createSessions, ort, useWebGpuAdapter } from '../../../src/workers/ortRuntime.ts'
import { timeEncoders } from '../encodeTiming.ts'
import type { LatencyReply, LatencyRequest, LatencyResult } from './protocol.ts'
import { messageOf } from '../../../src/io/messageOf.ts'

interface WorkerScope {
  crossOriginIsolated: boolean
  location: Location
  postMessage(message: LatencyReply): void
  onmessage: ((event: MessageEvent<LatencyRequest>) => void) | null
}
const scope = self as unknown as WorkerScope

/** As the app: the adapter is requested and handed to onnxruntime before sessions exist. */
async function adapterFor(provider: LatencyRequest['provider']): Promise<string> {
  if (provider !== 'webgpu') return 'not used'
  const adapter = await useWebGpuAdapter()
  if (!adapter.ok) throw new Error(`${adapter.text} (is --enable-unsafe-webgpu set?)`)
  return adapter.text
}

async function measure(request: LatencyRequest): Promise<LatencyResult> {
  const folder = request.url.endsWith('/') ? request.url : `${request.url}/`
  const adapter = await adapterFor(request.provider)
  const downloadStart = performance.now()
  const pkg = await loadPackage((name) => downloadBytes(new URL(name, folder).href))
  const downloadMs = performance.now() - downloadStart
  const createStart = performance.now()
  const { image, text } = await createSessions(pkg, request.provider)
  const createMs = performance.now() - createStart
  const result: LatencyResult = {
    provider: request.provider,
    adapter,
    threads: ort.env.wasm.numThreads ?? 1,
    crossOriginIsolated: scope.crossOriginIsolated,
    downloadMs,
    createMs,
    ...(await timeEncoders(ort.Tensor, { image, text }, pkg.manifest, request.runs, request.warmup)),
  }
  await image.release()
  await text.release()
  return result
}

scope.onmessage = (event) => {
  measure(event.data).then(
    (result) => scope.postMessage({ ok: true, result }),
    (error: unknown) => scope.postMessage({ ok: false, message: messageOf(error) }),
  )
}
