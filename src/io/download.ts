import type { ByteProgress } from './asyncBuffer.ts'

/** Downloads a whole file, reporting bytes as they arrive (Content-Length, when sent, is the total). */
export async function downloadBytes(
  url: string,
  options: { onProgress?: (progress: ByteProgress) => void; signal?: AbortSignal; fetchImpl?: typeof fetch } = {},
): Promise<Uint8Array> {
  const response = await (options.fetchImpl ?? fetch)(url, { signal: options.signal })
  if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} for ${url}`)
  const length = Number(response.headers.get('content-length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  const reader = response.body?.getReader()
  if (!reader) return new Uint8Array(await response.arrayBuffer())
  const chunks: Uint8Array[] = []
  let loaded = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    loaded += value.length
    options.onProgress?.({ loaded, total })
  }
  const bytes = new Uint8Array(loaded)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
