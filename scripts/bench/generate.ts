import { createWriteStream } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { syntheticRecord } from '../../src/formats/testdata/syntheticRecords.ts'

/** Distinct records per repeated block: enough variety, cheap to write gigabytes of. */
const BLOCK_RECORDS = 1000

function jsonBlock(): string {
  return Array.from({ length: BLOCK_RECORDS }, (_, i) => JSON.stringify(syntheticRecord(i), null, 1)).join(',\n')
}

/** Exact size of the file writeJsonArray makes, so an existing one can be reused. */
function plannedSize(block: string, targetBytes: number): { blocks: number; bytes: number } {
  const blockBytes = Buffer.byteLength(block)
  const blocks = Math.max(1, Math.ceil((targetBytes - 5) / (blockBytes + 2)))
  return { blocks, bytes: 2 + blocks * blockBytes + (blocks - 1) * 2 + 3 }
}

async function sizeOf(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size
  } catch {
    return null
  }
}

/**
 * A FineHARD-like pretty-printed JSON array of at least `targetBytes`, written streaming.
 * Returns the record count; reuses the file when it already has the planned size.
 */
export async function writeJsonArray(path: string, targetBytes: number): Promise<{ records: number; reused: boolean }> {
  const block = jsonBlock()
  const { blocks, bytes } = plannedSize(block, targetBytes)
  const records = blocks * BLOCK_RECORDS
  if ((await sizeOf(path)) === bytes) return { records, reused: true }
  const out = createWriteStream(path)
  out.write('[\n')
  for (let b = 0; b < blocks; b++) {
    if (!out.write((b > 0 ? ',\n' : '') + block)) await new Promise<void>((r) => out.once('drain', () => r()))
  }
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject)
    out.end('\n]\n', () => resolve())
  })
  return { records, reused: false }
}

/**
 * An img2dataset-style shard with inline image bytes (incompressible, like JPEG), 1000-row
 * row groups; deterministic, so a file of the right size is reused.
 */
export async function writeImageShard(path: string, rows: number, imageBytes: number): Promise<{ reused: boolean }> {
  let seed = 1
  const random = (): number => {
    // xorshift: an LCG's low byte repeats every 256 values and would compress away.
    seed ^= seed << 13
    seed ^= seed >>> 17
    seed ^= seed << 5
    return seed & 0xff
  }
  const keys = Array.from({ length: rows }, (_, i) => `00000${String(i).padStart(4, '0')}`)
  const images = keys.map(() => {
    const b = new Uint8Array(imageBytes)
    for (let i = 0; i < b.length; i++) b[i] = random()
    b.set([0xff, 0xd8, 0xff, 0xe0])
    return b
  })
  const ab = parquetWriteBuffer({
    columnData: [
      { name: 'key', data: keys, type: 'STRING' },
      { name: 'url', data: keys.map((k) => `https://images.example.org/${k}.jpg`), type: 'STRING' },
      { name: 'status', data: keys.map(() => 'success'), type: 'STRING' },
      { name: 'width', data: keys.map(() => 640), type: 'INT32' },
      { name: 'height', data: keys.map(() => 480), type: 'INT32' },
      { name: 'jpg', data: images, type: 'BYTE_ARRAY' },
    ],
    rowGroupSize: 1000,
  })
  if ((await sizeOf(path)) === ab.byteLength) return { reused: true }
  await writeFile(path, new Uint8Array(ab))
  return { reused: false }
}
