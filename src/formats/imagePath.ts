import type { ImageRef } from './types.ts'

// `<9 digits>.jpg` at the end: FineHARD's image key (5-digit shard + 4-digit row).
const KEY_FILE = /^(\d{9})\.jpe?g$/i
// A folder ending in `_image_<N>`; loose on the prefix because typos like `coàyo_image_15` occur.
const PART_FOLDER = /_image_(\d+)$/

/**
 * Parses an `f_path` (or FG-OVD `img_path`) loosely. FineHARD paths come in two forms
 * (`grit-20m/data-12m/coyo_image_0/00069/000699825.jpg`, `data/down-grit-12m/coyo_image_0/00069/00000/000699825.jpg`);
 * only the trailing key and the last `…_image_N` folder matter. Anything else keeps its basename as key.
 */
export function parseImagePath(path: string): ImageRef | null {
  const segments = path.trim().split(/[\\/]+/).filter((s) => s.length > 0)
  const file = segments.at(-1)
  if (!file) return null
  const keyMatch = KEY_FILE.exec(file)
  if (!keyMatch) {
    const dot = file.lastIndexOf('.')
    return { part: null, shard: null, key: dot > 0 ? file.slice(0, dot) : file, path }
  }
  const key = keyMatch[1]
  let part: number | null = null
  for (let i = segments.length - 2; i >= 0 && part === null; i--) {
    const m = PART_FOLDER.exec(segments[i])
    if (m) part = Number(m[1])
  }
  return { part, shard: key.slice(0, 5), key, path }
}

/**
 * Where the picture sits below a prepared `grit-12m` folder (`coyo_image_N/SSSSS/<key>.jpg`).
 * Paths without a part number (FG-OVD's `val2017/…jpg`) are used as given, relative to the folder.
 */
export function preparedImagePath(ref: ImageRef): string {
  if (ref.part === null || ref.shard === null) return ref.path
  return `coyo_image_${ref.part}/${ref.shard}/${ref.key}.jpg`
}
