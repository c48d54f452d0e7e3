import { open } from 'node:fs/promises'
import { clampRange, type AsyncBuffer } from './asyncBuffer.ts'

export type NodeFileBuffer = AsyncBuffer & { close(): Promise<void> }

/**
 * A local file as an AsyncBuffer, read by positional reads (no stream, no whole-file load).
 * Node only: for tests, the bench and command-line tools; the browser app never imports it.
 */
export async function openNodeFile(path: string): Promise<NodeFileBuffer> {
  const handle = await open(path, 'r')
  const { size } = await handle.stat()
  return {
    byteLength: size,
    async slice(start: number, end?: number): Promise<ArrayBuffer> {
      const [s, e] = clampRange(size, start, end)
      const out = new Uint8Array(e - s)
      let done = 0
      // A positional read may return fewer bytes than asked; loop until the range is filled.
      while (done < out.length) {
        const { bytesRead } = await handle.read(out, done, out.length - done, s + done)
        if (bytesRead === 0) throw new Error(`${path}: unexpected end of file at byte ${s + done}`)
        done += bytesRead
      }
      return out.buffer
    },
    close: () => handle.close(),
  }
}
