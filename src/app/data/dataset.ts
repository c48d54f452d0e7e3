import { useSyncExternalStore } from 'react'
import type { AsyncBuffer } from '../../io/asyncBuffer.ts'
import type { ImageCatalog } from '../../formats/imageResolver.ts'
import type { SourceKind } from '../../formats/sourceKind.ts'
import type { RecordFilter } from '../../formats/recordFilter.ts'
import type { SampleRecord } from '../../formats/types.ts'
import type { RecordFileClient, RecordFileState } from './recordFileClient.ts'

/** One opened input as the sources panel lists it: what it was recognised as, or why it failed. */
export interface SourceNote {
  name: string
  kind: SourceKind
  error: string | null
}

/** A parquet file of scores opened beside the records, joined to them by file name and record index. */
export interface ScoreFile {
  name: string
  buffer: AsyncBuffer
}

/** Everything opened together: record files (concatenated in order) and what resolves their images. */
export interface Dataset {
  id: string
  label: string
  files: RecordFileClient[]
  scoreFiles: ScoreFile[]
  catalog: ImageCatalog
  sources: SourceNote[]
}

export interface DatasetState {
  files: RecordFileState[]
  /** Records indexed so far across all files. */
  total: number
  ready: boolean
}

const states = new WeakMap<Dataset, { key: string; value: DatasetState }>()

function snapshot(dataset: Dataset): DatasetState {
  const files = dataset.files.map((file) => file.getState())
  const key = files.map((f) => `${f.status}:${f.count}:${f.progress?.bytesScanned ?? 0}:${f.download?.loaded ?? 0}`).join('|')
  const cached = states.get(dataset)
  if (cached && cached.key === key) return cached.value
  const value = {
    files,
    total: files.reduce((sum, f) => sum + f.count, 0),
    ready: files.every((f) => f.status !== 'indexing'),
  }
  states.set(dataset, { key, value })
  return value
}

export function useDatasetState(dataset: Dataset): DatasetState {
  return useSyncExternalStore(
    (listener) => {
      const unsubscribers = dataset.files.map((file) => file.subscribe(listener))
      return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
    },
    () => snapshot(dataset),
  )
}

/** Where each record file starts in the concatenation (its first record's global index), now. */
export function fileOffsets(dataset: Dataset): number[] {
  let offset = 0
  return dataset.files.map((file) => {
    const start = offset
    offset += file.getState().count
    return start
  })
}

/** The file holding global record `index`, and the index within that file. */
export function locateRecord(dataset: Dataset, index: number): { file: RecordFileClient; local: number } | null {
  const offsets = fileOffsets(dataset)
  const i = dataset.files.findIndex((file, k) => index >= offsets[k] && index < offsets[k] + file.getState().count)
  return i === -1 ? null : { file: dataset.files[i], local: index - offsets[i] }
}

/** Reads records `from..to-1` of the concatenation, giving each its global index. */
export async function readRecords(dataset: Dataset, from: number, to: number): Promise<SampleRecord[]> {
  const out: SampleRecord[] = []
  let offset = 0
  for (const file of dataset.files) {
    const count = file.getState().count
    const start = Math.max(from - offset, 0)
    const end = Math.min(to - offset, count)
    if (start < end) {
      const records = await file.read(start, end)
      for (const record of records) out.push({ ...record, index: record.index + offset })
    }
    offset += count
    if (offset >= to) break
  }
  return out
}

export function disposeDataset(dataset: Dataset) {
  for (const file of dataset.files) file.dispose()
}

/** Indices (global) of records matching `filter`, scanning every file in its worker. */
export async function filterRecords(
  dataset: Dataset,
  filter: RecordFilter,
  onProgress: (scanned: number, matches: number) => void,
  signal?: AbortSignal,
): Promise<Uint32Array> {
  const perFile = dataset.files.map(() => ({ scanned: 0, matches: 0 }))
  const report = () => onProgress(sum(perFile.map((p) => p.scanned)), sum(perFile.map((p) => p.matches)))
  const results = await Promise.all(
    dataset.files.map((file, i) =>
      file.filter(filter, (scanned, matches) => {
        perFile[i] = { scanned, matches }
        report()
      }, signal),
    ),
  )
  const out = new Uint32Array(sum(results.map((r) => r.length)))
  let offset = 0
  let written = 0
  results.forEach((matches, i) => {
    for (const index of matches) out[written++] = index + offset
    offset += dataset.files[i].getState().count
  })
  return out
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0)
