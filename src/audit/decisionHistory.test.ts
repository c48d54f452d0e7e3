import { describe, expect, it } from 'vitest'
import { emptyHistory, MAX_HISTORY_STEPS, recordChanges, redo, undo, type Change } from './decisionHistory.ts'
import { decisionKey, type Decision } from './decisions.ts'
import { decision } from './testdata/decisions.ts'

/** The store the UI keeps: applying a change writes its `after` (null removes the slot). */
function applyAll(store: Map<string, Decision>, changes: Change[]): void {
  for (const c of changes) {
    if (c.after) store.set(c.key, c.after)
    else store.delete(c.key)
  }
}

/** Makes a change to the store and returns it, as the UI does before recording a step. */
function change(store: Map<string, Decision>, d: Decision | null, key: string): Change {
  const c = { key, before: store.get(key) ?? null, after: d }
  applyAll(store, [c])
  return c
}

describe('decision history', () => {
  it('undoes and redoes steps, restoring the store exactly', () => {
    const store = new Map<string, Decision>()
    const box = decision({ verdict: 'correct' })
    const key = decisionKey(box)
    const phrase = decision({ field: 'short_expr', verdict: 'wrong' })
    let h = emptyHistory()
    h = recordChanges(h, [change(store, box, key)])
    const afterFirst = new Map(store)
    // One action writing two slots, the first of them twice: undo must restore the oldest value.
    h = recordChanges(h, [
      change(store, decision({ verdict: 'wrong' }), key),
      change(store, phrase, decisionKey(phrase)),
      change(store, null, key),
    ])
    const afterSecond = new Map(store)

    const u1 = undo(h)
    expect(u1).not.toBeNull()
    applyAll(store, u1!.apply)
    expect(store).toEqual(afterFirst)
    const u2 = undo(u1!.history)
    applyAll(store, u2!.apply)
    expect(store.size).toBe(0)
    expect(undo(u2!.history)).toBeNull()

    const r1 = redo(u2!.history)
    applyAll(store, r1!.apply)
    expect(store).toEqual(afterFirst)
    const r2 = redo(r1!.history)
    applyAll(store, r2!.apply)
    expect(store).toEqual(afterSecond)
    expect(redo(r2!.history)).toBeNull()
  })

  it('never changes the history it is given', () => {
    const h = recordChanges(emptyHistory(), [{ key: 'k', before: null, after: decision() }])
    const copy = structuredClone(h)
    const u = undo(h)
    redo(u!.history)
    recordChanges(h, [{ key: 'j', before: null, after: decision() }])
    expect(h).toEqual(copy)
  })

  it('forgets undone steps after a new change and ignores empty steps', () => {
    let h = recordChanges(emptyHistory(), [{ key: 'a', before: null, after: decision() }])
    h = undo(h)!.history
    expect(h.undone).toHaveLength(1)
    expect(recordChanges(h, [])).toBe(h)
    h = recordChanges(h, [{ key: 'b', before: null, after: decision() }])
    expect(h.undone).toEqual([])
    expect(redo(h)).toBeNull()
  })

  it('keeps at most the latest steps', () => {
    let h = emptyHistory()
    for (let i = 0; i < MAX_HISTORY_STEPS + 20; i++) h = recordChanges(h, [{ key: `k${i}`, before: null, after: decision() }])
    expect(h.done).toHaveLength(MAX_HISTORY_STEPS)
    expect(h.done[0][0].key).toBe('k20')
    expect(h.done.at(-1)![0].key).toBe(`k${MAX_HISTORY_STEPS + 19}`)
  })
})
