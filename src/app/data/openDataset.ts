import type { AsyncBuffer } from '../../io/asyncBuffer.ts'
import { fileBuffer } from '../../io/fileBuffer.ts'
import { openHttpBuffer } from '../../io/httpBuffer.ts'
import type { ImageCatalog } from '../../formats/imageResolver.ts'
import { openShard } from '../../formats/parquetShard.ts'
import { detectSourceKind, partFromName, type SourceKind } from '../../formats/sourceKind.ts'
import { parseUrl2Key } from '../../formats/url2key.ts'
import type { Dataset, ScoreFile, SourceNote } from './dataset.ts'
import { missingScoreColumns } from '../../analysis/scoresParquet.ts'
import { openRecordFile, type RecordFileClient } from './recordFileClient.ts'
import type { RecordFileInput } from '../../workers/recordFileProtocol.ts'
import { fileIdentity, IDENTITY_HEAD_BYTES, urlIdentity } from '../../audit/fileIdentity.ts'
import type { FileIdentity } from '../../audit/decisions.ts'
import { messageOf } from '../../io/messageOf.ts'

/** A file from a drop or a picker (with its path inside the picked folder), or a URL. */
export type DatasetInput = { path: string; file: File } | { url: string }

const headBytes = 64 * 1024
const imageExtension = /\.(jpe?g|png|webp|gif|bmp)$/i

function inputName(input: DatasetInput): string {
  return 'file' in input ? input.path : input.url
}

async function readHead(input: DatasetInput): Promise<Uint8Array> {
  if ('file' in input) return new Uint8Array(await input.file.slice(0, headBytes).arrayBuffer())
  const response = await fetch(input.url, { headers: { Range: `bytes=0-${headBytes - 1}` } })
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${input.url}`)
  // A server without range support sends the whole file: keep only the head.
  const reader = response.body?.getReader()
  const chunks: Uint8Array[] = []
  let length = 0
  while (reader && length < headBytes) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    length += value.length
  }
  await reader?.cancel()
  const head = new Uint8Array(Math.min(length, headBytes))
  let offset = 0
  for (const chunk of chunks) {
    const part = chunk.subarray(0, head.length - offset)
    head.set(part, offset)
    offset += part.length
  }
  return head
}

/** Decides what an input is, reading its first bytes only when the name cannot tell. */
async function classify(input: DatasetInput): Promise<SourceKind> {
  const name = inputName(input)
  const base = name.split(/[?#]/)[0]
  if (imageExtension.test(base)) return 'image'
  if (/\.parquet$/i.test(base)) return 'parquet'
  return detectSourceKind(base, await readHead(input))
}

async function openBuffer(input: DatasetInput): Promise<AsyncBuffer> {
  return 'file' in input ? fileBuffer(input.file) : openHttpBuffer(input.url)
}

async function readText(input: DatasetInput): Promise<string> {
  if ('file' in input) return input.file.text()
  const response = await fetch(input.url)
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText} for ${input.url}`)
  return response.text()
}

/** Keys an image file is findable by: its prepared-folder path and its folder-relative tail. */
function localImageKeys(path: string): string[] {
  const keys = new Set<string>()
  const prepared = /coyo_image_\d+\/\d{5}\/\d{9}\.jpg$/.exec(path)
  if (prepared) keys.add(prepared[0])
  const parts = path.split('/')
  for (let i = 0; i < parts.length - 1; i++) keys.add(parts.slice(i).join('/'))
  keys.add(parts[parts.length - 1])
  return [...keys]
}

async function identityOf(input: DatasetInput): Promise<FileIdentity> {
  if (!('file' in input)) return urlIdentity(input.url)
  const head = new Uint8Array(await input.file.slice(0, IDENTITY_HEAD_BYTES).arrayBuffer())
  return fileIdentity(input.file.name, input.file.size, head)
}

function recordFileInput(input: DatasetInput): RecordFileInput {
  return 'file' in input ? { file: input.file, name: input.path } : { url: input.url, name: input.url }
}

let nextDatasetId = 1

/**
 * Opens any mix of FineHARD files: record files get a worker each (indexing starts at once),
 * parquet shards and url2key maps feed the image catalog, image files form the prepared folder.
 * A file that fails is listed with its reason; the rest still opens.
 */
export async function openDataset(inputs: DatasetInput[], options: { label: string; imagesBaseUrl: string | null }): Promise<Dataset> {
  const catalog: ImageCatalog = { localFiles: new Map(), shards: [], keyToUrl: new Map(), imagesBaseUrl: options.imagesBaseUrl }
  const sources: SourceNote[] = []
  const files: RecordFileClient[] = []
  const scoreFiles: ScoreFile[] = []
  const images = inputs.filter((input) => 'file' in input && imageExtension.test(input.path))
  for (const input of images) {
    if (!('file' in input)) continue
    const buffer = fileBuffer(input.file)
    for (const key of localImageKeys(input.path)) catalog.localFiles.set(key, buffer)
  }
  if (images.length > 0) sources.push({ name: `${images.length} image file${images.length === 1 ? '' : 's'}`, kind: 'image', error: null })

  const others = inputs.filter((input) => !images.includes(input))
  const classified = await Promise.all(
    others.map(async (input) => {
      try {
        return { input, kind: await classify(input), error: null }
      } catch (error) {
        return { input, kind: 'unknown' as const, error: messageOf(error) }
      }
    }),
  )
  await Promise.all(
    classified.map(async (entry) => {
      const note: SourceNote = { name: inputName(entry.input), kind: entry.kind, error: entry.error }
      sources.push(note)
      if (entry.error) return
      try {
        await openByKind(entry.input, entry.kind, { catalog, scoreFiles }, note)
      } catch (error) {
        note.error = messageOf(error)
      }
    }),
  )
  // Record files keep their given order (global record index = file order), so start them in order.
  for (const entry of classified) {
    if (entry.error) continue
    const format = entry.kind === 'fgovd-jsonl' ? 'fgovd' : entry.kind === 'finehard-json' || entry.kind === 'finehard-jsonl' ? 'finehard' : null
    if (format) files.push(openRecordFile(recordFileInput(entry.input), format, await identityOf(entry.input)))
  }
  sources.sort((a, b) => a.name.localeCompare(b.name))
  return { id: `dataset-${nextDatasetId++}`, label: options.label, files, scoreFiles, catalog, sources }
}

async function openByKind(input: DatasetInput, kind: SourceKind, into: { catalog: ImageCatalog; scoreFiles: ScoreFile[] }, note: SourceNote) {
  const { catalog } = into
  const name = inputName(input)
  if (kind === 'parquet') {
    const shard = await openShard(await openBuffer(input), name)
    // Score files are parquet too; their columns tell them from image shards.
    if (missingScoreColumns(shard.columns).length === 0) {
      note.kind = 'scores'
      into.scoreFiles.push({ name, buffer: shard.buffer })
    } else catalog.shards.push(shard)
  } else if (kind === 'url2key') {
    const part = partFromName(name)
    if (part === null) throw new Error('The file name does not say which coyo_image_N part it maps')
    catalog.keyToUrl.set(part, parseUrl2Key(await readText(input)))
  } else if (kind === 'unknown') {
    note.error = 'Not recognised as a FineHARD jsonfile, FG-OVD lines, parquet shard, url2key map or image'
  }
}
