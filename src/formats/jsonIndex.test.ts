import { createWriteStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { arrayBufferSource } from '../io/arrayBufferSource.ts'
import { openNodeFile } from '../io/nodeFileBuffer.ts'
import { buildJsonIndex, type JsonIndex } from './jsonIndex.ts'
import { readRecords, readRecordText } from './jsonRecords.ts'
import { assemble, FIXTURES } from './testdata/fixtures.ts'
import { syntheticRecord } from './testdata/syntheticRecords.ts'

function source(text: string) {
  return arrayBufferSource(new TextEncoder().encode(text).buffer as ArrayBuffer)
}

const TRICKY = [
  '{"caption": "a \\"quoted\\" word, a brace { and ] inside", "n": [1, [2, {"x": "}"}]]}',
  '{"caption": "ends with a backslash \\\\", "short_caption": "\\\\\\"", "k": {}}',
  '{"caption": "unicode: 小猫 é 🐈 \\u00e9 \\ud83d\\ude00", "bbox_info": [{"bbox": [0, 0, 1, 1]}]}',
  '{"caption": "\\\\\\\\"}',
  '{"empty": "", "nested": {"a": {"b": {"c": [[[]]]}}}}',
]

// Tiny chunks put every byte position on a chunk boundary at least once.
const CHUNK_SIZES = [1, 2, 3, 7, 64, 8 * 1024 * 1024]

describe('buildJsonIndex on generated text', () => {
  it.each(CHUNK_SIZES)('indexes a JSON array with tricky strings (chunk %i)', async (chunkBytes) => {
    const { text, starts, ends } = assemble('\uFEFF \n[\n  ', TRICKY, ' ,\n\n\t', '\n]\n')
    const index = await buildJsonIndex(source(text), { chunkBytes })
    expect(index.layout).toBe('array')
    expect(index.truncated).toBe(false)
    expect(Array.from(index.starts)).toEqual(starts)
    expect(Array.from(index.ends)).toEqual(ends)
  })

  it.each(CHUNK_SIZES)('indexes JSONL with blank lines, CRLF and a bad line (chunk %i)', async (chunkBytes) => {
    const lines = [TRICKY[0], TRICKY[1], '{"caption": oops not json', TRICKY[2], TRICKY[3]]
    const { text, starts, ends } = assemble('', lines, '\r\n\n   \n', '\n\n')
    const index = await buildJsonIndex(source(text), { chunkBytes })
    expect(index.layout).toBe('lines')
    expect(index.truncated).toBe(false)
    expect(Array.from(index.starts)).toEqual(starts)
    expect(Array.from(index.ends)).toEqual(ends)
    const records = await readRecords(source(text), index, 0, index.count)
    expect(records.map((r) => r.defects.some((d) => d.code === 'invalid-json'))).toEqual([false, false, true, false, false])
  })

  it('keeps scalar and string records of an array as records', async () => {
    const { text, starts, ends } = assemble('[', ['1', '"a,]"', 'null', '{"a":1}'], ',', ']')
    const index = await buildJsonIndex(source(text))
    expect(Array.from(index.starts)).toEqual(starts)
    expect(Array.from(index.ends)).toEqual(ends)
  })

  it('handles an empty array and an empty file', async () => {
    expect((await buildJsonIndex(source('[ ]'))).count).toBe(0)
    const empty = await buildJsonIndex(source(''))
    expect(empty.count).toBe(0)
    expect(empty.truncated).toBe(false)
  })

  it('rejects a file that is neither an array nor JSON Lines', async () => {
    await expect(buildJsonIndex(source('hello'))).rejects.toThrow(/starts with 'h'/)
  })

  it('marks truncation at every cut point inside the last record and keeps that record', async () => {
    const { text, starts } = assemble('[', TRICKY, ',', ']')
    const bytes = new TextEncoder().encode(text)
    const lastStart = starts[starts.length - 1]
    for (let cut = lastStart + 1; cut < bytes.length - 1; cut++) {
      const index = await buildJsonIndex(arrayBufferSource(bytes.slice(0, cut).buffer), { chunkBytes: 5 })
      expect(index.truncated, `cut at ${cut}`).toBe(true)
      expect(index.count).toBe(TRICKY.length)
      expect(index.ends[index.count - 1]).toBe(cut)
      const [last] = await readRecords(arrayBufferSource(bytes.slice(0, cut).buffer), index, index.count - 1, index.count)
      expect(last.defects[0].code).toBe('truncated')
      expect(last.defects[0].message).toContain(`cut off at byte ${cut}`)
    }
  })

  it('marks a cut-off last JSONL line as truncated but not a complete line without a newline', async () => {
    const full = TRICKY.join('\n')
    expect((await buildJsonIndex(source(full))).truncated).toBe(false)
    const cut = await buildJsonIndex(source(full.slice(0, full.length - 5)))
    expect(cut.truncated).toBe(true)
    expect(cut.count).toBe(TRICKY.length)
  })

  it('reports records as they complete and progress per chunk', async () => {
    const records = Array.from({ length: 50 }, (_, i) => JSON.stringify(syntheticRecord(i)))
    const { text } = assemble('[', records, ',', ']')
    const batches: number[] = []
    let lastProgress = { bytesScanned: 0, records: 0 }
    const index = await buildJsonIndex(source(text), {
      chunkBytes: 16 * 1024,
      onRecords: (s, e) => {
        expect(s.length).toBe(e.length)
        batches.push(s.length)
      },
      onProgress: (p) => {
        expect(p.totalBytes).toBe(Buffer.byteLength(text))
        lastProgress = p
      },
    })
    expect(batches.length).toBeGreaterThan(1)
    expect(batches.reduce((a, b) => a + b, 0)).toBe(50)
    expect(lastProgress).toMatchObject({ bytesScanned: Buffer.byteLength(text), records: 50 })
    const third = await readRecordText(source(text), index, 2)
    expect(JSON.parse(third)).toEqual(syntheticRecord(2))
  })

  it('rejects with an AbortError when aborted', async () => {
    const { text } = assemble('[', Array.from({ length: 20 }, (_, i) => JSON.stringify(syntheticRecord(i))), ',', ']')
    const controller = new AbortController()
    const run = buildJsonIndex(source(text), {
      chunkBytes: 1024,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.bytesScanned > 4096) controller.abort()
      },
    })
    await expect(run).rejects.toMatchObject({ name: 'AbortError' })
  })
})

/** Random JSON with string-heavy content: quotes, backslash runs, brackets, multi-byte text. */
function randomValue(r: () => number, depth: number): unknown {
  const pick = r()
  if (depth > 3 || pick < 0.4) {
    const alphabet = ['"', '\\', '\\\\', '{', '}', '[', ']', ',', ' ', '\n', 'a', 'é', '小', '🐈']
    return Array.from({ length: Math.floor(r() * 12) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('')
  }
  if (pick < 0.5) return Math.floor(r() * 1000) / 7
  if (pick < 0.55) return null
  if (pick < 0.75) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1))
  return Object.fromEntries(Array.from({ length: Math.floor(r() * 4) }, (_, i) => [`k${i}"{`, randomValue(r, depth + 1)]))
}

describe('buildJsonIndex against random records', () => {
  it('finds exactly the byte ranges the generator wrote, for any chunk size', async () => {
    let seed = 7
    const r = (): number => {
      seed = (seed * 16807) % 2147483647
      return seed / 2147483647
    }
    for (let round = 0; round < 30; round++) {
      const records = Array.from({ length: 1 + Math.floor(r() * 20) }, () => JSON.stringify({ v: randomValue(r, 0) }, null, r() < 0.5 ? 1 : 0))
      const array = assemble('[', records, ' ,\n', ']')
      const lines = assemble('', records.map((t) => t.replace(/\n/g, ' ')), '\n', '\n')
      for (const { text, starts, ends } of [array, lines]) {
        const index = await buildJsonIndex(source(text), { chunkBytes: 1 + Math.floor(r() * 300) })
        expect(Array.from(index.starts)).toEqual(starts)
        expect(Array.from(index.ends)).toEqual(ends)
        expect(index.truncated).toBe(false)
      }
    }
  })
})

describe('buildJsonIndex on the shared fixture', () => {
  it('finds the same records in the JSON array and the JSONL file', async () => {
    const arr = await openNodeFile(join(FIXTURES, 'jsonfiles/2026-12-01_10-00-00_results_mini.json'))
    const lines = await openNodeFile(join(FIXTURES, 'jsonfiles/2026-12-01_10-10-00_results_mini.jsonl'))
    const a = await buildJsonIndex(arr)
    const l = await buildJsonIndex(lines)
    expect(a.layout).toBe('array')
    expect(l.layout).toBe('lines')
    expect(a.count).toBeGreaterThan(0)
    expect(l.count).toBe(a.count)
    for (let i = 0; i < a.count; i++) {
      expect(JSON.parse(await readRecordText(arr, a, i))).toEqual(JSON.parse(await readRecordText(lines, l, i)))
    }
    await arr.close()
    await lines.close()
  })
})

// A file past V8's ~512 MB string limit, written streaming; set SKIP_LARGE_JSON=1 to skip.
describe.skipIf(process.env.SKIP_LARGE_JSON === '1')('buildJsonIndex on a file larger than 512 MB', () => {
  it('indexes it without holding it as a string', { timeout: 600_000 }, async () => {
    const path = join(tmpdir(), `finehard-large-${process.pid}.json`)
    const target = 520 * 1024 * 1024
    try {
      const out = createWriteStream(path)
      // A block of records repeated: cheap to write, and each copy's first record is known.
      const blockRecords = Array.from({ length: 200 }, (_, i) => JSON.stringify(syntheticRecord(i), null, 1))
      const block = blockRecords.join(',\n')
      let written = 0
      let blocks = 0
      out.write('[\n')
      while (written < target) {
        const chunk = (blocks > 0 ? ',\n' : '') + block
        written += Buffer.byteLength(chunk)
        blocks++
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()))
      }
      out.write('\n]\n')
      await new Promise<void>((resolve, reject) => out.end(() => resolve()).on('error', reject))
      expect((await stat(path)).size).toBeGreaterThan(512 * 1024 * 1024)

      const file = await openNodeFile(path)
      const index: JsonIndex = await buildJsonIndex(file)
      expect(index.truncated).toBe(false)
      expect(index.count).toBe(blocks * 200)
      for (const i of [0, 1, Math.floor(index.count / 2) + 7, index.count - 1]) {
        const [record] = await readRecords(file, index, i, i + 1)
        expect(record.raw).toEqual(syntheticRecord(i % 200))
        expect(record.defects).toEqual([])
      }
      await file.close()
    } finally {
      await rm(path, { force: true })
    }
  })
})
