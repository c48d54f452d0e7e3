/**
 * A static server for the shared FineHARD fixtures, standing in for a remote host: CORS open,
 * HTTP range requests answered under /fixtures/, ignored under /norange/fixtures/ (a server
 * without range support), no CORS headers at all under /nocors/fixtures/ (a host whose pictures
 * can be shown but not read). Started by playwright.config.ts.
 */
import { createReadStream, statSync } from 'node:fs'
import { createServer, type ServerResponse } from 'node:http'
import { extname, resolve, sep } from 'node:path'

const root = resolve(import.meta.dirname, '../../shared/fixtures')
const port = Number(process.env.FIXTURE_PORT ?? 4174)
const types: Record<string, string> = { '.json': 'application/json', '.jsonl': 'application/x-ndjson', '.parquet': 'application/octet-stream', '.jpg': 'image/jpeg' }

/** A JSON Lines file served slowly, without range support, to test download progress and Cancel. */
function streamSlowly(response: ServerResponse, count: number) {
  const lines = Array.from({ length: count }, (_, i) =>
    `${JSON.stringify({ caption: `slow record ${i}`, short_caption: `slow ${i}`, f_path: `grit-20m/data-12m/coyo_image_0/00000/${String(i).padStart(9, '0')}.jpg`, bbox_info: [] })}\n`)
  const body = Buffer.from(lines.join(''))
  response.writeHead(200, { 'Content-Type': 'application/x-ndjson', 'Content-Length': body.length })
  let offset = 0
  const timer = setInterval(() => {
    if (response.destroyed || offset >= body.length) {
      clearInterval(timer)
      return response.end()
    }
    response.write(body.subarray(offset, offset + 4096))
    offset += 4096
  }, 50)
  response.on('close', () => clearInterval(timer))
}

createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://localhost')
  if (!url.pathname.startsWith('/nocors/')) {
    response.setHeader('Access-Control-Allow-Origin', '*')
    response.setHeader('Access-Control-Allow-Headers', 'Range')
    response.setHeader('Access-Control-Expose-Headers', 'Content-Range, Content-Length, Accept-Ranges')
  }
  if (request.method === 'OPTIONS') return response.writeHead(204).end()
  if (url.pathname === '/health') return response.writeHead(200).end('ok')
  if (url.pathname === '/slow/records.jsonl') return streamSlowly(response, Number(url.searchParams.get('count') ?? 20000))
  const ranged = !url.pathname.startsWith('/norange/')
  const relative = decodeURIComponent(url.pathname.replace(/^\/(norange\/|nocors\/)?fixtures\//, ''))
  const path = resolve(root, relative)
  let size: number
  try {
    if (!path.startsWith(root + sep)) throw new Error('outside the fixtures')
    size = statSync(path).size
  } catch {
    return response.writeHead(404).end('not found')
  }
  response.setHeader('Content-Type', types[extname(path)] ?? 'application/octet-stream')
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '')
  if (ranged && range) {
    const start = Number(range[1])
    const end = Math.min(range[2] ? Number(range[2]) : size - 1, size - 1)
    if (start > end) return response.writeHead(416, { 'Content-Range': `bytes */${size}` }).end()
    response.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${size}`, 'Content-Length': end - start + 1, 'Accept-Ranges': 'bytes' })
    return createReadStream(path, { start, end }).pipe(response)
  }
  response.writeHead(200, { 'Content-Length': size, ...(ranged ? { 'Accept-Ranges': 'bytes' } : {}) })
  createReadStream(path).pipe(response)
}).listen(port, '127.0.0.1', () => console.log(`fixtures on http://127.0.0.1:${port}/fixtures/`))
