import type { AsyncBuffer } from 'hyparquet'

/**
 * The one seam for bytes: a local File, a file in a picked folder, an HTTP URL read by range
 * requests, or an in-memory ArrayBuffer all look the same to the readers. It is hyparquet's own
 * interface, so parquet and JSON readers share it.
 */
export type { AsyncBuffer }

/** Progress of a byte transfer (a whole-file download or a scan). */
export interface ByteProgress {
  loaded: number
  total: number | null
}

/**
 * Resolves `slice(start, end?)` arguments the way ArrayBuffer.slice does (negative = from the
 * end, clamped to the buffer), so every source agrees on what a range means.
 */
export function clampRange(byteLength: number, start: number, end?: number): [number, number] {
  const norm = (v: number): number => Math.min(byteLength, Math.max(0, v < 0 ? byteLength + v : v))
  const s = norm(start)
  const e = end === undefined ? byteLength : norm(end)
  return [s, Math.max(s, e)]
}
