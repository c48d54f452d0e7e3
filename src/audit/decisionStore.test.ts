import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openDecisionStore, type DecisionStore } from './decisionStore.ts'
import { decisionKey, type Decision } from './decisions.ts'
import type { Conflict } from './mergeDecisions.ts'
import { decision } from './testdata/decisions.ts'

const A = 'a.json|10|sha256:aaaaaaaaaaaaaaaa'
const B = 'b.json|20|sha256:bbbbbbbbbbbbbbbb'

let dbCount = 0
const opened: DecisionStore[] = []

/** A store on a database of its own, so tests never see each other's data. */
async function freshStore(): Promise<{ store: DecisionStore; name: string }> {
  const name = `audit-test-${++dbCount}`
  const store = await openDecisionStore(name)
  opened.push(store)
  return { store, name }
}

async function reopen(name: string): Promise<DecisionStore> {
  const store = await openDecisionStore(name)
  opened.push(store)
  return store
}

afterEach(() => {
  vi.restoreAllMocks()
  for (const s of opened.splice(0)) s.close()
})

const byKey = (ds: Decision[]) => [...ds].sort((a, b) => decisionKey(a).localeCompare(decisionKey(b)))

function conflictOf(kept: Decision, other: Partial<Decision>): Conflict {
  return { key: decisionKey(kept), kept, others: [{ ...kept, reviewer: 'bob', ...other }] }
}

describe('openDecisionStore', () => {
  it('keeps decisions per file, readable from a new connection once put resolves', async () => {
    const { store, name } = await freshStore()
    const a1 = decision({ file: A, record: 1 })
    const a2 = decision({ file: A, record: 2, region: null, field: 'caption', verdict: 'wrong' })
    const b1 = decision({ file: B, record: 1 })
    await store.put([a1, a2, b1])
    store.close()
    const again = await reopen(name)
    expect(byKey(await again.load([A]))).toEqual(byKey([a1, a2]))
    expect(byKey(await again.load([A, B]))).toEqual(byKey([a1, a2, b1]))
    expect(await again.load(['unknown'])).toEqual([])
    expect(await again.load([])).toEqual([])
  })

  it('replaces a decision on the same slot and removes by key', async () => {
    const { store } = await freshStore()
    const first = decision({ file: A, verdict: 'correct' })
    const other = decision({ file: A, field: 'short_expr' })
    await store.put([first, other])
    const second = { ...first, verdict: 'wrong' as const, time: '2026-12-02T00:00:00.000Z' }
    await store.put([second])
    expect(byKey(await store.load([A]))).toEqual(byKey([second, other]))
    await store.remove([decisionKey(second), 'no such key'])
    expect(await store.load([A])).toEqual([other])
    await store.put([])
    await store.remove([])
  })

  it("clears one file's decisions and conflicts, leaving other files alone", async () => {
    const { store } = await freshStore()
    const a = [decision({ file: A, record: 0 }), decision({ file: A, record: 1 }), decision({ file: A, record: 2 })]
    const b = decision({ file: B })
    await store.put([...a, b])
    await store.putConflicts([conflictOf(a[0], { verdict: 'wrong' }), conflictOf(b, { verdict: 'wrong' })])
    expect(await store.clear([A])).toBe(3)
    expect(await store.load([A])).toEqual([])
    expect(await store.load([B])).toEqual([b])
    expect(await store.loadConflicts([A])).toEqual([])
    expect(await store.loadConflicts([B])).toHaveLength(1)
    expect(await store.clear([A])).toBe(0)
  })

  it('keeps conflicts by their key and finds them by the kept decision’s file', async () => {
    const { store, name } = await freshStore()
    const ca = conflictOf(decision({ file: A, record: 4 }), { verdict: 'wrong' })
    const cb = conflictOf(decision({ file: B, record: 4 }), { newText: 'x' })
    await store.putConflicts([ca, cb])
    const updated = { ...ca, others: [...ca.others, { ...ca.kept, reviewer: 'carol', verdict: null, newText: 'y' }] }
    await store.putConflicts([updated])
    const again = await reopen(name)
    expect(await again.loadConflicts([A])).toEqual([updated])
    expect(await again.loadConflicts([A, B])).toEqual([updated, cb])
    await again.removeConflicts([ca.key])
    expect(await again.loadConflicts([A, B])).toEqual([cb])
  })

  it('stores settings as text and answers null for an unknown one', async () => {
    const { store, name } = await freshStore()
    expect(await store.getSetting('reviewer')).toBeNull()
    await store.putSetting('reviewer', 'alice')
    await store.putSetting('reviewer', 'alice b.')
    await store.putSetting('empty', '')
    const again = await reopen(name)
    expect(await again.getSetting('reviewer')).toBe('alice b.')
    expect(await again.getSetting('empty')).toBe('')
  })

  it('rejects a put whose value cannot be stored with the original error, and stores none of it', async () => {
    const { store } = await freshStore()
    const good = decision({ file: A, record: 1 })
    const bad = { ...decision({ file: A, record: 2 }), oops: () => 1 } as unknown as Decision
    await expect(store.put([good, bad])).rejects.toMatchObject({ name: 'DataCloneError' })
    expect(await store.load([A])).toEqual([])
    await expect(store.putConflicts([{ kept: good, others: [] } as unknown as Conflict])).rejects.toMatchObject({ name: 'DataError' })
    await store.put([good])
    expect(await store.load([A])).toEqual([good])
  })

  it('rejects when the transaction fails after its requests succeeded, as a failed commit does', async () => {
    const { store } = await freshStore()
    const put = IDBObjectStore.prototype.put
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args) {
      const request = put.apply(this, args)
      // Every request succeeds, then the transaction aborts before it commits (like QuotaExceededError).
      request.addEventListener('success', () => request.transaction?.abort())
      return request
    })
    await expect(store.put([decision({ file: A })])).rejects.toMatchObject({ name: 'AbortError' })
    await expect(store.putSetting('reviewer', 'x')).rejects.toMatchObject({ name: 'AbortError' })
    vi.restoreAllMocks()
    expect(await store.load([A])).toEqual([])
    expect(await store.getSetting('reviewer')).toBeNull()
  })

  it('rejects writes after it is closed', async () => {
    const { store } = await freshStore()
    store.close()
    await expect(store.put([decision({ file: A })])).rejects.toMatchObject({ name: 'InvalidStateError' })
  })
})
