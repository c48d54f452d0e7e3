import type { AsyncBuffer } from './asyncBuffer.ts'

/** Bytes already in memory (a download, a test fixture) as an AsyncBuffer. */
export function arrayBufferSource(ab: ArrayBuffer): AsyncBuffer {
  return {
    byteLength: ab.byteLength,
    // ArrayBuffer.slice already has the wanted clamping semantics and returns a copy.
    slice: (start: number, end?: number): ArrayBuffer => ab.slice(start, end),
  }
}
