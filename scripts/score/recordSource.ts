/**
 * A record file opened the way the app's record worker opens it: a streaming byte index, then
 * records parsed only when read (FineHARD JSON array or JSON Lines), or FG-OVD lines grouped by
 * image (which needs every line, as in the app).
 */
import { basename } from 'node:path'
import { groupFgovd } from '../../src/formats/fgovd.ts'
import { buildJsonIndex } from '../../src/formats/jsonIndex.ts'
import { readRecords, readRecordTexts } from '../../src/formats/jsonRecords.ts'
import { detectSourceKind } from '../../src/formats/sourceKind.ts'
import type { SampleRecord } from '../../src/formats/types.ts'
import { openNodeFile } from '../../src/io/nodeFileBuffer.ts'

export interface RecordSource {
  /** The file's name, as ScoreRow.file. */
  name: string
  format: 'finehard' | 'fgovd'
  count: number
  /** Records from..to-1. */
  read(from: number, to: number): Promise<SampleRecord[]>
  close(): Promise<void>
}

/** As much of the file as sourceKind needs to tell the formats apart. */
const HEAD_BYTES = 64 * 1024

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export async function openRecordSource(path: string): Promise<RecordSource> {
  const buffer = await openNodeFile(path)
  try {
    const name = basename(path)
    const kind = detectSourceKind(name, new Uint8Array(await buffer.slice(0, HEAD_BYTES)))
    if (kind !== 'finehard-json' && kind !== 'finehard-jsonl' && kind !== 'fgovd-jsonl') {
      throw new Error(`${path} is not a FineHARD jsonfile or FG-OVD JSON Lines (it looks like: ${kind})`)
    }
    const index = await buildJsonIndex(buffer)
    const close = () => buffer.close()
    if (kind !== 'fgovd-jsonl') {
      return { name, format: 'finehard', count: index.count, read: (from, to) => readRecords(buffer, index, from, Math.min(to, index.count)), close }
    }
    const texts = await readRecordTexts(buffer, index, 0, index.count)
    const groups = groupFgovd(texts.map((text, i) => ({ value: parsed(text), text, line: i + 1 })))
    return { name, format: 'fgovd', count: groups.length, read: async (from, to) => groups.slice(from, to), close }
  } catch (error) {
    await buffer.close()
    throw error
  }
}
