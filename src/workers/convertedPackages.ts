import { fileCheckpointReader, memoryPackageWriter } from '../model/convert/browserFiles.ts'
import { convertCheckpoint } from '../model/convert/convertCheckpoint.ts'
import type { PackageFileReader } from '../model/modelPackage.ts'
import { messageOf } from '../io/messageOf.ts'

/**
 * A dropped FG-CLIP checkpoint becomes a model package once: converted in this worker, then kept
 * in the origin-private file system (OPFS) under the checkpoint's identity, so the next visit
 * loads the stored package instead of converting again.
 */

const folderName = 'converted-model-packages'

export function isCheckpoint(files: readonly File[]): boolean {
  const names = new Set(files.map((f) => f.name))
  return !names.has('manifest.json') && names.has('config.json') && (names.has('model.safetensors') || names.has('model.safetensors.index.json'))
}

/** Names, sizes and dates of the files: enough to tell one checkpoint from another without hashing gigabytes. */
async function identity(files: readonly File[]): Promise<string> {
  const text = files.map((f) => `${f.name}:${f.size}:${f.lastModified}`).sort().join('|')
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)))
  return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, '0')).join('')
}

async function storedPackage(key: string): Promise<FileSystemDirectoryHandle | null> {
  try {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName, { create: true })
    const folder = await root.getDirectoryHandle(key, { create: true })
    // The manifest is written last, so its presence means a complete package.
    await folder.getFileHandle('manifest.json')
    return folder
  } catch {
    return null
  }
}

async function storePackage(key: string, files: ReadonlyMap<string, Uint8Array<ArrayBuffer>>): Promise<void> {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(folderName, { create: true })
  const folder = await root.getDirectoryHandle(key, { create: true })
  const ordered = [...files].sort(([a], [b]) => Number(a === 'manifest.json') - Number(b === 'manifest.json'))
  for (const [name, bytes] of ordered) {
    const writable = await (await folder.getFileHandle(name, { create: true })).createWritable()
    await writable.write(bytes)
    await writable.close()
  }
}

/** A reader over the converted package: from OPFS when converted before, else converted now. */
export async function convertedPackageReader(files: File[], onStage: (stage: string) => void): Promise<{ read: PackageFileReader; fromCache: boolean }> {
  const key = await identity(files)
  const stored = await storedPackage(key)
  if (stored) {
    return {
      fromCache: true,
      read: async (name) => new Uint8Array(await (await (await stored.getFileHandle(name)).getFile()).arrayBuffer()),
    }
  }
  const output = memoryPackageWriter()
  await convertCheckpoint(fileCheckpointReader(files), output.writer, { onProgress: (stage) => onStage(`converting checkpoint: ${stage}`) })
  const converted = output.files()
  // Storage may be unavailable or full: the converted package still works for this visit.
  await storePackage(key, converted).catch((error: unknown) => onStage(`could not keep the converted package (${messageOf(error)})`))
  return {
    fromCache: false,
    read: async (name) => {
      const bytes = converted.get(name)
      if (!bytes) throw new Error(`${name} is not in the converted package`)
      return bytes
    },
  }
}
