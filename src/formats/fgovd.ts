import { boxDefects, emptyRecord, jsonTypeName } from './finehardRecord.ts'
import { parseImagePath } from './imagePath.ts'
import type { Box, Defect, Region, SampleRecord } from './types.ts'

/** One JSONL line as the caller read it: `value` is undefined when the text did not parse. */
export interface FgovdLine {
  value: unknown
  text: string
  /** 1-based line number in the file, for messages. */
  line: number
}

type JsonObject = Record<string, unknown>

const REGION_KEYS = new Set(['bbox', 'pos_expression', 'neg_expression', 'img_path', 'width', 'height'])

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** An FG-OVD benchmark line: one region with its positive and negative expressions. */
export function looksLikeFgovd(value: unknown): boolean {
  return isObject(value) && 'pos_expression' in value && 'neg_expression' in value && 'img_path' in value
}

function positiveNumber(v: unknown): number | null {
  return typeof v === 'number' && v > 0 ? v : null
}

/** COCO pixel [x, y, w, h] → normalised corners; FG-OVD states its convention, so convert explicitly. */
function readCocoBox(raw: unknown, width: number | null, height: number | null, field: string, defects: Defect[]): Box | null {
  if (!Array.isArray(raw) || raw.length < 4 || raw.slice(0, 4).some((v) => typeof v !== 'number')) {
    defects.push({ code: 'bad-bbox', field, message: `${field} is ${JSON.stringify(raw) ?? 'missing'}, expected COCO [x, y, w, h] in pixels` })
    return null
  }
  if (width === null || height === null) {
    defects.push({
      code: 'missing-field',
      field,
      message: `${field} is in pixels but the line has no usable width/height, so it cannot be placed on the image`,
    })
    return null
  }
  const [x, y, w, h] = raw as number[]
  const box = { x1: x / width, y1: y / height, x2: (x + w) / width, y2: (y + h) / height }
  defects.push(...boxDefects(box, field))
  return box
}

function readRegion(obj: JsonObject, index: number, line: number, width: number | null, height: number | null): Region {
  const prefix = `line ${line}`
  const defects: Defect[] = []
  const box = readCocoBox(obj.bbox, width, height, `${prefix}.bbox`, defects)
  const pos = obj.pos_expression
  const shortExpr = Array.isArray(pos) && typeof pos[0] === 'string' ? pos[0] : typeof pos === 'string' ? pos : null
  if (shortExpr === null) {
    defects.push({ code: 'wrong-type', field: `${prefix}.pos_expression`, message: `${prefix}.pos_expression is ${jsonTypeName(pos)}, expected a list of one text` })
  }
  const neg = obj.neg_expression
  const negatives = Array.isArray(neg) ? neg.map((v, i) => ({ key: String(i), text: typeof v === 'string' ? v : JSON.stringify(v) })) : []
  if (!Array.isArray(neg)) {
    defects.push({ code: 'wrong-type', field: `${prefix}.neg_expression`, message: `${prefix}.neg_expression is ${jsonTypeName(neg)}, expected a list of text` })
  }
  return {
    index, box, rawBbox: obj.bbox, confidence: null, shortExpr, longExpr: null, flagShortNeg: null,
    negatives, defects, extra: Object.fromEntries(Object.entries(obj).filter(([k]) => !REGION_KEYS.has(k))),
  }
}

/** A line that is not an FG-OVD region becomes its own record carrying why. */
function badLineRecord(l: FgovdLine, index: number): SampleRecord {
  let defect: Defect
  if (l.value === undefined) {
    let reason = 'it does not parse'
    try {
      JSON.parse(l.text)
    } catch (err) {
      reason = err instanceof Error ? err.message : String(err)
    }
    defect = { code: 'invalid-json', message: `line ${l.line} is not valid JSON: ${reason}` }
  } else if (!isObject(l.value)) {
    defect = { code: 'not-an-object', message: `line ${l.line} is ${jsonTypeName(l.value)}, not an object` }
  } else {
    defect = { code: 'missing-field', message: `line ${l.line} is not an FG-OVD region (needs img_path, pos_expression, neg_expression)` }
  }
  return { ...emptyRecord(index, l.value ?? l.text, [defect]), format: 'fgovd' }
}

/**
 * Groups FG-OVD lines (one region each) into one record per image, in order of first
 * appearance, so they open in the same views as FineHARD records.
 */
export function groupFgovd(lines: FgovdLine[]): SampleRecord[] {
  const records: SampleRecord[] = []
  const byPath = new Map<string, { record: SampleRecord; raw: unknown[] }>()
  for (const l of lines) {
    if (!looksLikeFgovd(l.value) || typeof (l.value as JsonObject).img_path !== 'string') {
      records.push(badLineRecord(l, records.length))
      continue
    }
    const obj = l.value as JsonObject
    const path = obj.img_path as string
    let group = byPath.get(path)
    if (!group) {
      const raw: unknown[] = []
      const record: SampleRecord = {
        index: records.length, format: 'fgovd', caption: null, shortCaption: null, fPath: path,
        image: parseImagePath(path), width: positiveNumber(obj.width), height: positiveNumber(obj.height),
        isCn: false, regions: [], defects: [], extra: {}, raw,
      }
      group = { record, raw }
      byPath.set(path, group)
      records.push(record)
    }
    const { record, raw } = group
    // Each line states its own size; use it for its own box rather than trusting the first line's.
    const region = readRegion(obj, record.regions.length, l.line, positiveNumber(obj.width), positiveNumber(obj.height))
    record.regions.push(region)
    record.defects.push(...region.defects)
    raw.push(obj)
  }
  return records
}
