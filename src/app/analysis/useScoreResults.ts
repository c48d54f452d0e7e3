import { useQuery } from '@tanstack/react-query'
import { useDatasetState, type Dataset } from '../data/dataset.ts'
import { loadFileScores } from './fileScores.ts'
import type { RunProgress, ScoredRecord, ShardRun } from './shardRun.ts'
import { useShardRun } from './useShardRun.ts'

/** Where the analysis' scores come from: a run of the loaded model, or score files opened with the data. */
export type ScoreSource =
  | { kind: 'run'; run: ShardRun | null; progress: RunProgress | null }
  | { kind: 'files'; names: string[]; loading: boolean; error: string | null; unmatched: string[] }

export interface ScoreResults {
  source: ScoreSource
  records: readonly ScoredRecord[]
  /** Changes whenever `records` grows (the run appends in place). */
  version: number
}

const noRecords: readonly ScoredRecord[] = []

export function useScoreResults(dataset: Dataset): ScoreResults {
  const { ready } = useDatasetState(dataset)
  const fromFiles = dataset.scoreFiles.length > 0
  const files = useQuery({
    queryKey: ['file-scores', dataset.id],
    queryFn: () => loadFileScores(dataset),
    enabled: fromFiles && ready,
    staleTime: Infinity,
    retry: false,
  })
  const { run, progress } = useShardRun(dataset, !fromFiles)
  if (fromFiles) {
    return {
      source: { kind: 'files', names: dataset.scoreFiles.map((f) => f.name), loading: files.isLoading || !ready, error: files.error?.message ?? null, unmatched: files.data?.unmatched ?? [] },
      records: files.data?.records ?? noRecords,
      version: files.data ? 1 : 0,
    }
  }
  return { source: { kind: 'run', run, progress }, records: run ? run.getResults() : noRecords, version: progress?.done ?? 0 }
}
