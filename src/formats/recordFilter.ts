import type { SampleRecord } from './types.ts'

export interface RecordFilter {
  /** Case-insensitive substring over captions, region expressions and negatives. */
  text: string
  hasNegatives: boolean
  minBoxes: number | null
  maxBoxes: number | null
  /** Some region's confidence lies within [min, max]. */
  minConfidence: number | null
  maxConfidence: number | null
  /** Only records with at least one defect. */
  invalidOnly: boolean
}

export const emptyFilter: RecordFilter = {
  text: '',
  hasNegatives: false,
  minBoxes: null,
  maxBoxes: null,
  minConfidence: null,
  maxConfidence: null,
  invalidOnly: false,
}

export function isEmptyFilter(f: RecordFilter): boolean {
  return (
    f.text.trim() === '' &&
    !f.hasNegatives &&
    f.minBoxes === null &&
    f.maxBoxes === null &&
    f.minConfidence === null &&
    f.maxConfidence === null &&
    !f.invalidOnly
  )
}

function textMatches(r: SampleRecord, needle: string): boolean {
  const has = (s: string | null): boolean => s !== null && s.toLowerCase().includes(needle)
  if (has(r.caption) || has(r.shortCaption)) return true
  return r.regions.some((g) => has(g.shortExpr) || has(g.longExpr) || g.negatives.some((n) => has(n.text)))
}

export function matchesFilter(r: SampleRecord, f: RecordFilter): boolean {
  if (f.invalidOnly && r.defects.length === 0) return false
  if (f.hasNegatives && !r.regions.some((g) => g.negatives.length > 0)) return false
  // Boxes count regions, drawable or not: a defective region is still an annotation.
  if (f.minBoxes !== null && r.regions.length < f.minBoxes) return false
  if (f.maxBoxes !== null && r.regions.length > f.maxBoxes) return false
  if (f.minConfidence !== null || f.maxConfidence !== null) {
    const lo = f.minConfidence ?? -Infinity
    const hi = f.maxConfidence ?? Infinity
    if (!r.regions.some((g) => g.confidence !== null && g.confidence >= lo && g.confidence <= hi)) return false
  }
  const needle = f.text.trim().toLowerCase()
  return needle === '' || textMatches(r, needle)
}
