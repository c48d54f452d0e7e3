import { clampRange, type AsyncBuffer } from './asyncBuffer.ts'

/** A File or Blob as an AsyncBuffer: each slice reads only its own bytes, never the whole file. */
export function fileBuffer(blob: Blob): AsyncBuffer {
  return {
    byteLength: blob.size,
    slice(start: number, end?: number): Promise<ArrayBuffer> {
      const [s, e] = clampRange(blob.size, start, end)
      return blob.slice(s, e).arrayBuffer()
    },
  }
}
