/**
 * A reviewer's decisions about one record file. A decision is the current state of one field of
 * one record (or of one region of it): its verdict and, where the reviewer fixed it, the new value.
 * One decision per (file, record, region, field); a later decision on the same field replaces it.
 */

/** How a record file is recognised when it is opened again: name, size and a hash of its first MiB, or its URL. */
export type FileIdentity = string

/**
 * `bbox` (region): box correct / wrong, with the corrected box as JSON text in `newText`.
 * `short_expr` (region): the phrase verdict, with the corrected phrase. `long_expr` (region): an edit only.
 * `short_expr_negs.<key>` (region): a hard negative's verdict.
 * `caption` (record): the captions' verdict, with the corrected long caption. `short_caption`: an edit only.
 * `note` (record): free text in `newText`.
 */
export type DecisionField = 'bbox' | 'short_expr' | 'long_expr' | 'caption' | 'short_caption' | 'note' | `short_expr_negs.${string}`

export type Verdict =
  | 'correct'
  | 'wrong'
  /** A hard negative that is really false of the region. */
  | 'true-negative'
  /** A "negative" that is in fact true of the region: the most harmful error for training. */
  | 'actually-true'
  /** A negative that is nonsense or ungrammatical. */
  | 'nonsense'

export interface Decision {
  file: FileIdentity
  /** 0-based record index within its file. */
  record: number
  /** The record's `f_path`, so a decision stays readable (and checkable) outside the app. */
  fPath: string | null
  /** Region index in `bbox_info`; null for record-level fields. */
  region: number | null
  field: DecisionField
  /** Null for a pure edit or a note. */
  verdict: Verdict | null
  /** The value in the file (for `bbox`, the bbox array as JSON). */
  oldText: string | null
  /** The reviewer's corrected value; null when the value is unchanged. */
  newText: string | null
  reviewer: string
  /** ISO 8601, when the decision was last changed. */
  time: string
}

/** The identity of a decision's slot: a later decision with the same key replaces the earlier. */
export function decisionKey(d: Pick<Decision, 'file' | 'record' | 'region' | 'field'>): string {
  return `${d.file}\u0000${d.record}\u0000${d.region ?? ''}\u0000${d.field}`
}

/** A decision that holds nothing (verdict cleared, text back to the original) is removed, not kept. */
export function isEmptyDecision(d: Decision): boolean {
  return d.verdict === null && (d.newText === null || d.newText === d.oldText)
}

export function negativeField(key: string): DecisionField {
  return `short_expr_negs.${key}`
}

/** The negative's key of a `short_expr_negs.<key>` field, or null for any other field. */
export function negativeKeyOf(field: DecisionField): string | null {
  return field.startsWith('short_expr_negs.') ? field.slice('short_expr_negs.'.length) : null
}
