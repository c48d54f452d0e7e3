import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildJsonIndex, type JsonIndex } from '../formats/jsonIndex.ts'
import { readRecords, readRecordText } from '../formats/jsonRecords.ts'
import { FIXTURES } from '../formats/testdata/fixtures.ts'
import { syntheticRecord } from '../formats/testdata/syntheticRecords.ts'
import type { SampleRecord } from '../formats/types.ts'
import { arrayBufferSource } from '../io/arrayBufferSource.ts'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { openNodeFile } from '../io/nodeFileBuffer.ts'
import { recordTexts, writeCorrectedFile, type CorrectedFileSummary } from './correctedFile.ts'
import { negativeField, type Decision } from './decisions.ts'
import { decision } from './testdata/decisions.ts'

const JSONFILES = join(FIXTURES, 'jsonfiles')

interface Read {
  buffer: AsyncBuffer
  index: JsonIndex
  records: SampleRecord[]
}

async function readAll(buffer: AsyncBuffer): Promise<Read> {
  const index = await buildJsonIndex(buffer)
  return { buffer, index, records: await readRecords(buffer, index, 0, index.count) }
}

function sourceOf(text: string): AsyncBuffer {
  return arrayBufferSource(new TextEncoder().encode(text).buffer as ArrayBuffer)
}

/** Runs the writer over a buffer and returns the output text, its chunks and the summary. */
async function correct(
  buffer: AsyncBuffer,
  index: JsonIndex,
  decisions: Decision[],
): Promise<{ text: string; chunks: string[]; summary: CorrectedFileSummary }> {
  const byRecord = new Map<number, Decision[]>()
  for (const d of decisions) byRecord.set(d.record, [...(byRecord.get(d.record) ?? []), d])
  const chunks: string[] = []
  const summary = await writeCorrectedFile(recordTexts(buffer, index, 3), byRecord, (chunk) => void chunks.push(chunk))
  return { text: chunks.join(''), chunks, summary }
}

const at = (record: number, region: number | null, over: Partial<Decision>) => decision({ record, region, ...over })

describe('writeCorrectedFile', () => {
  it("writes the fixture with every kind of decision applied, readable by the project's reader", async () => {
    const file = await openNodeFile(join(JSONFILES, '2026-12-01_10-00-00_results_mini.json'))
    try {
      const original = await readAll(file)
      expect(original.records).toHaveLength(4)
      const decisions = [
        at(0, null, { field: 'caption', verdict: 'correct' }),
        at(0, null, { field: 'note', verdict: null, newText: 'a good one' }),
        at(0, 0, { field: 'short_expr', verdict: 'correct' }),
        at(0, 0, { field: negativeField('9'), verdict: 'actually-true' }),
        at(0, 0, { field: negativeField('4'), verdict: 'nonsense' }),
        at(0, 0, { field: negativeField('1'), verdict: 'true-negative' }),
        at(0, 1, { field: 'bbox', verdict: 'wrong', newText: '[0.56, 0.12, 0.96, 0.96]' }),
        at(0, 2, { field: 'bbox', verdict: 'wrong' }),
        at(1, 0, { field: 'bbox', verdict: 'correct' }),
        at(1, 0, { field: 'short_expr', verdict: 'correct' }),
        at(2, null, { field: 'caption', verdict: 'wrong', newText: 'Three cups in a row.' }),
        at(2, null, { field: 'short_caption', verdict: null, newText: 'three cups' }),
        at(2, 0, { field: 'long_expr', verdict: null, newText: 'a brown paper cup on the left' }),
        at(2, 1, { field: 'short_expr', verdict: 'wrong', newText: 'a ribbed drinking glass' }),
        at(3, null, { field: 'caption', verdict: 'wrong' }),
      ]
      const { text, summary } = await correct(file, original.index, decisions)
      expect(summary).toEqual({
        records: 4,
        changedRecords: 2,
        omittedRecords: [],
        notes: { droppedRegions: [2], removedNegatives: 2, clearedFlags: 1, unfixedCaption: true, editedFields: 5 },
      })

      const output = await readAll(sourceOf(text))
      expect(output.index.layout).toBe('array')
      expect(output.index.truncated).toBe(false)
      expect(output.records).toHaveLength(original.records.length)
      expect(output.records.flatMap((r) => r.defects)).toEqual([])

      // Built from the original independently of the writer: what each edit should do.
      const expected = original.records.map((r) => structuredClone(r.raw)) as {
        caption: string
        short_caption: string
        bbox_info: { bbox: number[]; short_expr: string; long_expr: string; flag_short_neg: number; short_expr_negs: Record<string, string> }[]
      }[]
      delete expected[0].bbox_info[0].short_expr_negs['9']
      delete expected[0].bbox_info[0].short_expr_negs['4']
      expected[0].bbox_info[0].flag_short_neg = 0
      expected[0].bbox_info[1].bbox = [0.56, 0.12, 0.96, 0.96, 0.92]
      expected[0].bbox_info.splice(2, 1)
      expected[2].caption = 'Three cups in a row.'
      expected[2].short_caption = 'three cups'
      expected[2].bbox_info[0].long_expr = 'a brown paper cup on the left'
      expected[2].bbox_info[1].short_expr = 'a ribbed drinking glass'
      expect(output.records.map((r) => r.raw)).toEqual(expected)
      expect(output.records[0].raw).not.toEqual(original.records[0].raw)

      // Unedited records are their original text, byte for byte.
      for (const i of [1, 3]) {
        const before = await readRecordText(file, original.index, i)
        expect(await readRecordText(output.buffer, output.index, i)).toBe(before.trim())
      }
    } finally {
      await file.close()
    }
  })

  it('leaves out the cut-off last record and says why', async () => {
    const file = await openNodeFile(join(JSONFILES, '2026-12-01_10-05-00_results_defects.json'))
    try {
      const original = await readAll(file)
      expect(original.index.truncated).toBe(true)
      const last = original.index.count - 1
      const { text, summary } = await correct(file, original.index, [at(0, null, { field: 'caption', verdict: null, newText: 'cups' })])
      expect(summary.records).toBe(last)
      expect(summary.changedRecords).toBe(1)
      expect(summary.omittedRecords).toEqual([{ index: last, reason: expect.stringMatching(/ends inside this record/) }])
      const output = await readAll(sourceOf(text))
      expect(output.index.truncated).toBe(false)
      expect(output.records.map((r) => r.raw)).toEqual(
        original.records.slice(0, last).map((r, i) => (i === 0 ? { ...(r.raw as object), caption: 'cups' } : r.raw)),
      )
      // The records' own defects (inverted boxes, null captions) are kept as found; only unreadable ones go.
      const codes = new Set(output.records.flatMap((r) => r.defects.map((d) => d.code)))
      expect(codes.has('inverted-box')).toBe(true)
      expect(codes.has('truncated') || codes.has('invalid-json')).toBe(false)
    } finally {
      await file.close()
    }
  })

  it('leaves out a line that is not JSON and keeps the others', async () => {
    const buffer = sourceOf('{"caption": "a"}\n{"caption": oops\n{"caption": "c"}\n')
    const { index } = await readAll(buffer)
    const { text, summary } = await correct(buffer, index, [at(1, null, { field: 'caption', verdict: 'wrong', newText: 'b' })])
    expect(summary.omittedRecords).toEqual([{ index: 1, reason: expect.stringMatching(/^not valid JSON: /) }])
    expect(summary.records).toBe(2)
    expect(JSON.parse(text)).toEqual([{ caption: 'a' }, { caption: 'c' }])
  })

  it('frames records exactly and trims the text around an unedited record', async () => {
    async function* texts() {
      yield { index: 0, text: ' {"a": 1}\n', truncated: false }
      yield { index: 1, text: '{"b": [1.0, 2]}', truncated: false }
    }
    const chunks: string[] = []
    await writeCorrectedFile(texts(), new Map(), (chunk) => void chunks.push(chunk))
    expect(chunks.join('')).toBe('[\n{"a": 1},\n{"b": [1.0, 2]}\n]\n')
  })

  it('writes an empty array for an empty file', async () => {
    const buffer = sourceOf('[]')
    const { index } = await readAll(buffer)
    const { text, summary } = await correct(buffer, index, [])
    expect(JSON.parse(text)).toEqual([])
    expect(summary.records).toBe(0)
  })

  it('writes in moderate chunks, waiting for each write', async () => {
    const originals = Array.from({ length: 1200 }, (_, i) => syntheticRecord(i))
    const buffer = sourceOf(JSON.stringify(originals, null, 1))
    const index = await buildJsonIndex(buffer)
    const byRecord = new Map([[600, [at(600, null, { field: 'caption', verdict: 'wrong', newText: 'fixed' })]]])
    const chunks: string[] = []
    let writing = false
    const summary = await writeCorrectedFile(recordTexts(buffer, index), byRecord, async (chunk) => {
      expect(writing).toBe(false)
      writing = true
      await new Promise((resolve) => setTimeout(resolve, 1))
      chunks.push(chunk)
      writing = false
    })
    expect(summary.records).toBe(originals.length)
    expect(chunks.length).toBeGreaterThan(2)
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * 1024 * 1024)
    const expected = originals.map((r, i) => (i === 600 ? { ...r, caption: 'fixed' } : r))
    expect(JSON.parse(chunks.join(''))).toEqual(expected)
  })
})

describe('recordTexts', () => {
  it('yields every record in order, marking only the cut-off last one', async () => {
    const buffer = sourceOf('[{"a": 1}, {"a": 2}, {"a": 3}, {"a": 4}, {"a": "cut')
    const index = await buildJsonIndex(buffer)
    const seen = []
    for await (const t of recordTexts(buffer, index, 2)) seen.push(t)
    expect(seen).toEqual([
      { index: 0, text: '{"a": 1}', truncated: false },
      { index: 1, text: '{"a": 2}', truncated: false },
      { index: 2, text: '{"a": 3}', truncated: false },
      { index: 3, text: '{"a": 4}', truncated: false },
      { index: 4, text: '{"a": "cut', truncated: true },
    ])
  })
})
