/**
 * ScoreRows as a parquet file: written with hyparquet-writer (the CLI's output, the app's
 * export) and read back with hyparquet over any AsyncBuffer (a local file, an HTTP range source).
 */
import { parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import { parquetWriteBuffer, type BasicType } from 'hyparquet-writer'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import type { ScoreRow } from './scoreRows.ts'

type Column = keyof ScoreRow

// Doubles, not floats, for cosine and p: re-read rows must equal the scored ones exactly.
const COLUMNS: readonly { name: Column; type: BasicType; nullable: boolean }[] = [
  { name: 'file', type: 'STRING', nullable: false },
  { name: 'record', type: 'INT32', nullable: false },
  { name: 'f_path', type: 'STRING', nullable: true },
  { name: 'region', type: 'INT32', nullable: false },
  { name: 'text_index', type: 'INT32', nullable: false },
  { name: 'key', type: 'STRING', nullable: false },
  { name: 'text', type: 'STRING', nullable: false },
  { name: 'cosine', type: 'DOUBLE', nullable: false },
  { name: 'p', type: 'DOUBLE', nullable: false },
]

/** Rows per row group: a reader of one region's scores then decodes ~100k rows, not the file. */
const ROW_GROUP_SIZE = 100_000

/** The file's bytes; `metadata` (e.g. model name, scale) goes into the footer's key-value metadata. */
export function scoreRowsToParquet(rows: readonly ScoreRow[], metadata: Readonly<Record<string, string>> = {}): ArrayBuffer {
  return parquetWriteBuffer({
    columnData: COLUMNS.map(({ name, type, nullable }) => ({ name, type, nullable, data: rows.map((r) => r[name]) })),
    rowGroupSize: ROW_GROUP_SIZE,
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  })
}

function checkedRow(value: Record<string, unknown>, index: number): ScoreRow {
  for (const { name, type, nullable } of COLUMNS) {
    const v = value[name]
    const expected = type === 'STRING' ? 'string' : 'number'
    if (!(typeof v === expected || (nullable && v === null))) {
      throw new Error(`score file row ${index}: ${name} is ${JSON.stringify(v)}, expected a ${expected}`)
    }
  }
  return value as unknown as ScoreRow
}

/** Score columns a parquet schema lacks: none for a score file (how to tell one from an image shard). */
export function missingScoreColumns(columns: readonly string[]): Column[] {
  const present = new Set(columns)
  return COLUMNS.filter((c) => !present.has(c.name)).map((c) => c.name)
}

/** All rows of a score file; names the missing columns or the first malformed value. */
export async function readScoreParquet(buffer: AsyncBuffer): Promise<ScoreRow[]> {
  const metadata = await parquetMetadataAsync(buffer)
  const missing = missingScoreColumns(parquetSchema(metadata).children.map((c) => c.element.name))
  if (missing.length > 0) throw new Error(`not a score file: column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} missing`)
  const rows = await parquetReadObjects({ file: buffer, metadata, columns: COLUMNS.map((c) => c.name), compressors })
  return rows.map(checkedRow)
}

/** The key-value metadata written with the rows. */
export async function readScoreMetadata(buffer: AsyncBuffer): Promise<Record<string, string>> {
  const metadata = await parquetMetadataAsync(buffer)
  return Object.fromEntries((metadata.key_value_metadata ?? []).map((kv) => [kv.key, kv.value ?? '']))
}
