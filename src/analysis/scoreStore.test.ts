import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { openScoreStore, scoreRunKey, type StoredRecord } from './scoreStore.ts'

const stored = (run: string, record: number, failure: string | null = null): StoredRecord => ({
  run,
  record,
  failure,
  scores: { rows: [{ file: 'a.json', record, f_path: null, region: 0, text_index: 0, key: 'positive', text: 'a cat', cosine: 0.3, p: 1 }], regions: [], skipped: [] },
})

describe('score store', () => {
  it('appends records with the run progress, loads them back in order, per run', async () => {
    const store = await openScoreStore(`scores-${Math.random()}`)
    const run = scoreRunKey('model-a', 'a.json|10|sha256:00')
    const other = scoreRunKey('model-b', 'a.json|10|sha256:00')
    expect(await store.info(run)).toBeNull()
    await store.append({ run, done: 2, total: 5, updated: 't1' }, [stored(run, 0), stored(run, 1, 'no picture')])
    await store.append({ run, done: 3, total: 5, updated: 't2' }, [stored(run, 2)])
    await store.append({ run: other, done: 1, total: 5, updated: 't3' }, [stored(other, 0)])
    expect(await store.info(run)).toEqual({ run, done: 3, total: 5, updated: 't2' })
    const loaded = await store.load(run)
    expect(loaded.map((r) => [r.record, r.failure])).toEqual([[0, null], [1, 'no picture'], [2, null]])
    expect(loaded[0].scores.rows[0].text).toBe('a cat')
    await store.clear(run)
    expect(await store.load(run)).toEqual([])
    expect(await store.info(run)).toBeNull()
    expect(await store.load(other)).toHaveLength(1)
    store.close()
  })
})
