import { fileNameOf } from './fileName.ts'
import { sniffImageMime } from './imageMime.ts'

export type SourceKind =
  | 'finehard-json'
  | 'finehard-jsonl'
  | 'fgovd-jsonl'
  | 'parquet'
  /** A parquet file of whole-shard scores (`npm run score`, the analysis export): known once its columns are read. */
  | 'scores'
  | 'url2key'
  | 'image'
  | 'unknown'

const PAR1 = [0x50, 0x41, 0x52, 0x31]

/**
 * What a dropped file or URL holds, decided from its first bytes (about 64 KiB) and, only where
 * content cannot tell, its name: magic numbers first, then the `url2key` name, then the shape of
 * the first JSON record.
 */
export function detectSourceKind(name: string, head: Uint8Array): SourceKind {
  if (PAR1.every((b, i) => head[i] === b)) return 'parquet'
  if (sniffImageMime(head)) return 'image'
  if (/url2key/i.test(fileNameOf(name))) return 'url2key'
  // A cut multi-byte character at the end of `head` decodes to U+FFFD, which is harmless here.
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, '').trimStart()
  if (text.startsWith('[')) {
    const inner = text.slice(1).trimStart()
    if (inner.startsWith('[') || /^\{\s*"url"\s*:/.test(inner)) return 'url2key'
    return 'finehard-json'
  }
  if (text.startsWith('{')) {
    if (/^\{\s*"https?:\/\//.test(text)) return 'url2key'
    const firstLine = text.split('\n', 1)[0]
    if (/"pos_expression"\s*:/.test(firstLine) && /"neg_expression"\s*:/.test(firstLine)) return 'fgovd-jsonl'
    return 'finehard-jsonl'
  }
  if (text.length === 0) return kindFromExtension(name)
  return 'unknown'
}

/** For empty heads only: the name is all there is to go on. */
function kindFromExtension(name: string): SourceKind {
  const ext = fileNameOf(name).toLowerCase().split('.').at(-1)
  if (ext === 'parquet') return 'parquet'
  if (ext === 'json') return 'finehard-json'
  if (ext === 'jsonl') return 'finehard-jsonl'
  if (ext === 'jpg' || ext === 'jpeg' || ext === 'png' || ext === 'webp') return 'image'
  return 'unknown'
}

/** The `coyo_image_N` part number named in a path (`coyo_image_0/00000.parquet`, `url2key_coyo_image_3.json`). */
export function partFromName(name: string): number | null {
  const matches = [...name.matchAll(/_image_(\d+)/g)]
  const last = matches.at(-1)
  return last ? Number(last[1]) : null
}

/** The five-digit shard of a shard file name (`…/00069.parquet` → `00069`). */
export function shardFromName(name: string): string | null {
  return /(?:^|[\\/])(\d{5})\.parquet$/i.exec(name)?.[1] ?? null
}
