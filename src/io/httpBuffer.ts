import type { AsyncBuffer, ByteProgress } from './asyncBuffer.ts'
import { clampRange } from './asyncBuffer.ts'

export type HttpBuffer = AsyncBuffer & {
  url: string
  /** False when the server ignored `Range`: the whole body was then downloaded once and is served from memory. */
  rangeSupported: boolean
  /** HTTP requests made so far, the probe included. */
  requestCount(): number
}

export interface HttpBufferOptions {
  signal?: AbortSignal
  /** Whole-body download progress (only when the server has no range support). */
  onProgress?: (p: ByteProgress) => void
  fetchImpl?: typeof fetch
  /** Ranges closer than this are fetched as one request (default 64 KiB). */
  mergeGapBytes?: number
}

interface PendingSlice {
  start: number
  end: number
  resolve: (ab: ArrayBuffer) => void
  reject: (err: unknown) => void
}

/** How long slice() calls are collected before their ranges are merged and fetched. */
const BATCH_WINDOW_MS = 2

function httpError(res: Response, url: string): Error {
  return new Error(`HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''} for ${url}`)
}

/**
 * Opens a URL as an AsyncBuffer. The probe is a one-byte range GET: a 206 answer gives the size
 * and range reads follow; a 200 answer is the whole file, which is then read to the end (with
 * progress) rather than thrown away and requested again.
 */
export async function openHttpBuffer(url: string, opts: HttpBufferOptions = {}): Promise<HttpBuffer> {
  const fetchImpl = opts.fetchImpl ?? fetch
  const { signal, onProgress } = opts
  const mergeGap = opts.mergeGapBytes ?? 64 * 1024
  let requests = 1
  const probe = await fetchImpl(url, { headers: { Range: 'bytes=0-0' }, signal })

  if (probe.status === 200) {
    const body = await readWholeBody(probe, onProgress)
    return {
      url,
      rangeSupported: false,
      byteLength: body.byteLength,
      slice: (start: number, end?: number): ArrayBuffer => body.slice(start, end),
      requestCount: () => requests,
    }
  }
  if (probe.status !== 206) {
    await probe.body?.cancel()
    throw httpError(probe, url)
  }
  const byteLength = totalFromContentRange(probe.headers.get('Content-Range'), url)
  await probe.arrayBuffer()

  let pending: PendingSlice[] = []

  async function fetchGroup(group: PendingSlice[]): Promise<void> {
    const start = group[0].start
    const end = Math.max(...group.map((p) => p.end))
    try {
      requests++
      const res = await fetchImpl(url, { headers: { Range: `bytes=${start}-${end - 1}` }, signal })
      if (res.status !== 206 && res.status !== 200) {
        await res.body?.cancel()
        throw httpError(res, url)
      }
      const body = await res.arrayBuffer()
      // A 200 here means the server dropped the range and sent everything: offsets are absolute.
      const base = res.status === 200 ? 0 : start
      if (body.byteLength < end - base) {
        throw new Error(`short response for ${url}: bytes ${start}-${end - 1} asked, ${body.byteLength} bytes received`)
      }
      for (const p of group) p.resolve(body.slice(p.start - base, p.end - base))
    } catch (err) {
      for (const p of group) p.reject(err)
    }
  }

  function flush(): void {
    const batch = pending.sort((a, b) => a.start - b.start)
    pending = []
    let group: PendingSlice[] = []
    let groupEnd = -Infinity
    for (const p of batch) {
      if (group.length > 0 && p.start > groupEnd + mergeGap) {
        void fetchGroup(group)
        group = []
        groupEnd = -Infinity
      }
      group.push(p)
      groupEnd = Math.max(groupEnd, p.end)
    }
    if (group.length > 0) void fetchGroup(group)
  }

  return {
    url,
    rangeSupported: true,
    byteLength,
    slice(start: number, end?: number): Promise<ArrayBuffer> {
      const [s, e] = clampRange(byteLength, start, end)
      if (s === e) return Promise.resolve(new ArrayBuffer(0))
      if (signal?.aborted) return Promise.reject(signal.reason)
      return new Promise<ArrayBuffer>((resolve, reject) => {
        if (pending.length === 0) setTimeout(flush, BATCH_WINDOW_MS)
        pending.push({ start: s, end: e, resolve, reject })
      })
    },
    requestCount: () => requests,
  }
}

function totalFromContentRange(header: string | null, url: string): number {
  const match = header?.match(/^bytes\s+\d+-\d+\/(\d+)$/)
  if (!match) throw new Error(`${url}: range answer without a usable Content-Range (${header ?? 'none'})`)
  return Number(match[1])
}

/** Reads a full response body, reporting progress against Content-Length when the server gives one. */
async function readWholeBody(res: Response, onProgress?: (p: ByteProgress) => void): Promise<ArrayBuffer> {
  const lengthHeader = res.headers.get('Content-Length')
  const total = lengthHeader === null ? null : Number(lengthHeader)
  if (!res.body) return res.arrayBuffer()
  const reader = res.body.getReader()
  const chunks: Uint8Array[] = []
  let loaded = 0
  onProgress?.({ loaded, total })
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    loaded += value.byteLength
    onProgress?.({ loaded, total })
  }
  const out = new Uint8Array(loaded)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out.buffer
}
