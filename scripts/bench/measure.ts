/**
 * One measurement per process, so peak RSS belongs to that measurement alone. Run by
 * scripts/bench.ts as `node --import tsx scripts/bench/measure.ts <name> <file>`; prints JSON.
 */
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { arrayBufferSource } from '../../src/io/arrayBufferSource.ts'
import type { AsyncBuffer } from '../../src/io/asyncBuffer.ts'
import { openHttpBuffer } from '../../src/io/httpBuffer.ts'
import { openNodeFile } from '../../src/io/nodeFileBuffer.ts'
import { buildJsonIndex } from '../../src/formats/jsonIndex.ts'
import { readRecords } from '../../src/formats/jsonRecords.ts'
import { openShard, readShardImage, readShardRows } from '../../src/formats/parquetShard.ts'

export interface Measurement {
  ms: number
  bytes: number
  records?: number
  requests?: number
  error?: string
  maxRssMiB: number
}

const now = (): number => performance.now()

async function indexFile(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  const file = await openNodeFile(path)
  const t0 = now()
  const index = await buildJsonIndex(file)
  const ms = now() - t0
  await file.close()
  return { ms, bytes: file.byteLength, records: index.count }
}

async function parseWhole(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  const t0 = now()
  try {
    const text = await readFile(path, 'utf8')
    const parsed: unknown = JSON.parse(text)
    return { ms: now() - t0, bytes: Buffer.byteLength(text), records: Array.isArray(parsed) ? parsed.length : 0 }
  } catch (err) {
    return { ms: now() - t0, bytes: 0, error: err instanceof Error ? err.message : String(err) }
  }
}

/** Open → first record parsed, while the scan is still running; then the scan is cancelled. */
async function firstRecord(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  const t0 = now()
  const file = await openNodeFile(path)
  const controller = new AbortController()
  let resolveFirst: (ms: number) => void = () => undefined
  const first = new Promise<number>((r) => (resolveFirst = r))
  const scan = buildJsonIndex(file, {
    signal: controller.signal,
    onRecords: (starts, ends) => {
      if (controller.signal.aborted) return
      void readRecords(file, { starts, ends, count: starts.length, truncated: false }, 0, 1).then(([r]) => {
        if (r.defects.length === 0) resolveFirst(now() - t0)
        controller.abort()
      })
    },
  }).catch((err: unknown) => {
    if (!(err instanceof DOMException && err.name === 'AbortError')) throw err
  })
  const ms = await first
  await scan
  await file.close()
  return { ms, bytes: file.byteLength, records: 1 }
}

/** Shard open → first row with its image bytes, through any byte source. */
async function firstShardRow(buffer: AsyncBuffer): Promise<number> {
  const t0 = now()
  const shard = await openShard(buffer, 'coyo_image_0/00000.parquet')
  const [[row], image] = await Promise.all([readShardRows(shard, 0, 1), readShardImage(shard, 0)])
  if (row.key !== '000000000' || !image) throw new Error('wrong first row')
  return now() - t0
}

async function withServer<T>(path: string, run: (url: string) => Promise<T>): Promise<T> {
  const data = await readFile(path)
  const server = createServer((req, res) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '')
    if (!m) {
      res.writeHead(200, { 'Content-Length': data.length }).end(data)
      return
    }
    const start = Number(m[1])
    const end = Math.min(Number(m[2]), data.length - 1)
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${data.length}`, 'Content-Length': end - start + 1 })
    res.end(data.subarray(start, end + 1))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  try {
    return await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/shard.parquet`)
  } finally {
    await new Promise<void>((r) => server.close(() => r()))
  }
}

async function parquetLocal(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  const file = await openNodeFile(path)
  const ms = await firstShardRow(file)
  await file.close()
  return { ms, bytes: file.byteLength }
}

/** Baseline: the whole file into memory first, then the same reads. */
async function parquetLocalWhole(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  const t0 = now()
  const data = await readFile(path)
  const ab = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer
  await firstShardRow(arrayBufferSource(ab))
  return { ms: now() - t0, bytes: data.length }
}

async function parquetHttp(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  return withServer(path, async (url) => {
    const t0 = now()
    const buffer = await openHttpBuffer(url)
    await firstShardRow(buffer)
    return { ms: now() - t0, bytes: buffer.byteLength, requests: buffer.requestCount() }
  })
}

async function parquetHttpWhole(path: string): Promise<Omit<Measurement, 'maxRssMiB'>> {
  return withServer(path, async (url) => {
    const t0 = now()
    const ab = await (await fetch(url)).arrayBuffer()
    await firstShardRow(arrayBufferSource(ab))
    return { ms: now() - t0, bytes: ab.byteLength, requests: 1 }
  })
}

const MEASURES: Record<string, (path: string) => Promise<Omit<Measurement, 'maxRssMiB'>>> = {
  // The floor every other peak RSS stands on: Node + tsx with these modules loaded.
  'idle': async () => ({ ms: 0, bytes: 0 }),
  'index': indexFile,
  'json-parse': parseWhole,
  'first-record': firstRecord,
  'parquet-local': parquetLocal,
  'parquet-local-whole': parquetLocalWhole,
  'parquet-http': parquetHttp,
  'parquet-http-whole': parquetHttpWhole,
}

/**
 * Peak resident memory of this process. Linux's VmHWM starts afresh at exec, whereas
 * resourceUsage().maxRSS keeps the forking parent's peak, which would blame it on us.
 */
async function peakRssMiB(): Promise<number> {
  try {
    const status = await readFile('/proc/self/status', 'utf8')
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)
    if (kb) return Number(kb[1]) / 1024
  } catch {
    // Not Linux: fall through.
  }
  return process.resourceUsage().maxRSS / 1024
}

const [name, path] = process.argv.slice(2)
const measure = MEASURES[name]
if (!measure || !path) throw new Error(`usage: measure.ts <${Object.keys(MEASURES).join('|')}> <file>`)
const result = await measure(path)
const out: Measurement = { ...result, maxRssMiB: await peakRssMiB() }
process.stdout.write(`${JSON.stringify(out)}\n`)
