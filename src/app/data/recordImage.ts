import { useQuery } from '@tanstack/react-query'
import { resolveImage, type ImageCatalog, type ResolvedImage } from '../../formats/imageResolver.ts'
import type { ImageRef } from '../../formats/types.ts'
import { withStoredOrientation } from '../../formats/jpegOrientation.ts'
import { messageOf } from '../../io/messageOf.ts'

export interface LoadedImage {
  element: HTMLImageElement
  width: number
  height: number
  /** What to put in an <img src>: an object URL for local/inline bytes, else the remote URL. */
  src: string
  objectUrl: boolean
  /** Where the picture came from, in words, for the sample view. */
  origin: string
}

function describeOrigin(resolved: ResolvedImage): string {
  switch (resolved.kind) {
    case 'local':
      return `prepared folder: ${resolved.path}`
    case 'inline':
      return `inline bytes: ${resolved.shardName}, row ${resolved.row}`
    case 'url':
      return `${resolved.via === 'prepared-folder' ? 'prepared folder' : resolved.via}: ${resolved.url}`
    case 'unavailable':
      return resolved.reason
  }
}

function decode(src: string): Promise<HTMLImageElement> {
  const element = new Image()
  element.decoding = 'async'
  element.src = src
  return element.decode().then(() => element)
}

/** Turns a failed remote load into a reason: the HTTP status when readable, else what blocks it. */
async function explainUrlFailure(url: string): Promise<string> {
  try {
    const response = await fetch(url)
    if (!response.ok) return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url}`
    return `decode error: ${url} answered ${response.headers.get('content-type') ?? 'unknown type'} that is not a decodable image`
  } catch {
    return `network error: ${url} could not be reached (or its host forbids reading it)`
  }
}

/** Picture bytes as a Blob in stored orientation (see jpegOrientation.ts). */
function storedBlob(bytes: Uint8Array, mime: string): Blob {
  return new Blob([withStoredOrientation(bytes).slice()], { type: mime })
}

function decodeError(bytes: Uint8Array, mime: string, origin: string): Error {
  return new Error(`decode error: the ${bytes.length.toLocaleString()} bytes from ${origin} are not a decodable ${mime} image`)
}

/** A picture from its bytes, as an object URL for <img> and the canvas. */
async function decodeBytes(bytes: Uint8Array, mime: string, origin: string): Promise<LoadedImage> {
  const src = URL.createObjectURL(storedBlob(bytes, mime))
  try {
    const element = await decode(src)
    return { element, width: element.naturalWidth, height: element.naturalHeight, src, objectUrl: true, origin }
  } catch {
    URL.revokeObjectURL(src)
    throw decodeError(bytes, mime, origin)
  }
}

/** The bytes of a remote picture when its host allows reading them (CORS), else null. */
async function fetchReadable(url: string): Promise<{ bytes: Uint8Array; mime: string } | null> {
  try {
    const response = await fetch(url, { mode: 'cors' })
    if (!response.ok) return null
    return { bytes: new Uint8Array(await response.arrayBuffer()), mime: response.headers.get('content-type') ?? 'image/jpeg' }
  } catch {
    return null
  }
}

async function loadResolved(resolved: ResolvedImage): Promise<LoadedImage> {
  const origin = describeOrigin(resolved)
  if (resolved.kind === 'unavailable') throw new Error(resolved.reason)
  if (resolved.kind !== 'url') return decodeBytes(resolved.bytes, resolved.mime, origin)
  // Bytes first, so the picture keeps its stored orientation and can be scored; a host without
  // CORS still gets its picture shown through a plain <img> (not scorable, possibly rotated).
  const readable = await fetchReadable(resolved.url)
  if (readable) {
    try {
      return await decodeBytes(readable.bytes, readable.mime, origin)
    } catch {
      // Not decodable from the bytes: the <img> path below says why.
    }
  }
  try {
    const element = await decode(resolved.url)
    return { element, width: element.naturalWidth, height: element.naturalHeight, src: resolved.url, objectUrl: false, origin }
  } catch {
    throw new Error(await explainUrlFailure(resolved.url))
  }
}

/** Loads `ref` from its best source; a served prepared folder that lacks it falls back to shards and url2key. */
async function withFallback<T>(ref: ImageRef, catalog: ImageCatalog, load: (resolved: ResolvedImage) => Promise<T>): Promise<T> {
  const resolved = await resolveImage(ref, catalog)
  try {
    return await load(resolved)
  } catch (error) {
    if (resolved.kind !== 'url' || resolved.via !== 'prepared-folder') throw error
    // Failed downloads are exactly the pictures a prepared folder lacks: the shard says why.
    try {
      return await load(await resolveImage(ref, { ...catalog, imagesBaseUrl: null }))
    } catch (fallbackError) {
      throw new Error(`${messageOf(fallbackError)} (prepared folder: ${messageOf(error)})`)
    }
  }
}

/** The picture to show (and to score in the sample view). */
export function loadRecordImage(ref: ImageRef, catalog: ImageCatalog): Promise<LoadedImage> {
  return withFallback(ref, catalog, loadResolved)
}

async function bitmapFrom(bytes: Uint8Array, mime: string, origin: string): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(storedBlob(bytes, mime))
  } catch {
    throw decodeError(bytes, mime, origin)
  }
}

async function bitmapResolved(resolved: ResolvedImage): Promise<ImageBitmap> {
  if (resolved.kind === 'unavailable') throw new Error(resolved.reason)
  if (resolved.kind !== 'url') return bitmapFrom(resolved.bytes, resolved.mime, describeOrigin(resolved))
  const readable = await fetchReadable(resolved.url)
  if (!readable) throw new Error(await explainUrlFailure(resolved.url))
  return bitmapFrom(readable.bytes, readable.mime, describeOrigin(resolved))
}

/** Only the pixels, for whole-shard scoring: decoded from the bytes off the main thread, no <img>. */
export function loadRecordBitmap(ref: ImageRef, catalog: ImageCatalog): Promise<ImageBitmap> {
  return withFallback(ref, catalog, bitmapResolved)
}

export function useRecordImage(datasetId: string, ref: ImageRef | null, catalog: ImageCatalog) {
  return useQuery({
    queryKey: ['image', datasetId, ref?.path ?? null],
    queryFn: () => {
      if (!ref) throw new Error('The record names no image (f_path missing or not a path)')
      return loadRecordImage(ref, catalog)
    },
    retry: false,
    staleTime: Infinity,
    gcTime: 60_000,
  })
}

export function isLoadedImage(value: unknown): value is LoadedImage {
  return typeof value === 'object' && value !== null && 'objectUrl' in value && 'element' in value
}
