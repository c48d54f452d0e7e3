import type { Decision } from './decisions.ts'

type Slot = Pick<Decision, 'file' | 'record' | 'region' | 'field'>

/** Plain code-unit order, so the same decisions sort the same in every browser and locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** File, record, region (record-level fields first), field: the order of exports and merge results. */
export function compareSlots(a: Slot, b: Slot): number {
  return (
    compareText(a.file, b.file) ||
    a.record - b.record ||
    (a.region ?? -1) - (b.region ?? -1) ||
    compareText(a.field, b.field)
  )
}

/** Slot order, then reviewer and time, so several reviewers' decisions on one slot sort the same every time. */
export function compareDecisions(a: Decision, b: Decision): number {
  return compareSlots(a, b) || compareText(a.reviewer, b.reviewer) || compareText(a.time, b.time)
}
