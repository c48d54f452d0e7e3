import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb'
import { decisionKey, type Decision, type FileIdentity } from './decisions.ts'
import type { Conflict } from './mergeDecisions.ts'

/** The reviewer's decisions and conflicts, kept in the browser so no verdict is lost on reload. */
export interface DecisionStore {
  load(files: FileIdentity[]): Promise<Decision[]>
  put(decisions: Decision[]): Promise<void>
  remove(keys: string[]): Promise<void>
  /** Forgets the files' decisions and conflicts; resolves to the number of decisions removed. */
  clear(files: FileIdentity[]): Promise<number>
  loadConflicts(files: FileIdentity[]): Promise<Conflict[]>
  putConflicts(conflicts: Conflict[]): Promise<void>
  removeConflicts(keys: string[]): Promise<void>
  getSetting(name: string): Promise<string | null>
  putSetting(name: string, value: string): Promise<void>
  close(): void
}

interface AuditSchema extends DBSchema {
  decisions: { key: string; value: Decision; indexes: { file: FileIdentity } }
  conflicts: { key: string; value: Conflict; indexes: { file: FileIdentity } }
  settings: { key: string; value: string }
}

type StoreName = StoreNames<AuditSchema>
type WriteTx<Names extends StoreName[]> = IDBPTransaction<AuditSchema, Names, 'readwrite'>

const VERSION = 1

/**
 * Issues one request per item. If one throws at once (a value that cannot be cloned), the
 * requests already issued will fail with the abort; they are marked handled so only the
 * original error surfaces.
 */
function issueAll<T>(items: T[], request: (item: T) => Promise<unknown>): Promise<unknown> {
  const pending: Promise<unknown>[] = []
  try {
    for (const item of items) pending.push(request(item))
  } catch (err) {
    for (const p of pending) p.catch(() => {})
    return Promise.reject(err)
  }
  return Promise.all(pending)
}

/**
 * Runs `body` in one strict read-write transaction and resolves once the transaction has
 * committed, so a resolved write is on disk. Any failure rolls the whole transaction back and
 * rejects with the original error (a request's, or the commit's such as QuotaExceededError).
 */
async function write<const Names extends StoreName[], T>(
  db: IDBPDatabase<AuditSchema>,
  names: Names,
  body: (tx: WriteTx<Names>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(names, 'readwrite', { durability: 'strict' })
  // Awaited below; marked handled so a body failure does not also report the abort.
  tx.done.catch(() => {})
  let result: T
  try {
    result = await body(tx)
  } catch (err) {
    try {
      tx.abort()
    } catch {
      // A failed request has aborted it already.
    }
    throw err
  }
  await tx.done
  return result
}

export async function openDecisionStore(name = 'finehard-audit'): Promise<DecisionStore> {
  const db = await openDB<AuditSchema>(name, VERSION, {
    upgrade(database) {
      const decisions = database.createObjectStore('decisions')
      decisions.createIndex('file', 'file')
      const conflicts = database.createObjectStore('conflicts', { keyPath: 'key' })
      conflicts.createIndex('file', 'kept.file')
      database.createObjectStore('settings')
    },
  })

  return {
    load: async (files) => {
      const index = db.transaction('decisions').store.index('file')
      return (await Promise.all(files.map((f) => index.getAll(f)))).flat()
    },
    put: (decisions) => write(db, ['decisions'], (tx) => issueAll(decisions, (d) => tx.store.put(d, decisionKey(d)))).then(() => {}),
    remove: (keys) => write(db, ['decisions'], (tx) => issueAll(keys, (k) => tx.store.delete(k))).then(() => {}),
    clear: (files) =>
      write(db, ['decisions', 'conflicts'], async (tx) => {
        let removed = 0
        for (const name of ['decisions', 'conflicts'] as const) {
          const store = tx.objectStore(name)
          const keys = (await Promise.all(files.map((f) => store.index('file').getAllKeys(f)))).flat()
          await issueAll(keys, (k) => store.delete(k))
          if (name === 'decisions') removed = keys.length
        }
        return removed
      }),
    loadConflicts: async (files) => {
      const index = db.transaction('conflicts').store.index('file')
      return (await Promise.all(files.map((f) => index.getAll(f)))).flat()
    },
    putConflicts: (conflicts) => write(db, ['conflicts'], (tx) => issueAll(conflicts, (c) => tx.store.put(c))).then(() => {}),
    removeConflicts: (keys) => write(db, ['conflicts'], (tx) => issueAll(keys, (k) => tx.store.delete(k))).then(() => {}),
    getSetting: async (setting) => (await db.get('settings', setting)) ?? null,
    putSetting: (setting, value) => write(db, ['settings'], (tx) => tx.store.put(value, setting)).then(() => {}),
    close: () => db.close(),
  }
}
