import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData, type SchemaTree } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { partFromName, shardFromName } from './sourceKind.ts'

/** An opened img2dataset shard (metadata-only or with inline image bytes). */
export interface Shard {
  /** File name or path as given (e.g. `coyo_image_0/00000.parquet`). */
  name: string
  part: number | null
  shard: string | null
  numRows: number
  /** Top-level column names, in schema order. */
  columns: string[]
  /** `jpg`-style binary column, or a Hugging Face `image` struct {bytes, path}; null for metadata-only shards. */
  imageColumn: string | null
  buffer: AsyncBuffer
  metadata: FileMetaData
}

const IMAGE_COLUMN_NAMES = ['jpg', 'jpeg', 'png', 'webp', 'image']

function isBinaryLeaf(node: SchemaTree): boolean {
  const e = node.element
  return node.children.length === 0 && e.type === 'BYTE_ARRAY' && e.converted_type !== 'UTF8' && e.logical_type?.type !== 'STRING'
}

function findImageColumn(root: SchemaTree): string | null {
  for (const name of IMAGE_COLUMN_NAMES) {
    const node = root.children.find((c) => c.element.name === name)
    if (!node) continue
    if (isBinaryLeaf(node)) return name
    if (node.children.some((c) => c.element.name === 'bytes' && isBinaryLeaf(c))) return name
  }
  return null
}

/** Reads the footer only; part and shard come from the name (`coyo_image_N/SSSSS.parquet`). */
export async function openShard(buffer: AsyncBuffer, name: string): Promise<Shard> {
  const metadata = await parquetMetadataAsync(buffer)
  const root = parquetSchema(metadata)
  return {
    name,
    part: partFromName(name),
    shard: shardFromName(name),
    numRows: Number(metadata.num_rows),
    columns: root.children.map((c) => c.element.name),
    imageColumn: findImageColumn(root),
    buffer,
    metadata,
  }
}

/** Parquet INT64 arrives as bigint; views and JSON want numbers wherever that loses nothing. */
function plainValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v
  if (Array.isArray(v)) return v.map(plainValue)
  if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainValue(x)]))
  }
  return v
}

/** Keys stored as integers lost their leading zeros; FineHARD keys are 9 digits. */
export function shardKeyText(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'bigint') return String(v).padStart(9, '0')
  return null
}

const keyIndexes = new WeakMap<Shard, Promise<Map<string, number>>>()

/** key → row, reading only the `key` column; computed once per shard. An empty map when there is no key column. */
export function shardKeyIndex(shard: Shard): Promise<Map<string, number>> {
  let cached = keyIndexes.get(shard)
  if (!cached) {
    cached = (async () => {
      const map = new Map<string, number>()
      if (!shard.columns.includes('key')) return map
      const rows = await parquetReadObjects({ file: shard.buffer, metadata: shard.metadata, columns: ['key'], compressors })
      rows.forEach((row, i) => {
        const key = shardKeyText(row.key)
        if (key !== null && !map.has(key)) map.set(key, i)
      })
      return map
    })()
    keyIndexes.set(shard, cached)
  }
  return cached
}

/** Rows start..end-1 with every column except the image bytes (only the row groups that hold them are read). */
export async function readShardRows(shard: Shard, start: number, end: number): Promise<Record<string, unknown>[]> {
  const columns = shard.columns.filter((c) => c !== shard.imageColumn)
  const rows = await parquetReadObjects({
    file: shard.buffer,
    metadata: shard.metadata,
    columns,
    rowStart: start,
    rowEnd: Math.min(end, shard.numRows),
    compressors,
  })
  return rows.map((r) => plainValue(r) as Record<string, unknown>)
}

/** One row's image bytes: only the image column, only that row's row group (and page, when an offset index exists). */
export async function readShardImage(shard: Shard, row: number): Promise<Uint8Array | null> {
  if (shard.imageColumn === null || row < 0 || row >= shard.numRows) return null
  const column = shard.imageColumn
  const rows = await parquetReadObjects({
    file: shard.buffer,
    metadata: shard.metadata,
    columns: [column],
    rowStart: row,
    rowEnd: row + 1,
    compressors,
    utf8: false,
    useOffsetIndex: true,
  })
  const value: unknown = rows[0]?.[column]
  if (value instanceof Uint8Array) return value
  if (value !== null && typeof value === 'object' && 'bytes' in value && value.bytes instanceof Uint8Array) return value.bytes
  return null
}
