import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ByteProgress } from './asyncBuffer.ts'
import { openHttpBuffer } from './httpBuffer.ts'

const FILE = new Uint8Array(1024 * 1024).map((_, i) => (i * 7) % 256)

interface Served {
  url: string
  ranges: (string | undefined)[]
  close(): Promise<void>
}

/** A real HTTP server: with range support (206 + Content-Range) or without (always the whole file). */
async function serve(rangeSupport: boolean): Promise<Served> {
  const ranges: (string | undefined)[] = []
  const server: Server = createServer((req, res) => {
    if (req.url !== '/data.bin') {
      res.writeHead(404).end()
      return
    }
    ranges.push(req.headers.range)
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')
    if (!rangeSupport || !m) {
      res.writeHead(200, { 'Content-Length': FILE.length }).end(FILE)
      return
    }
    const start = Number(m[1])
    const end = Math.min(Number(m[2]), FILE.length - 1)
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${FILE.length}`, 'Content-Length': end - start + 1 })
    res.end(FILE.subarray(start, end + 1))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/data.bin`,
    ranges,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }
}

const expected = (s: number, e: number): number[] => Array.from(FILE.subarray(s, e))
const got = async (p: ArrayBuffer | Promise<ArrayBuffer>): Promise<number[]> => Array.from(new Uint8Array(await p))

describe('openHttpBuffer with range support', () => {
  let srv: Served
  beforeAll(async () => {
    srv = await serve(true)
  })
  afterAll(() => srv.close())

  it('merges slices issued together into few requests and hands each caller its bytes', async () => {
    const buf = await openHttpBuffer(srv.url)
    expect(buf).toMatchObject({ rangeSupported: true, byteLength: FILE.length })
    expect(buf.requestCount()).toBe(1)
    srv.ranges.length = 0
    const wanted: [number, number][] = [[100, 200], [150, 400], [400, 500], [10_000, 10_010], [900_000, 900_100]]
    const results = await Promise.all(wanted.map(([s, e]) => got(buf.slice(s, e))))
    results.forEach((r, i) => expect(r).toEqual(expected(...wanted[i])))
    // The first four lie within 64 KiB of each other; the last is far away.
    expect(srv.ranges).toEqual(['bytes=100-10009', 'bytes=900000-900099'])
    expect(buf.requestCount()).toBe(3)
  })

  it('does not merge across a gap larger than mergeGapBytes', async () => {
    const buf = await openHttpBuffer(srv.url, { mergeGapBytes: 0 })
    await Promise.all([buf.slice(0, 10), buf.slice(10, 20), buf.slice(30, 40)])
    expect(buf.requestCount()).toBe(3)
  })

  it('rejects pending slices when aborted', async () => {
    const controller = new AbortController()
    const buf = await openHttpBuffer(srv.url, { signal: controller.signal })
    const pending = buf.slice(0, 100)
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    await expect(buf.slice(0, 100)).rejects.toMatchObject({ name: 'AbortError' })
  })

  it('rejects with the status and URL on errors', async () => {
    await expect(openHttpBuffer(srv.url.replace('data.bin', 'missing.bin'))).rejects.toThrow(/HTTP 404.*missing\.bin/)
  })
})

describe('openHttpBuffer without range support', () => {
  let srv: Served
  beforeAll(async () => {
    srv = await serve(false)
  })
  afterAll(() => srv.close())

  it('keeps the probe body, reports progress and serves slices from memory', async () => {
    const progress: ByteProgress[] = []
    const buf = await openHttpBuffer(srv.url, { onProgress: (p) => progress.push(p) })
    expect(buf).toMatchObject({ rangeSupported: false, byteLength: FILE.length })
    expect(progress.at(-1)).toEqual({ loaded: FILE.length, total: FILE.length })
    expect(await got(buf.slice(5000, 5100))).toEqual(expected(5000, 5100))
    expect(await got(buf.slice(-10))).toEqual(expected(FILE.length - 10, FILE.length))
    expect(buf.requestCount()).toBe(1)
    expect(srv.ranges).toEqual(['bytes=0-0'])
  })
})
