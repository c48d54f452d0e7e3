import { openDB, type IDBPDatabase } from 'idb'
import type { TextPath } from '../../model/inference.ts'

/**
 * Text embeddings persisted per (model, path, text) in IndexedDB, so captions and negatives seen
 * once are never encoded again — across samples, reloads and visits. A failing store (private
 * mode, quota) degrades to no persistence; the in-memory query cache still works.
 */

const dbName = 'finehard-text-embeddings'
const store = 'embeddings'
let db: Promise<IDBPDatabase | null> | null = null

function open(): Promise<IDBPDatabase | null> {
  db ??= openDB(dbName, 1, { upgrade: (database) => database.createObjectStore(store) }).catch(() => null)
  return db
}

const key = (model: string, path: TextPath, text: string) => `${model}\u0000${path}\u0000${text}`

export async function cachedEmbedding(model: string, path: TextPath, text: string): Promise<Float32Array | null> {
  const value: unknown = await (await open())?.get(store, key(model, path, text)).catch(() => undefined)
  return value instanceof Float32Array ? value : null
}

export async function storeEmbedding(model: string, path: TextPath, text: string, embedding: Float32Array): Promise<void> {
  await (await open())?.put(store, embedding, key(model, path, text)).catch(() => undefined)
}
