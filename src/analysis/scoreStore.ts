import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { RecordScores } from './scoreRows.ts'

/**
 * Whole-shard scores kept in the browser per (model, record file), so reopening a scored file is
 * instant and a paused or interrupted run resumes where it stopped. Records are scored in file
 * order, so a run's progress is the number of records stored.
 */
export interface ScoreRunInfo {
  /** `${model key}|${file identity}`. */
  run: string
  /** Records with stored scores (0..done-1 are all stored). */
  done: number
  total: number
  updated: string
}

export interface StoredRecord {
  run: string
  record: number
  scores: RecordScores
  /** Why the record has no scores (image unavailable, pixels unreadable); null when scored. */
  failure: string | null
}

export interface ScoreStore {
  info(run: string): Promise<ScoreRunInfo | null>
  load(run: string): Promise<StoredRecord[]>
  /** Appends records (in order) and moves the run's progress to `done`, in one transaction. */
  append(info: ScoreRunInfo, records: StoredRecord[]): Promise<void>
  clear(run: string): Promise<void>
  close(): void
}

interface ScoreSchema extends DBSchema {
  runs: { key: string; value: ScoreRunInfo }
  records: { key: [string, number]; value: StoredRecord; indexes: { run: string } }
}

export function scoreRunKey(modelKey: string, file: string): string {
  return `${modelKey}|${file}`
}

export async function openScoreStore(name = 'finehard-scores'): Promise<ScoreStore> {
  const db: IDBPDatabase<ScoreSchema> = await openDB<ScoreSchema>(name, 1, {
    upgrade(database) {
      database.createObjectStore('runs', { keyPath: 'run' })
      database.createObjectStore('records', { keyPath: ['run', 'record'] }).createIndex('run', 'run')
    },
  })
  const range = (run: string) => IDBKeyRange.bound([run, 0], [run, Infinity])
  return {
    info: async (run) => (await db.get('runs', run)) ?? null,
    load: (run) => db.getAll('records', range(run)),
    async append(info, records) {
      const tx = db.transaction(['runs', 'records'], 'readwrite')
      await Promise.all([...records.map((r) => tx.objectStore('records').put(r)), tx.objectStore('runs').put(info), tx.done])
    },
    async clear(run) {
      const tx = db.transaction(['runs', 'records'], 'readwrite')
      await Promise.all([tx.objectStore('records').delete(range(run)), tx.objectStore('runs').delete(run), tx.done])
    },
    close: () => db.close(),
  }
}
