import { decisionKey, negativeKeyOf, type Decision, type DecisionField, type FileIdentity, type Verdict } from './decisions.ts'

export type VerdictCount =
  | 'boxCorrect'
  | 'boxWrong'
  | 'phraseCorrect'
  | 'phraseWrong'
  | 'trueNegative'
  | 'actuallyTrue'
  | 'nonsense'
  | 'captionCorrect'
  | 'captionWrong'

export interface ReviewCounts {
  /** Regions with both a box and a phrase verdict. */
  regions: number
  /** Hard negatives with a verdict. */
  negatives: number
  verdicts: Record<VerdictCount, number>
  /** Notes with text. */
  notes: number
  /** Fields given a new value (notes aside). */
  edits: number
}

/** Which counter a verdict on a field adds to; combinations the UI does not offer count nowhere. */
function counterOf(field: DecisionField, verdict: Verdict): VerdictCount | null {
  if (negativeKeyOf(field) !== null) {
    if (verdict === 'true-negative') return 'trueNegative'
    if (verdict === 'actually-true') return 'actuallyTrue'
    return verdict === 'nonsense' ? 'nonsense' : null
  }
  const prefix = field === 'bbox' ? 'box' : field === 'short_expr' ? 'phrase' : field === 'caption' ? 'caption' : null
  if (prefix === null || (verdict !== 'correct' && verdict !== 'wrong')) return null
  return `${prefix}${verdict === 'correct' ? 'Correct' : 'Wrong'}`
}

function emptyCounts(): ReviewCounts {
  return {
    regions: 0,
    negatives: 0,
    verdicts: {
      boxCorrect: 0, boxWrong: 0, phraseCorrect: 0, phraseWrong: 0,
      trueNegative: 0, actuallyTrue: 0, nonsense: 0, captionCorrect: 0, captionWrong: 0,
    },
    notes: 0,
    edits: 0,
  }
}

/** Tallies one set of decisions (one slot each) for the progress bar and the export summary. */
export function countReview(decisions: Iterable<Decision>): ReviewCounts {
  const counts = emptyCounts()
  // Region slots that have a box verdict / a phrase verdict; a region is reviewed when in both.
  const boxed = new Set<string>()
  const phrased = new Set<string>()
  for (const d of decisions) {
    if (d.field === 'note') {
      if (d.newText !== null && d.newText.trim() !== '') counts.notes++
      continue
    }
    if (d.newText !== null && d.newText !== d.oldText) counts.edits++
    if (d.verdict === null) continue
    const counter = counterOf(d.field, d.verdict)
    if (counter !== null) counts.verdicts[counter]++
    if (negativeKeyOf(d.field) !== null) counts.negatives++
    const region = decisionKey({ ...d, field: 'bbox' })
    if (d.field === 'bbox') boxed.add(region)
    else if (d.field === 'short_expr') phrased.add(region)
  }
  for (const region of boxed) if (phrased.has(region)) counts.regions++
  return counts
}

/** Whether one region has both of its verdicts, looked up in the store's map by decision key. */
export function isRegionReviewed(decisions: Map<string, Decision>, file: FileIdentity, record: number, region: number): boolean {
  const verdictOf = (field: DecisionField) => decisions.get(decisionKey({ file, record, region, field }))?.verdict ?? null
  return verdictOf('bbox') !== null && verdictOf('short_expr') !== null
}
