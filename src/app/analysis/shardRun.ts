import { openScoreStore, scoreRunKey, type ScoreStore, type StoredRecord } from '../../analysis/scoreStore.ts'
import { fileNameOf } from '../../formats/fileName.ts'
import type { SampleRecord } from '../../formats/types.ts'
import { fileOffsets, type Dataset } from '../data/dataset.ts'
import { loadRecordBitmap } from '../data/recordImage.ts'
import type { ModelClient } from '../model/modelClient.ts'
import { messageOf } from '../../io/messageOf.ts'

export type RunState = 'loading' | 'idle' | 'running' | 'stopping' | 'paused' | 'cancelled' | 'done' | 'failed'

export interface RunProgress {
  state: RunState
  /** Records with scores (or a recorded failure), over all record files. */
  done: number
  total: number
  regions: number
  /** Records whose picture could not be scored (unavailable, unreadable). */
  failures: number
  recordsPerSecond: number | null
  etaSeconds: number | null
  error: string | null
}

/** Scores of one record, placed in the dataset: `global` is its index across the open files. */
export interface ScoredRecord extends StoredRecord {
  global: number
  fileName: string
}

export interface ShardRun {
  getProgress(): RunProgress
  getResults(): readonly ScoredRecord[]
  subscribe(listener: () => void): () => void
  start(): void
  pause(): void
  cancel(): void
  /** Forgets every stored score of this model for these files. */
  discard(): Promise<void>
  dispose(): void
}

/** Records read from a file's worker at once. */
const readBatch = 32
/** Stored scores are written in groups, not one transaction per record. */
const storeBatch = 16

async function recordBitmap(record: SampleRecord, dataset: Dataset): Promise<ImageBitmap> {
  if (!record.image) throw new Error('the record names no image')
  return loadRecordBitmap(record.image, dataset.catalog)
}

/**
 * Scores every region of every record of the dataset's record files with `model`, record by record
 * in file order: the next picture loads while the worker scores the current one. Results go to
 * IndexedDB per (model, file) as they come, so reopening shows them at once and a paused,
 * cancelled or interrupted run resumes after the last stored record.
 */
export function createShardRun(dataset: Dataset, model: ModelClient, modelKey: string): ShardRun {
  const listeners = new Set<() => void>()
  const results: ScoredRecord[] = []
  // Global indices count every file, scored or not (a failed file may hold records too).
  const allOffsets = fileOffsets(dataset)
  const indexed = dataset.files.map((file, i) => ({ file, offset: allOffsets[i] })).filter(({ file }) => file.getState().status === 'ready')
  const files = indexed.map(({ file }) => file)
  const offsets = indexed.map(({ offset }) => offset)
  const total = files.reduce((sum, f) => sum + f.getState().count, 0)
  let progress: RunProgress = { state: 'loading', done: 0, total, regions: 0, failures: 0, recordsPerSecond: null, etaSeconds: null, error: null }
  let store: ScoreStore | null = null
  let generation = 0
  /** What the run becomes once the record in flight is stored. */
  let stopAs: RunState = 'paused'
  const notify = () => listeners.forEach((listener) => listener())
  const update = (patch: Partial<RunProgress>) => {
    progress = { ...progress, ...patch }
    notify()
  }
  const doneIn = files.map(() => 0)

  function add(records: StoredRecord[], fileIndex: number) {
    let regions = 0
    let failures = 0
    for (const record of records) {
      results.push({ ...record, global: offsets[fileIndex] + record.record, fileName: fileNameOf(files[fileIndex].getState().name) })
      regions += record.scores.regions.length
      if (record.failure !== null) failures++
    }
    doneIn[fileIndex] += records.length
    update({ done: progress.done + records.length, regions: progress.regions + regions, failures: progress.failures + failures })
  }

  const ready = (async () => {
    store = await openScoreStore()
    for (const [i, file] of files.entries()) add(await store.load(scoreRunKey(modelKey, file.identity)), i)
    update({ state: progress.done >= total ? 'done' : 'idle' })
  })().catch((error: unknown) => update({ state: 'failed', error: messageOf(error) }))

  async function runFile(fileIndex: number, mine: number, rate: { started: number; from: number }) {
    const file = files[fileIndex]
    const run = scoreRunKey(modelKey, file.identity)
    const count = file.getState().count
    const name = fileNameOf(file.getState().name)
    const pending: StoredRecord[] = []
    const flush = async () => {
      if (pending.length === 0 || !store) return
      const batch = pending.splice(0)
      await store.append({ run, done: batch[batch.length - 1].record + 1, total: count, updated: new Date().toISOString() }, batch)
      add(batch, fileIndex)
      const elapsed = (performance.now() - rate.started) / 1000
      const perSecond = elapsed > 0 ? (progress.done - rate.from) / elapsed : null
      update({ recordsPerSecond: perSecond, etaSeconds: perSecond ? (progress.total - progress.done) / perSecond : null })
    }
    for (let from = doneIn[fileIndex]; from < count; from += readBatch) {
      const records = await file.read(from, Math.min(from + readBatch, count))
      // The next picture loads while the current record is being scored.
      let next = records.length > 0 ? recordBitmap(records[0], dataset) : null
      for (const [k, record] of records.entries()) {
        if (mine !== generation) {
          void next?.then((unused) => unused.close(), () => undefined)
          return flush()
        }
        const bitmap = next
        next = k + 1 < records.length ? recordBitmap(records[k + 1], dataset) : null
        next?.catch(() => undefined)
        let stored: StoredRecord
        try {
          const scores = await model.scoreRecord(record, await (bitmap as Promise<ImageBitmap>), name)
          stored = { run, record: record.index, scores, failure: null }
        } catch (error) {
          stored = { run, record: record.index, scores: { rows: [], regions: [], skipped: [] }, failure: messageOf(error) }
        }
        pending.push(stored)
        if (pending.length >= storeBatch || mine !== generation) await flush()
      }
    }
    await flush()
  }

  async function run(mine: number) {
    await ready
    if (!store) return
    update({ state: 'running', error: null, recordsPerSecond: null, etaSeconds: null })
    const rate = { started: performance.now(), from: progress.done }
    try {
      for (let i = 0; i < files.length; i++) {
        await runFile(i, mine, rate)
        if (mine !== generation) return update({ state: stopAs, recordsPerSecond: null, etaSeconds: null })
      }
      update({ state: 'done', etaSeconds: 0 })
    } catch (error) {
      if (mine === generation) update({ state: 'failed', error: messageOf(error) })
    }
  }

  const stop = (state: RunState) => {
    if (progress.state !== 'running') return
    generation++
    stopAs = state
    update({ state: 'stopping' })
  }

  return {
    getProgress: () => progress,
    getResults: () => results,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    start() {
      if (progress.state === 'running' || progress.state === 'stopping') return
      void run(++generation)
    },
    pause: () => stop('paused'),
    cancel: () => stop('cancelled'),
    async discard() {
      generation++
      await ready
      for (const file of files) await store?.clear(scoreRunKey(modelKey, file.identity))
      results.length = 0
      doneIn.fill(0)
      update({ state: 'idle', done: 0, regions: 0, failures: 0, recordsPerSecond: null, etaSeconds: null, error: null })
    },
    dispose() {
      generation++
      listeners.clear()
      void ready.then(() => store?.close())
    },
  }
}
