import { negativeKeyOf, type Decision, type Verdict } from './decisions.ts'

/** What correcting a record did beyond plain edits, for the export summary. */
export interface CorrectionNotes {
  /** Indices (in the original `bbox_info`) of regions removed as wrong and not fixed. */
  droppedRegions: number[]
  /** Hard negatives removed as actually true or nonsense. */
  removedNegatives: number
  /** Regions whose `flag_short_neg` went from 1 to 0 because fewer than 10 negatives remain. */
  clearedFlags: number
  /** The captions were marked wrong but neither was corrected; the record is kept as it is. */
  unfixedCaption: boolean
  /** Fields given a new value (bbox, phrases, captions). */
  editedFields: number
}

export interface CorrectedRecord {
  record: unknown
  changed: boolean
  notes: CorrectionNotes
}

type JsonObject = Record<string, unknown>

/** FG-CLIP's loader stacks `short_expr` with all negatives when the flag is 1, so it needs exactly this many. */
const NEGATIVES_PER_FLAG = 10
/** Negatives that would teach the model a falsehood (or nothing) if kept. */
const REMOVED_NEGATIVE_VERDICTS: ReadonlySet<Verdict> = new Set<Verdict>(['actually-true', 'nonsense'])

export function emptyNotes(): CorrectionNotes {
  return { droppedRegions: [], removedNegatives: 0, clearedFlags: 0, unfixedCaption: false, editedFields: 0 }
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** The reviewer's text when it gives the field a new value; a blank or unchanged text is no fix. */
function textFix(d: Decision | undefined, current: unknown): string | null {
  const text = d?.newText
  return typeof text === 'string' && text.trim() !== '' && text !== current ? text : null
}

/**
 * The corrected bbox, or null when the text is not 4 or 5 numbers or gives back the same box.
 * Corners are put in order (the trainer raises on inverted boxes) and the detector confidence of
 * the original is kept when the new box has none.
 */
function boxFix(d: Decision | undefined, original: unknown): number[] | null {
  if (typeof d?.newText !== 'string') return null
  let v: unknown
  try {
    v = JSON.parse(d.newText)
  } catch {
    return null
  }
  if (!Array.isArray(v) || (v.length !== 4 && v.length !== 5)) return null
  if (!v.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  const [x1, y1, x2, y2, confidence] = v as number[]
  const box = [Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2)]
  if (confidence !== undefined) box.push(confidence)
  else if (Array.isArray(original) && typeof original[4] === 'number') box.push(original[4])
  return JSON.stringify(box) === JSON.stringify(original) ? null : box
}

/** One region corrected, or null when it is to be dropped; `notes` collects what was done. */
function correctRegion(region: unknown, decisions: Decision[], notes: CorrectionNotes): unknown {
  const byField = new Map(decisions.map((d) => [d.field, d]))
  const box = byField.get('bbox')
  const phrase = byField.get('short_expr')
  const fields = isObject(region) ? region : {}
  const newBox = boxFix(box, fields.bbox)
  const newPhrase = textFix(phrase, fields.short_expr)
  // A wrong box or phrase left unfixed would teach wrong grounding: the region goes.
  if ((box?.verdict === 'wrong' && !newBox) || (phrase?.verdict === 'wrong' && newPhrase === null)) return null
  if (!isObject(region)) return region

  const patch: JsonObject = {}
  if (newBox) patch.bbox = newBox
  if (newPhrase !== null) patch.short_expr = newPhrase
  const newLong = textFix(byField.get('long_expr'), region.long_expr)
  if (newLong !== null) patch.long_expr = newLong
  notes.editedFields += Object.keys(patch).length

  const negatives = region.short_expr_negs
  if (isObject(negatives)) {
    const removed = new Set(
      decisions
        .filter((d) => d.verdict !== null && REMOVED_NEGATIVE_VERDICTS.has(d.verdict))
        .map((d) => negativeKeyOf(d.field))
        .filter((key): key is string => key !== null && Object.hasOwn(negatives, key)),
    )
    if (removed.size > 0) {
      const kept = Object.fromEntries(Object.entries(negatives).filter(([key]) => !removed.has(key)))
      patch.short_expr_negs = kept
      notes.removedNegatives += removed.size
      if (region.flag_short_neg === 1 && Object.keys(kept).length < NEGATIVES_PER_FLAG) {
        patch.flag_short_neg = 0
        notes.clearedFlags++
      }
    }
  }
  // Spreading keeps the original key order, and any key this code does not know.
  return Object.keys(patch).length > 0 ? { ...region, ...patch } : region
}

/** Corrects `bbox_info`, or returns it as it is when no region changes. */
function correctRegions(regions: unknown[], decisions: Decision[], notes: CorrectionNotes): unknown[] {
  const byRegion = new Map<number, Decision[]>()
  for (const d of decisions) {
    if (d.region === null) continue
    const list = byRegion.get(d.region)
    if (list) list.push(d)
    else byRegion.set(d.region, [d])
  }
  let changed = false
  const out: unknown[] = []
  regions.forEach((region, i) => {
    const corrected = byRegion.has(i) ? correctRegion(region, byRegion.get(i) ?? [], notes) : region
    if (corrected === null) notes.droppedRegions.push(i)
    else out.push(corrected)
    if (corrected !== region) changed = true
  })
  return changed ? out : regions
}

/**
 * Applies one record's decisions to its parsed JSON without touching the input: edits set their
 * fields, unfixed wrong regions and untrue negatives are removed, a verdict alone changes nothing.
 * Notes (`note`) stay out of the record. The same object comes back when nothing applies.
 */
export function correctRecord(raw: unknown, decisions: Decision[]): CorrectedRecord {
  const notes = emptyNotes()
  if (!isObject(raw)) return { record: raw, changed: false, notes }
  const byField = new Map(decisions.filter((d) => d.region === null).map((d) => [d.field, d]))

  const patch: JsonObject = {}
  const caption = textFix(byField.get('caption'), raw.caption)
  if (caption !== null) patch.caption = caption
  const shortCaption = textFix(byField.get('short_caption'), raw.short_caption)
  if (shortCaption !== null) patch.short_caption = shortCaption
  notes.editedFields += Object.keys(patch).length
  notes.unfixedCaption = byField.get('caption')?.verdict === 'wrong' && Object.keys(patch).length === 0

  if (Array.isArray(raw.bbox_info)) {
    const regions = correctRegions(raw.bbox_info, decisions, notes)
    if (regions !== raw.bbox_info) patch.bbox_info = regions
  }
  if (Object.keys(patch).length === 0) return { record: raw, changed: false, notes }
  return { record: { ...raw, ...patch }, changed: true, notes }
}
