import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { recordFromText } from './finehardRecord.ts'
import type { JsonIndex } from './jsonIndex.ts'
import type { SampleRecord } from './types.ts'

export type RecordSpans = Pick<JsonIndex, 'starts' | 'ends' | 'count' | 'truncated'>

function checkRange(index: RecordSpans, from: number, to: number): void {
  if (!(from >= 0 && from <= to && to <= index.count)) {
    throw new RangeError(`records ${from}..${to} are outside 0..${index.count}`)
  }
}

/** Records from..to-1, read with one slice (consecutive records are adjacent in the file). */
export async function readRecords(buffer: AsyncBuffer, index: RecordSpans, from: number, to: number): Promise<SampleRecord[]> {
  checkRange(index, from, to)
  if (from === to) return []
  const base = index.starts[from]
  const bytes = new Uint8Array(await buffer.slice(base, index.ends[to - 1]))
  const decoder = new TextDecoder()
  const out: SampleRecord[] = []
  for (let i = from; i < to; i++) {
    const start = index.starts[i]
    const length = index.ends[i] - start
    const text = decoder.decode(bytes.subarray(start - base, start - base + length))
    const truncated = index.truncated && i === index.count - 1
    out.push(recordFromText(text, i, { truncated, startByte: start, byteLength: length }))
  }
  return out
}

/** The exact text of record i, for the raw view. */
export async function readRecordText(buffer: AsyncBuffer, index: RecordSpans, i: number): Promise<string> {
  checkRange(index, i, i + 1)
  return new TextDecoder().decode(await buffer.slice(index.starts[i], index.ends[i]))
}
