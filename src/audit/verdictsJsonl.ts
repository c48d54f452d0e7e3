import { compareDecisions } from './decisionOrder.ts'
import { isEmptyDecision, negativeKeyOf, type Decision, type DecisionField, type Verdict } from './decisions.ts'

// A Record over the union makes the compiler insist that every Verdict is listed.
const VERDICT_SET: Record<Verdict, true> = {
  correct: true,
  wrong: true,
  'true-negative': true,
  'actually-true': true,
  nonsense: true,
}
const VERDICTS = Object.keys(VERDICT_SET) as Verdict[]

/** Fields that belong to one region; the others belong to the record and carry no region. */
const REGION_FIELDS = new Set(['bbox', 'short_expr', 'long_expr'])
const RECORD_FIELDS = new Set(['caption', 'short_caption', 'note'])

/** One exported line: the Decision with snake_case keys, in the order written. */
interface VerdictLine {
  file: string
  record: number
  f_path: string | null
  region: number | null
  field: DecisionField
  verdict: Verdict | null
  old_text: string | null
  new_text: string | null
  reviewer: string
  time: string
}

function toLine(d: Decision): VerdictLine {
  return {
    file: d.file,
    record: d.record,
    f_path: d.fPath,
    region: d.region,
    field: d.field,
    verdict: d.verdict,
    old_text: d.oldText,
    new_text: d.newText,
    reviewer: d.reviewer,
    time: d.time,
  }
}

/** JSON Lines, one decision a line, sorted by slot so two exports of the same work diff cleanly. */
export function decisionsToJsonl(decisions: Decision[]): string {
  return [...decisions]
    .sort(compareDecisions)
    .map((d) => JSON.stringify(toLine(d)) + '\n')
    .join('')
}

function isVerdict(v: unknown): v is Verdict {
  return typeof v === 'string' && Object.hasOwn(VERDICT_SET, v)
}

function isRegionField(field: string): boolean {
  return REGION_FIELDS.has(field) || negativeKeyOf(field as DecisionField) !== null
}

function isDecisionField(v: unknown): v is DecisionField {
  return typeof v === 'string' && (RECORD_FIELDS.has(v) || isRegionField(v))
}

function isIndex(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
}

const isTextOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string'

/** Quotes a value from the file for a message, cut short so one huge value cannot flood the list. */
function show(v: unknown): string {
  const text = v === undefined ? 'missing' : (JSON.stringify(v) ?? String(v))
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/** Builds a Decision from one parsed line, or says what is wrong with it. */
function lineToDecision(v: unknown): Decision | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'is not a JSON object'
  const o = v as Record<string, unknown>
  if (typeof o.file !== 'string' || o.file === '') return `file ${show(o.file)} is not a non-empty text`
  if (!isIndex(o.record)) return `record ${show(o.record)} is not a non-negative integer`
  if (!isDecisionField(o.field)) return `field ${show(o.field)} is not a known field`
  if (!(o.region === null || isIndex(o.region))) return `region ${show(o.region)} is not a non-negative integer or null`
  // A region field without a region (or the reverse) would name a slot the app never shows.
  if (isRegionField(o.field) !== (o.region !== null)) {
    return isRegionField(o.field) ? `field "${o.field}" needs a region` : `field "${o.field}" takes region null`
  }
  if (!(o.verdict === null || isVerdict(o.verdict))) {
    return `verdict ${show(o.verdict)} is not one of ${VERDICTS.join(', ')} or null`
  }
  for (const key of ['f_path', 'old_text', 'new_text'] as const) {
    if (!isTextOrNull(o[key])) return `${key} ${show(o[key])} is not text or null`
  }
  if (typeof o.reviewer !== 'string') return `reviewer ${show(o.reviewer)} is not text`
  if (typeof o.time !== 'string') return `time ${show(o.time)} is not text`
  const decision: Decision = {
    file: o.file,
    record: o.record,
    fPath: o.f_path as string | null,
    region: o.region,
    field: o.field,
    verdict: o.verdict,
    oldText: o.old_text as string | null,
    newText: o.new_text as string | null,
    reviewer: o.reviewer,
    time: o.time,
  }
  return isEmptyDecision(decision) ? 'holds neither a verdict nor an edit' : decision
}

/**
 * Reads an exported verdicts file from anyone: each bad line becomes an error naming its line
 * number, and every good line still imports.
 */
export function parseVerdictsJsonl(text: string, sourceName: string): { decisions: Decision[]; errors: string[] } {
  const decisions: Decision[] = []
  const errors: string[] = []
  // An editor may have saved the file with a byte-order mark, which JSON.parse rejects.
  text.replace(/^\uFEFF/, '').split('\n').forEach((raw, i) => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw
    if (line.trim() === '') return
    let parsed: unknown
    try {
      parsed = JSON.parse(line)
    } catch (err) {
      errors.push(`${sourceName} line ${i + 1}: not valid JSON (${err instanceof Error ? err.message : String(err)})`)
      return
    }
    const result = lineToDecision(parsed)
    if (typeof result === 'string') errors.push(`${sourceName} line ${i + 1}: ${result}`)
    else decisions.push(result)
  })
  return { decisions, errors }
}
