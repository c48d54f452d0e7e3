import type { RecordSpans } from '../formats/jsonRecords.ts'
import { readRecordTexts } from '../formats/jsonRecords.ts'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { correctRecord, emptyNotes, type CorrectionNotes } from './correctedRecord.ts'
import type { Decision } from './decisions.ts'

/** One record's text as it lies in its file. */
export interface RecordText {
  index: number
  text: string
  /** The record is the file's last and the file ends inside it. */
  truncated: boolean
}

export interface CorrectedFileSummary {
  /** Records written. */
  records: number
  /** Records written with corrections. */
  changedRecords: number
  /** Records left out because their text is not a whole JSON value. */
  omittedRecords: { index: number; reason: string }[]
  /** Every written record's notes, added up: `droppedRegions` holds one entry per dropped region. */
  notes: CorrectionNotes
}

/** Characters gathered before a write, so a multi-GB export is many moderate chunks. */
const CHUNK_CHARS = 1 << 20

/** The texts of every record in file order, read `batch` records per slice. */
export async function* recordTexts(buffer: AsyncBuffer, index: RecordSpans, batch = 256): AsyncGenerator<RecordText> {
  for (let from = 0; from < index.count; from += batch) {
    const to = Math.min(index.count, from + batch)
    const texts = await readRecordTexts(buffer, index, from, to)
    for (let k = 0; k < texts.length; k++) {
      const i = from + k
      yield { index: i, text: texts[k], truncated: index.truncated && i === index.count - 1 }
    }
  }
}

function addNotes(sum: CorrectionNotes, n: CorrectionNotes): void {
  sum.droppedRegions.push(...n.droppedRegions)
  sum.removedNegatives += n.removedNegatives
  sum.clearedFlags += n.clearedFlags
  sum.unfixedCaption ||= n.unfixedCaption
  sum.editedFields += n.editedFields
}

/** The record's parsed value, or why it cannot go into the output. */
function parse(t: RecordText): { value: unknown } | { reason: string } {
  if (t.truncated) return { reason: 'the file ends inside this record (the download was probably interrupted)' }
  try {
    return { value: JSON.parse(t.text) }
  } catch (err) {
    return { reason: `not valid JSON: ${err instanceof Error ? err.message : String(err)}` }
  }
}

/**
 * Writes a corrected FineHARD jsonfile (one JSON array). A record without changes is copied as
 * its original text, so the output differs from the input only where reviewers edited; a record
 * that does not parse is left out and listed, so the output is always valid JSON.
 */
export async function writeCorrectedFile(
  texts: AsyncIterable<RecordText>,
  decisionsByRecord: Map<number, Decision[]>,
  write: (chunk: string) => void | Promise<void>,
): Promise<CorrectedFileSummary> {
  const summary: CorrectedFileSummary = { records: 0, changedRecords: 0, omittedRecords: [], notes: emptyNotes() }
  let pending: string[] = ['[\n']
  let pendingChars = 2
  const flush = async (): Promise<void> => {
    const chunk = pending.join('')
    pending = []
    pendingChars = 0
    await write(chunk)
  }

  for await (const t of texts) {
    const parsed = parse(t)
    if ('reason' in parsed) {
      summary.omittedRecords.push({ index: t.index, reason: parsed.reason })
      continue
    }
    const decisions = decisionsByRecord.get(t.index)
    const corrected = decisions && decisions.length > 0 ? correctRecord(parsed.value, decisions) : null
    const out = corrected?.changed ? JSON.stringify(corrected.record) : t.text.trim()
    if (corrected) addNotes(summary.notes, corrected.notes)
    if (corrected?.changed) summary.changedRecords++
    if (summary.records > 0) pending.push(',\n')
    pending.push(out)
    pendingChars += out.length + 2
    summary.records++
    if (pendingChars >= CHUNK_CHARS) await flush()
  }
  pending.push('\n]\n')
  await flush()
  return summary
}
