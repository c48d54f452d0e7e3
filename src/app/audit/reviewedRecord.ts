import { negativeField, type Decision, type DecisionField, type Verdict } from '../../audit/decisions.ts'
import { boxDefects } from '../../formats/finehardRecord.ts'
import type { Box, Region, SampleRecord } from '../../formats/types.ts'

export type DecisionLookup = (region: number | null, field: DecisionField) => Decision | undefined

/** The corrected bbox of a `bbox` decision: its numbers, or null when the text is not a box. */
function parseBoxText(text: string | null | undefined): number[] | null {
  if (!text) return null
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) && value.length >= 4 && value.every((v) => typeof v === 'number' && Number.isFinite(v)) ? value : null
  } catch {
    return null
  }
}

/** A box as FineHARD writes it, keeping the detector confidence as the 5th value. */
export function boxText(box: Box, confidence: number | null): string {
  const round = (v: number) => Number(v.toFixed(4))
  const values = [round(box.x1), round(box.y1), round(box.x2), round(box.y2)]
  return JSON.stringify(confidence === null ? values : [...values, confidence])
}

function correctedRegion(region: Region, lookup: DecisionLookup): Region {
  const bbox = parseBoxText(lookup(region.index, 'bbox')?.newText)
  const shortExpr = lookup(region.index, 'short_expr')?.newText ?? null
  const longExpr = lookup(region.index, 'long_expr')?.newText ?? null
  if (!bbox && shortExpr === null && longExpr === null) return region
  const next: Region = { ...region }
  if (bbox) {
    const field = `bbox_info[${region.index}].bbox`
    const box = { x1: bbox[0], y1: bbox[1], x2: bbox[2], y2: bbox[3] }
    next.box = box
    next.rawBbox = bbox
    next.defects = [...region.defects.filter((d) => d.field !== field), ...boxDefects(box, field)]
  }
  if (shortExpr !== null) next.shortExpr = shortExpr
  if (longExpr !== null) next.longExpr = longExpr
  return next
}

/** The record as the reviewers left it: corrected boxes and phrases shown (and scored) in place of the file's. */
export function reviewedRecord(record: SampleRecord, lookup: DecisionLookup): SampleRecord {
  const regions = record.regions.map((region) => correctedRegion(region, lookup))
  return regions.every((r, i) => r === record.regions[i]) ? record : { ...record, regions }
}

export interface RegionReviewState {
  box: Verdict | null
  phrase: Verdict | null
  negatives: Map<string, Verdict>
  /** Both the box and the phrase have a verdict. */
  reviewed: boolean
  unreviewedNegatives: number
}

export function regionReviewState(region: Region, lookup: DecisionLookup): RegionReviewState {
  const negatives = new Map<string, Verdict>()
  for (const negative of region.negatives) {
    const verdict = lookup(region.index, negativeField(negative.key))?.verdict
    if (verdict) negatives.set(negative.key, verdict)
  }
  const box = lookup(region.index, 'bbox')?.verdict ?? null
  const phrase = lookup(region.index, 'short_expr')?.verdict ?? null
  return { box, phrase, negatives, reviewed: box !== null && phrase !== null, unreviewedNegatives: region.negatives.length - negatives.size }
}

/** A region is done when its box, phrase and every negative have a verdict. */
export function isRegionDone(region: Region, lookup: DecisionLookup): boolean {
  const state = regionReviewState(region, lookup)
  return state.reviewed && state.unreviewedNegatives === 0
}
