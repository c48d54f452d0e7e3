import type { Decision } from './decisions.ts'

/** One slot's change: `before`/`after` null mean the slot had / gets no decision. */
export interface Change {
  key: string
  before: Decision | null
  after: Decision | null
}

/** Steps of changes, oldest first; each step is what one user action wrote. */
export interface History {
  done: Change[][]
  undone: Change[][]
}

/** Older steps are forgotten past this, so a long session's history stays small. */
export const MAX_HISTORY_STEPS = 500

export function emptyHistory(): History {
  return { done: [], undone: [] }
}

/** Adds one step; a new action makes the undone steps unreachable, so they are dropped. */
export function recordChanges(h: History, changes: Change[]): History {
  if (changes.length === 0) return h
  const done = [...h.done, changes]
  return { done: done.length > MAX_HISTORY_STEPS ? done.slice(done.length - MAX_HISTORY_STEPS) : done, undone: [] }
}

const invert = (c: Change): Change => ({ key: c.key, before: c.after, after: c.before })

/** Takes back the latest step: `apply` restores each slot, last change first. */
export function undo(h: History): { history: History; apply: Change[] } | null {
  const step = h.done.at(-1)
  if (!step) return null
  return {
    history: { done: h.done.slice(0, -1), undone: [...h.undone, step] },
    apply: step.map(invert).reverse(),
  }
}

/** Makes the latest undone step again: `apply` is that step as first made. */
export function redo(h: History): { history: History; apply: Change[] } | null {
  const step = h.undone.at(-1)
  if (!step) return null
  return {
    history: { done: [...h.done, step], undone: h.undone.slice(0, -1) },
    apply: step,
  }
}
