import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { sniffImageMime } from './imageMime.ts'
import { preparedImagePath } from './imagePath.ts'
import { readShardImage, readShardRows, shardKeyIndex, type Shard } from './parquetShard.ts'
import type { ImageRef } from './types.ts'

/** Everything the user has opened that can supply pictures. */
export interface ImageCatalog {
  /** Prepared-folder files by `preparedImagePath` (FineHARD) or relative `img_path` (FG-OVD). */
  localFiles: Map<string, AsyncBuffer>
  shards: Shard[]
  /** part → (key → url), from url2key maps. */
  keyToUrl: Map<number, Map<string, string>>
  /** A served prepared folder (`…/grit-12m`), or null. */
  imagesBaseUrl: string | null
}

export type ResolvedImage =
  | { kind: 'local'; path: string; bytes: Uint8Array; mime: string }
  | { kind: 'inline'; shardName: string; row: number; bytes: Uint8Array; mime: string }
  | { kind: 'url'; url: string; via: 'prepared-folder' | 'shard' | 'url2key'; shardRow: Record<string, unknown> | null }
  | { kind: 'unavailable'; reason: string; shardRow: Record<string, unknown> | null }

const UNKNOWN_MIME = 'application/octet-stream'

interface ShardHit {
  shard: Shard
  row: number
}

/**
 * Shards that hold this key: exact part + shard name matches first, then shards whose name says
 * nothing that contradicts the ref (e.g. `embedded_images/00000.parquet`). Keys repeat across parts,
 * so a shard of another part never matches.
 */
async function findShardRows(ref: ImageRef, shards: Shard[]): Promise<ShardHit[]> {
  const compatible = shards.filter(
    (s) => (s.part === null || ref.part === null || s.part === ref.part) && (s.shard === null || s.shard === ref.shard),
  )
  const exact = (s: Shard): number => (s.part === ref.part && s.shard === ref.shard ? 0 : 1)
  compatible.sort((a, b) => exact(a) - exact(b))
  const hits: ShardHit[] = []
  for (const shard of compatible) {
    const row = (await shardKeyIndex(shard)).get(ref.key)
    if (row !== undefined) hits.push({ shard, row })
  }
  return hits
}

function describeRef(ref: ImageRef): string {
  return ref.part === null ? `image ${ref.path}` : `image ${ref.key} (coyo_image_${ref.part}, shard ${ref.shard})`
}

/**
 * Finds a picture for an image reference, best source first: the prepared folder (local, then
 * served), inline bytes in a shard, the shard row's URL, the url2key URL. When none applies the
 * answer says why (failed download with its error, or which input is missing).
 */
export async function resolveImage(ref: ImageRef, catalog: ImageCatalog): Promise<ResolvedImage> {
  const rel = preparedImagePath(ref)
  // FG-OVD pictures picked one by one (not as their val2017 folder) are known by file name alone.
  const local = catalog.localFiles.get(rel) ?? (ref.part === null ? catalog.localFiles.get(ref.path.split('/').pop() ?? '') : undefined)
  if (local) {
    const bytes = new Uint8Array(await local.slice(0, local.byteLength))
    return { kind: 'local', path: rel, bytes, mime: sniffImageMime(bytes) ?? UNKNOWN_MIME }
  }
  if (catalog.imagesBaseUrl !== null) {
    return { kind: 'url', url: `${catalog.imagesBaseUrl.replace(/\/+$/, '')}/${rel}`, via: 'prepared-folder', shardRow: null }
  }

  const hits = ref.shard === null ? [] : await findShardRows(ref, catalog.shards)
  for (const { shard, row } of hits) {
    const bytes = await readShardImage(shard, row)
    if (bytes && bytes.length > 0) {
      return { kind: 'inline', shardName: shard.name, row, bytes, mime: sniffImageMime(bytes) ?? UNKNOWN_MIME }
    }
  }
  const hit = hits[0]
  const shardRow = hit ? ((await readShardRows(hit.shard, hit.row, hit.row + 1))[0] ?? null) : null
  if (shardRow) {
    const status = shardRow.status
    if (typeof status === 'string' && status !== 'success') {
      const error = typeof shardRow.error_message === 'string' ? `: ${shardRow.error_message}` : ''
      return {
        kind: 'unavailable',
        reason: `img2dataset could not download ${describeRef(ref)} (status "${status}"${error}; row ${hit.row} of ${hit.shard.name})`,
        shardRow,
      }
    }
    if (typeof shardRow.url === 'string' && shardRow.url !== '') {
      return { kind: 'url', url: shardRow.url, via: 'shard', shardRow }
    }
  }

  const mapped = ref.part === null ? undefined : catalog.keyToUrl.get(ref.part)?.get(ref.key)
  if (mapped !== undefined) return { kind: 'url', url: mapped, via: 'url2key', shardRow }

  return { kind: 'unavailable', reason: missingReason(ref, catalog, hits.length > 0), shardRow }
}

/** Names what the user could add to see this picture. */
function missingReason(ref: ImageRef, catalog: ImageCatalog, inShard: boolean): string {
  const parts = [`no local file ${preparedImagePath(ref)}`]
  if (ref.part === null && ref.shard === null) {
    parts.push('and the path is not a FineHARD coyo_image_N/SSSSS/<key>.jpg path, so shards and url2key maps cannot help')
    return `${describeRef(ref)}: ${parts.join(' ')}`
  }
  const shardName = `coyo_image_${ref.part ?? '?'}/${ref.shard}.parquet`
  if (inShard) parts.push(`the shard row for key ${ref.key} has no image bytes and no url`)
  else if (catalog.shards.some((s) => s.part === ref.part && s.shard === ref.shard)) parts.push(`key ${ref.key} is not in shard ${shardName}`)
  else parts.push(`no shard ${shardName} opened`)
  if (ref.part === null) parts.push('the path names no coyo_image_N part, so url2key maps cannot help')
  else if (catalog.keyToUrl.has(ref.part)) parts.push(`key ${ref.key} is not in url2key_coyo_image_${ref.part}.json`)
  else parts.push(`no url2key_coyo_image_${ref.part}.json opened`)
  return `${describeRef(ref)}: ${parts.join('; ')}`
}
