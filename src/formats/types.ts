/**
 * The normalised shapes every reader produces and every view consumes. Readers keep what they
 * do not understand (`extra`, `raw`) and report what breaks the format as `Defect`s instead of
 * throwing, so one bad record never hides the valid ones around it.
 */

export type DefectCode =
  | 'inverted-box'
  | 'box-out-of-range'
  | 'short-bbox'
  | 'bad-bbox'
  | 'missing-negatives'
  | 'null-caption'
  | 'missing-field'
  | 'truncated'
  | 'invalid-json'
  | 'not-an-object'
  /** A known field holds the wrong JSON type (e.g. a number where text is expected). */
  | 'wrong-type'

export interface Defect {
  code: DefectCode
  /** Human-readable reason, shown as is in the gallery and the sample view. */
  message: string
  /** The offending field, e.g. `caption` or `bbox_info[2].bbox`. */
  field?: string
}

/** Normalised corner coordinates, 0..1 of image width / height (FineHARD's native convention). */
export interface Box {
  x1: number
  y1: number
  x2: number
  y2: number
}

export interface HardNegative {
  /** The key in `short_expr_negs` (opaque label) or the list position for FG-OVD. */
  key: string
  text: string
}

export interface Region {
  index: number
  /** Null when the bbox cannot be drawn at all (fewer than 4 numbers, not numbers). */
  box: Box | null
  /** The bbox array exactly as found in the file. */
  rawBbox: unknown
  /** Detector confidence: the 5th bbox value for FineHARD; null when absent. */
  confidence: number | null
  shortExpr: string | null
  longExpr: string | null
  flagShortNeg: number | null
  negatives: HardNegative[]
  defects: Defect[]
  /** Keys of the region object this reader does not know, kept for the raw view. */
  extra: Record<string, unknown>
}

/** Where a record's picture may come from, parsed loosely from `f_path` or FG-OVD's `img_path`. */
export interface ImageRef {
  /** FineHARD: `coyo_image_N` part number; null for FG-OVD. */
  part: number | null
  /** FineHARD: five-digit shard folder (`00069`); null for FG-OVD. */
  shard: string | null
  /** FineHARD: nine-digit key (file name without `.jpg`); FG-OVD: the file name. */
  key: string
  /** The path as found in the record. */
  path: string
}

export type RecordFormat = 'finehard' | 'fgovd'

export interface SampleRecord {
  /** 0-based position in file order (FG-OVD: the image group's position). */
  index: number
  format: RecordFormat
  caption: string | null
  shortCaption: string | null
  fPath: string | null
  image: ImageRef | null
  /** Pixel size when the file states it (FG-OVD `width`/`height`). */
  width: number | null
  height: number | null
  isCn: boolean
  regions: Region[]
  /** Record-level defects plus every region's, so a gallery cell can mark it without looking inside. */
  defects: Defect[]
  /** Keys of the record this reader does not know (e.g. `id`, `extra_field`). */
  extra: Record<string, unknown>
  /** The record as parsed (or the raw text when it did not parse), for the raw view. */
  raw: unknown
}
