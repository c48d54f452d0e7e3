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

/** The texts of records from..to-1, read with one slice (consecutive records are adjacent in the file). */
export async function readRecordTexts(buffer: AsyncBuffer, index: RecordSpans, from: number, to: number): Promise<string[]> {
  checkRange(index, from, to)
  if (from === to) return []
  const base = index.starts[from]
  const bytes = new Uint8Array(await buffer.slice(base, index.ends[to - 1]))
  const decoder = new TextDecoder()
  const texts: string[] = []
  for (let i = from; i < to; i++) texts.push(decoder.decode(bytes.subarray(index.starts[i] - base, index.ends[i] - base)))
  return texts
}

/** Records from..to-1, parsed; the file's last record is marked when the file ends mid-record. */
export async function readRecords(buffer: AsyncBuffer, index: RecordSpans, from: number, to: number): Promise<SampleRecord[]> {
  const texts = await readRecordTexts(buffer, index, from, to)
  return texts.map((text, k) => {
    const i = from + k
    const truncated = index.truncated && i === index.count - 1
    return recordFromText(text, i, { truncated, startByte: index.starts[i], byteLength: index.ends[i] - index.starts[i] })
  })
}

/** The exact text of record i, for the raw view. */
export async function readRecordText(buffer: AsyncBuffer, index: RecordSpans, i: number): Promise<string> {
  checkRange(index, i, i + 1)
  return new TextDecoder().decode(await buffer.slice(index.starts[i], index.ends[i]))
}
