import { parseImagePath } from './imagePath.ts'
import type { Box, Defect, HardNegative, Region, SampleRecord } from './types.ts'

const RECORD_KEYS = new Set(['caption', 'short_caption', 'f_path', 'bbox_info', 'is_cn'])
const REGION_KEYS = new Set(['bbox', 'short_expr', 'long_expr', 'flag_short_neg', 'short_expr_negs'])
/** FineHARD promises exactly this many negatives when `flag_short_neg` is 1. */
const NEGATIVES_PER_FLAG = 10

type JsonObject = Record<string, unknown>

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** Names a JSON value's type the way a user reading the file would. */
export function jsonTypeName(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return 'text'
  return `a ${typeof v}`
}

/** Short, readable numbers in messages (no 0.07000000000000006). */
function fmt(n: number): string {
  return String(Number(n.toPrecision(6)))
}

function extraKeys(obj: JsonObject, known: Set<string>): Record<string, unknown> {
  const extra: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(obj)) if (!known.has(k)) extra[k] = v
  return extra
}

/**
 * Reads an optional-text field: null when absent or not text, with a defect saying which.
 * `nullCode` distinguishes the documented "null caption" defect from other nulls.
 */
function textField(obj: JsonObject, key: string, field: string, defects: Defect[], nullCode: Defect['code']): string | null {
  if (!(key in obj)) {
    defects.push({ code: 'missing-field', field, message: `${field} is missing` })
    return null
  }
  const v = obj[key]
  if (typeof v === 'string') return v
  if (v === null) defects.push({ code: nullCode, field, message: `${field} is null` })
  else defects.push({ code: 'wrong-type', field, message: `${field} is ${jsonTypeName(v)}, expected text` })
  return null
}

/**
 * Geometry checks shared by every box reader: inverted corners (FG-CLIP's trainer raises on
 * these) and any coordinate outside 0..1, with by how much.
 */
export function boxDefects(box: Box, field: string): Defect[] {
  const { x1, y1, x2, y2 } = box
  const defects: Defect[] = []
  const inverted: string[] = []
  if (x1 > x2) inverted.push(`x1 ${fmt(x1)} > x2 ${fmt(x2)}`)
  if (y1 > y2) inverted.push(`y1 ${fmt(y1)} > y2 ${fmt(y2)}`)
  if (inverted.length > 0) {
    defects.push({ code: 'inverted-box', field, message: `${field} is inverted: ${inverted.join(', ')} (drawn as given)` })
  }
  const outside: string[] = []
  for (const [name, v] of [['x1', x1], ['y1', y1], ['x2', x2], ['y2', y2]] as const) {
    if (v < 0) outside.push(`${name} = ${fmt(v)} (${fmt(-v)} below 0)`)
    else if (v > 1) outside.push(`${name} = ${fmt(v)} (${fmt(v - 1)} above 1)`)
  }
  if (outside.length > 0) {
    defects.push({ code: 'box-out-of-range', field, message: `${field} lies outside 0..1: ${outside.join(', ')}` })
  }
  return defects
}

/** Validates `bbox`, keeping any box with four numbers drawable even when it is inverted or out of range. */
function readBox(raw: unknown, field: string, defects: Defect[]): { box: Box | null; confidence: number | null } {
  const none = { box: null, confidence: null }
  if (raw === undefined) {
    defects.push({ code: 'missing-field', field, message: `${field} is missing` })
    return none
  }
  if (!Array.isArray(raw)) {
    defects.push({ code: 'bad-bbox', field, message: `${field} is ${jsonTypeName(raw)}, expected a list of 4 or 5 numbers` })
    return none
  }
  const coords = raw.slice(0, 4)
  const bad = coords.findIndex((v) => typeof v !== 'number')
  if (bad !== -1) {
    defects.push({
      code: 'bad-bbox',
      field,
      message: `${field}[${bad}] is ${jsonTypeName(coords[bad])} (${JSON.stringify(coords[bad])}), expected a number; the box cannot be drawn`,
    })
    return none
  }
  if (raw.length < 4) {
    defects.push({
      code: 'short-bbox',
      field,
      message: `${field} has ${raw.length} number${raw.length === 1 ? '' : 's'}, expected 4 (x1, y1, x2, y2); the box cannot be drawn`,
    })
    return none
  }
  const [x1, y1, x2, y2] = coords as number[]
  const box: Box = { x1, y1, x2, y2 }
  defects.push(...boxDefects(box, field))
  let confidence: number | null = null
  if (raw.length > 4) {
    if (typeof raw[4] === 'number') confidence = raw[4]
    else {
      defects.push({
        code: 'bad-bbox',
        field,
        message: `${field}[4] (detector confidence) is ${jsonTypeName(raw[4])}, expected a number`,
      })
    }
  }
  return { box, confidence }
}

/** `short_expr_negs` in file order; non-text values are shown as JSON and reported. */
function readNegatives(raw: unknown, field: string, defects: Defect[]): HardNegative[] {
  if (raw === undefined || raw === null) return []
  const entries: [string, unknown][] = isObject(raw)
    ? Object.entries(raw)
    : Array.isArray(raw)
      ? raw.map((v, i) => [String(i), v])
      : []
  if (!isObject(raw)) {
    defects.push({ code: 'wrong-type', field, message: `${field} is ${jsonTypeName(raw)}, expected an object of text` })
  }
  return entries.map(([key, v]) => {
    if (typeof v === 'string') return { key, text: v }
    defects.push({ code: 'wrong-type', field: `${field}.${key}`, message: `${field}.${key} is ${jsonTypeName(v)}, expected text` })
    return { key, text: JSON.stringify(v) ?? String(v) }
  })
}

function readRegion(raw: unknown, i: number): Region {
  const prefix = `bbox_info[${i}]`
  const defects: Defect[] = []
  if (!isObject(raw)) {
    defects.push({ code: 'not-an-object', field: prefix, message: `${prefix} is ${jsonTypeName(raw)}, not a region object` })
    return {
      index: i, box: null, rawBbox: null, confidence: null, shortExpr: null, longExpr: null,
      flagShortNeg: null, negatives: [], defects, extra: {},
    }
  }
  const { box, confidence } = readBox(raw.bbox, `${prefix}.bbox`, defects)
  const shortExpr = textField(raw, 'short_expr', `${prefix}.short_expr`, defects, 'wrong-type')
  const longExpr = textField(raw, 'long_expr', `${prefix}.long_expr`, defects, 'wrong-type')
  let flagShortNeg: number | null = null
  if (typeof raw.flag_short_neg === 'number') flagShortNeg = raw.flag_short_neg
  else if (raw.flag_short_neg !== undefined) {
    defects.push({
      code: 'wrong-type',
      field: `${prefix}.flag_short_neg`,
      message: `${prefix}.flag_short_neg is ${jsonTypeName(raw.flag_short_neg)}, expected 0 or 1`,
    })
  }
  const negField = `${prefix}.short_expr_negs`
  const negatives = readNegatives(raw.short_expr_negs, negField, defects)
  if (flagShortNeg === 1 && negatives.length < NEGATIVES_PER_FLAG) {
    const found = !('short_expr_negs' in raw)
      ? 'short_expr_negs is missing'
      : negatives.length === 0
        ? 'short_expr_negs is empty'
        : `short_expr_negs holds only ${negatives.length}`
    defects.push({
      code: 'missing-negatives',
      field: negField,
      message: `flag_short_neg is 1 but ${found} (expected ${NEGATIVES_PER_FLAG} hard negatives)`,
    })
  }
  return {
    index: i, box, rawBbox: raw.bbox, confidence, shortExpr, longExpr, flagShortNeg, negatives, defects,
    extra: extraKeys(raw, REGION_KEYS),
  }
}

/** A record with nothing readable in it, carrying why. */
export function emptyRecord(index: number, raw: unknown, defects: Defect[]): SampleRecord {
  return {
    index, format: 'finehard', caption: null, shortCaption: null, fPath: null, image: null,
    width: null, height: null, isCn: false, regions: [], defects, extra: {}, raw,
  }
}

/** Normalises and validates one parsed FineHARD record; never throws. */
export function normaliseRecord(raw: unknown, index: number): SampleRecord {
  if (!isObject(raw)) {
    return emptyRecord(index, raw, [
      { code: 'not-an-object', message: `record ${index} is ${jsonTypeName(raw)}, not an object` },
    ])
  }
  const defects: Defect[] = []
  const caption = textField(raw, 'caption', 'caption', defects, 'null-caption')
  const shortCaption = textField(raw, 'short_caption', 'short_caption', defects, 'null-caption')
  const fPath = textField(raw, 'f_path', 'f_path', defects, 'missing-field')
  let regions: Region[] = []
  if (!('bbox_info' in raw)) {
    defects.push({ code: 'missing-field', field: 'bbox_info', message: 'bbox_info is missing: the record has no regions' })
  } else if (!Array.isArray(raw.bbox_info)) {
    defects.push({
      code: raw.bbox_info === null ? 'missing-field' : 'wrong-type',
      field: 'bbox_info',
      message: `bbox_info is ${jsonTypeName(raw.bbox_info)}, expected a list of regions`,
    })
  } else {
    regions = raw.bbox_info.map(readRegion)
  }
  for (const r of regions) defects.push(...r.defects)
  return {
    index,
    format: 'finehard',
    caption,
    shortCaption,
    fPath,
    image: fPath === null ? null : parseImagePath(fPath),
    width: null,
    height: null,
    isCn: 'is_cn' in raw,
    regions,
    defects,
    extra: extraKeys(raw, RECORD_KEYS),
    raw,
  }
}

export interface RecordTextOptions {
  /** The text is the file's cut-off last record. */
  truncated?: boolean
  /** Absolute byte offset of the text in its file, for messages. */
  startByte?: number
  /** Byte length of the text in its file, for messages. */
  byteLength?: number
}

/** Parses one record's JSON text; a parse failure becomes a record carrying the text and why. */
export function recordFromText(text: string, index: number, opts: RecordTextOptions = {}): SampleRecord {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    if (opts.truncated) return emptyRecord(index, text, [truncatedDefect(opts)])
    return emptyRecord(index, text, [{ code: 'invalid-json', message: `record ${index} is not valid JSON: ${reason}` }])
  }
  const record = normaliseRecord(parsed, index)
  if (opts.truncated) record.defects.unshift(truncatedDefect(opts))
  return record
}

function truncatedDefect(opts: RecordTextOptions): Defect {
  const where =
    opts.startByte !== undefined && opts.byteLength !== undefined
      ? ` (cut off at byte ${opts.startByte + opts.byteLength}, after ${opts.byteLength} bytes of this record)`
      : ''
  return { code: 'truncated', message: `the file ends mid-record${where}; the download was probably interrupted` }
}
