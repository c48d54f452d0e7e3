import { compareDecisions, compareSlots } from './decisionOrder.ts'
import { decisionKey, type Decision } from './decisions.ts'

/** Reviewers disagree about one slot: the value the store keeps, and each differing reviewer's value. */
export interface Conflict {
  key: string
  kept: Decision
  /** One per reviewer whose value differs from `kept`'s, in reviewer order. */
  others: Decision[]
}

export interface MergeResult {
  /** Decisions to write into the store: new slots, or slots whose kept value changes. */
  changed: Decision[]
  conflicts: Conflict[]
  /** Incoming slots that need no write and hold no conflict. */
  unchanged: number
}

/** An edit that gives back the file's value is no edit, so it compares equal to none. */
function valueOf(d: Decision): string {
  return JSON.stringify([d.verdict, d.newText === d.oldText ? null : d.newText])
}

const sameValue = (a: Decision, b: Decision): boolean => valueOf(a) === valueOf(b)

/** Unparseable times sort first, so a malformed line never beats a real decision. */
function timeOf(d: Decision): number {
  const t = Date.parse(d.time)
  return Number.isNaN(t) ? -Infinity : t
}

/** True when `b` is strictly later than `a`, so on equal times the one seen first stays. */
const isLater = (a: Decision, b: Decision): boolean => timeOf(b) > timeOf(a)

/** Each reviewer's latest decision on one slot; the local decision is listed first so a tie keeps it. */
function latestPerReviewer(decisions: Decision[]): Map<string, Decision> {
  const latest = new Map<string, Decision>()
  for (const d of decisions) {
    const seen = latest.get(d.reviewer)
    if (!seen || isLater(seen, d)) latest.set(d.reviewer, d)
  }
  return latest
}

function groupByKey(decisions: Decision[]): Map<string, Decision[]> {
  const groups = new Map<string, Decision[]>()
  for (const d of decisions) {
    const key = decisionKey(d)
    const group = groups.get(key)
    if (group) group.push(d)
    else groups.set(key, [d])
  }
  return groups
}

/**
 * Merges imported decisions into the local ones, slot by slot: one reviewer's later decision
 * replaces their earlier one; different reviewers who disagree make a conflict, in which the
 * local decision (or, for a slot new here, the latest imported one) is kept.
 */
export function mergeDecisions(current: Decision[], incoming: Decision[]): MergeResult {
  const local = new Map<string, Decision>()
  for (const d of current) {
    const key = decisionKey(d)
    const seen = local.get(key)
    if (!seen || isLater(seen, d)) local.set(key, d)
  }
  const changed: Decision[] = []
  const conflicts: Conflict[] = []
  let unchanged = 0
  for (const [key, group] of groupByKey(incoming)) {
    const mine = local.get(key)
    const latest = latestPerReviewer(mine ? [mine, ...group] : group)
    const reviewers = [...latest.values()].sort(compareDecisions)
    const kept = mine
      ? (latest.get(mine.reviewer) ?? mine)
      : reviewers.reduce((a, b) => (isLater(a, b) ? b : a))
    const others = reviewers.filter((d) => !sameValue(d, kept))
    const writes = !mine || !sameValue(mine, kept)
    if (writes) changed.push(kept)
    if (others.length > 0) conflicts.push({ key, kept, others })
    if (!writes && others.length === 0) unchanged++
  }
  changed.sort(compareSlots)
  conflicts.sort((a, b) => compareSlots(a.kept, b.kept))
  return { changed, conflicts, unchanged }
}
