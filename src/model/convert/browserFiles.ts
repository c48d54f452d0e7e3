import { fileBuffer } from '../../io/fileBuffer.ts'
import type { CheckpointReader } from './checkpointFiles.ts'
import type { PackageWriter } from './convertCheckpoint.ts'

/** Reader and writer for the converter in a browser (or worker): picked File objects in, bytes out. */

/**
 * Files of a picked checkpoint folder (`<input webkitdirectory>` or a drop), matched by base name
 * so `fg-clip-base/config.json` answers `config.json`.
 */
export function fileCheckpointReader(files: Iterable<File>): CheckpointReader {
  const byName = new Map<string, File>()
  for (const f of files) byName.set(f.name.slice(f.name.lastIndexOf('/') + 1), f)
  return {
    open: (name) => {
      const file = byName.get(name)
      return Promise.resolve(file ? fileBuffer(file) : null)
    },
  }
}

export interface MemoryPackage {
  readonly writer: PackageWriter
  /** The committed files (empty until commit succeeds). */
  files(): ReadonlyMap<string, Uint8Array<ArrayBuffer>>
}

/** Collects the package in memory, e.g. to store it in OPFS or hand it to a session directly. */
export function memoryPackageWriter(): MemoryPackage {
  let staged = new Map<string, Uint8Array<ArrayBuffer>>()
  let committed = new Map<string, Uint8Array<ArrayBuffer>>()
  return {
    writer: {
      write: (name, bytes) => {
        staged.set(name, bytes)
        return Promise.resolve()
      },
      commit: () => {
        committed = staged
        staged = new Map()
        return Promise.resolve()
      },
      abort: () => {
        staged = new Map()
        return Promise.resolve()
      },
    },
    files: () => committed,
  }
}
