import { access, mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { openNodeFile, type NodeFileBuffer } from '../../io/nodeFileBuffer.ts'
import type { CheckpointReader } from './checkpointFiles.ts'
import type { PackageWriter } from './convertCheckpoint.ts'

/** Node fs implementations of the converter's reader and writer (CLI and tests only). */

export type NodeCheckpointReader = CheckpointReader & { close(): Promise<void> }

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  )
}

/** Reads files of a checkpoint folder by positional reads; `close` releases the open handles. */
export function nodeCheckpointReader(dir: string): NodeCheckpointReader {
  const handles: NodeFileBuffer[] = []
  return {
    async open(name) {
      const path = join(dir, name)
      if (!(await exists(path))) return null
      const file = await openNodeFile(path)
      handles.push(file)
      return file
    },
    async close() {
      await Promise.all(handles.splice(0).map((h) => h.close()))
    },
  }
}

/**
 * Stages files in a sibling temp folder (same file system, so the final rename is atomic) and swaps
 * it in on commit, replacing an older package at `outDir`.
 */
export function nodePackageWriter(outDir: string): PackageWriter {
  const stamp = `${process.pid}-${Date.now().toString(36)}`
  const staging = join(dirname(outDir), `.${basename(outDir)}.partial-${stamp}`)
  let created = false
  return {
    async write(name, bytes) {
      if (!created) await mkdir(staging, { recursive: true })
      created = true
      await writeFile(join(staging, name), bytes)
    },
    async commit() {
      if (!created) await mkdir(staging, { recursive: true })
      created = true
      const old = join(dirname(outDir), `.${basename(outDir)}.old-${stamp}`)
      const replacing = await exists(outDir)
      if (replacing) await rename(outDir, old)
      await rename(staging, outDir)
      if (replacing) await rm(old, { recursive: true, force: true })
    },
    async abort() {
      if (created) await rm(staging, { recursive: true, force: true })
    },
  }
}
