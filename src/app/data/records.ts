import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { isEmptyFilter, type RecordFilter } from '../../formats/recordFilter.ts'
import type { SampleRecord } from '../../formats/types.ts'
import { filterRecords, readRecords, type Dataset } from './dataset.ts'

/** Records are fetched from the workers in blocks, so a screen of thumbnails is one round trip. */
export const blockSize = 48

export function useRecordBlock(dataset: Dataset, block: number, total: number) {
  const from = block * blockSize
  // The number of records the block can hold right now: more arrive while a file is indexing.
  const available = Math.max(0, Math.min(total - from, blockSize))
  return useQuery({
    queryKey: ['records', dataset.id, block, available],
    queryFn: () => readRecords(dataset, from, from + available),
    enabled: available > 0,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  })
}

export function useRecord(dataset: Dataset, index: number | null, total: number): {
  record: SampleRecord | null
  isLoading: boolean
  error: Error | null
} {
  const block = useRecordBlock(dataset, index === null ? -1 : Math.floor(index / blockSize), index === null ? 0 : total)
  const record = index === null ? null : (block.data?.find((r) => r.index === index) ?? null)
  return { record, isLoading: block.isLoading, error: block.error }
}

export interface FilterProgress {
  scanned: number
  matches: number
}

/** Matching record indices, or null when no filter is set; runs in the workers once indexing ends. */
export function useFilteredIndices(dataset: Dataset, filter: RecordFilter, ready: boolean) {
  const [progress, setProgress] = useState<FilterProgress | null>(null)
  const active = !isEmptyFilter(filter)
  const query = useQuery({
    queryKey: ['filter', dataset.id, filter],
    queryFn: ({ signal }) => filterRecords(dataset, filter, (scanned, matches) => setProgress({ scanned, matches }), signal),
    enabled: active && ready,
    staleTime: Infinity,
  })
  return { active, matches: active ? (query.data ?? null) : null, progress, isScanning: active && (query.isFetching || !ready), error: query.error }
}
