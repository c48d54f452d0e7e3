/**
 * Request/response bookkeeping for a worker: each call gets an id, its promise settles when the
 * worker answers with that id. `extra` carries per-call data such as a progress callback.
 */
export interface PendingCalls<Extra> {
  start<T>(extra: Extra): { id: number; promise: Promise<T> }
  extra(id: number): Extra | undefined
  resolve(id: number, value: unknown): void
  reject(id: number, error: Error): void
  rejectAll(error: Error): void
}

export function pendingCalls<Extra = undefined>(): PendingCalls<Extra> {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; extra: Extra }>()
  let nextId = 1
  const take = (id: number) => {
    const entry = pending.get(id)
    pending.delete(id)
    return entry
  }
  return {
    start<T>(extra: Extra) {
      const id = nextId++
      const promise = new Promise<T>((resolve, reject) => pending.set(id, { resolve: resolve as (value: unknown) => void, reject, extra }))
      return { id, promise }
    },
    extra: (id) => pending.get(id)?.extra,
    resolve: (id, value) => take(id)?.resolve(value),
    reject: (id, error) => take(id)?.reject(error),
    rejectAll(error) {
      for (const entry of pending.values()) entry.reject(error)
      pending.clear()
    },
  }
}
