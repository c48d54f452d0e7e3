/**
 * Pictures for records, from prepared image folders (tried first) or img2dataset parquet shards
 * with inline bytes, decoded to RGBA with sharp (libjpeg-turbo, as Chromium and PIL decode: the
 * CLI's pixels equal the browser's). A picture that cannot be had comes back with
 * the reason, never as an exception: a run reports it and moves on.
 */
import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import sharp from 'sharp'
import { sniffImageMime } from '../../src/formats/imageMime.ts'
import { preparedImagePath } from '../../src/formats/imagePath.ts'
import { resolveImage, type ImageCatalog } from '../../src/formats/imageResolver.ts'
import { openShard } from '../../src/formats/parquetShard.ts'
import type { SampleRecord } from '../../src/formats/types.ts'
import { openNodeFile, type NodeFileBuffer } from '../../src/io/nodeFileBuffer.ts'
import type { PixelImage } from '../../src/model/preprocess.ts'
import { messageOf } from '../../src/io/messageOf.ts'

export type LoadedImage = { ok: true; image: PixelImage } | { ok: false; reason: string }

export interface ImageSource {
  load(record: SampleRecord): Promise<LoadedImage>
  close(): Promise<void>
}

/** Decodes image bytes to RGBA pixels, stored orientation (no EXIF rotation, as FG-CLIP's PIL loader). */
export async function decodeImage(bytes: Uint8Array): Promise<LoadedImage> {
  const mime = sniffImageMime(bytes)
  if (!mime) return { ok: false, reason: 'not a known image format' }
  try {
    const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true })
    return { ok: true, image: { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length), channels: 4 } }
  } catch (error) {
    return { ok: false, reason: `${mime} decode failed: ${messageOf(error)}` }
  }
}

/** A file below `folder`, or null when the (untrusted) relative path would leave it. */
function containedPath(folder: string, rel: string): string | null {
  const path = resolve(folder, rel)
  const up = relative(folder, path)
  return up === '' || up === '..' || up.startsWith(`..${sep}`) || isAbsolute(up) ? null : path
}

async function readFromFolders(folders: readonly string[], rel: string): Promise<Uint8Array | null> {
  for (const folder of folders) {
    const path = containedPath(folder, rel)
    if (path === null) continue
    const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
      throw error
    })
    if (bytes) return bytes
  }
  return null
}

/** Opens every `--images` argument: folders as they are, files as parquet shards. */
export async function openImageSources(paths: readonly string[]): Promise<ImageSource> {
  const folders: string[] = []
  const files: NodeFileBuffer[] = []
  const catalog: ImageCatalog = { localFiles: new Map(), shards: [], keyToUrl: new Map(), imagesBaseUrl: null }
  try {
    for (const path of paths) {
      if ((await stat(path)).isDirectory()) folders.push(resolve(path))
      else {
        const file = await openNodeFile(path)
        files.push(file)
        catalog.shards.push(await openShard(file, path).catch((error: unknown) => {
          throw new Error(`--images ${path} is neither a folder nor a parquet shard (${messageOf(error)})`)
        }))
      }
    }
  } catch (error) {
    await Promise.all(files.map((f) => f.close()))
    throw error
  }

  async function load(record: SampleRecord): Promise<LoadedImage> {
    const ref = record.image
    if (ref === null) return { ok: false, reason: record.defects[0]?.message ?? 'the record has no f_path' }
    const rel = preparedImagePath(ref)
    if (folders.length > 0 && folders.every((folder) => containedPath(folder, rel) === null)) {
      return { ok: false, reason: `${rel} points outside the image folder` }
    }
    try {
      const local = await readFromFolders(folders, rel)
      if (local) return await decodeImage(local)
      if (catalog.shards.length === 0) return { ok: false, reason: `${rel} is in none of the image folders` }
      const found = await resolveImage(ref, catalog)
      if (found.kind === 'inline' || found.kind === 'local') return await decodeImage(found.bytes)
      if (found.kind === 'unavailable') return { ok: false, reason: found.reason }
      return { ok: false, reason: `${rel}: no local file and no inline bytes (only a URL, ${found.url}; this tool does not download)` }
    } catch (error) {
      return { ok: false, reason: `${rel}: ${messageOf(error)}` }
    }
  }

  async function close(): Promise<void> {
    await Promise.all(files.map((f) => f.close()))
  }

  return { load, close }
}
