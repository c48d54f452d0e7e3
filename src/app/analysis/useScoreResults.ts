import { useQuery } from '@tanstack/react-query'
import { useEffect, useRef, useState } from 'react'
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
  /** Changes when `records` has grown (the run appends in place): at most every 2 s while it runs. */
  version: number
}

const RESULTS_EVERY_MS = 2000

/**
 * `done` as the views see it: while a run goes, at most every RESULTS_EVERY_MS (tables and
 * aggregates are rebuilt from all results each time), at once when it stops.
 */
function useSettledCount(done: number, running: boolean): number {
  const [shown, setShown] = useState(done)
  const last = useRef(0)
  useEffect(() => {
    if (!running) {
      setShown(done)
      return
    }
    const timer = setTimeout(() => {
      last.current = performance.now()
      setShown(done)
    }, Math.max(0, last.current + RESULTS_EVERY_MS - performance.now()))
    return () => clearTimeout(timer)
  }, [done, running])
  return shown
}

const noRecords: readonly ScoredRecord[] = []

/** Scores for the dataset, read (and a run prepared) only once `wanted`. */
export function useScoreResults(dataset: Dataset, wanted: boolean): ScoreResults {
  const { ready } = useDatasetState(dataset)
  const fromFiles = dataset.scoreFiles.length > 0
  const files = useQuery({
    queryKey: ['file-scores', dataset.id],
    queryFn: () => loadFileScores(dataset),
    enabled: wanted && fromFiles && ready,
    staleTime: Infinity,
    retry: false,
  })
  const { run, progress } = useShardRun(dataset, wanted && !fromFiles)
  const version = useSettledCount(progress?.done ?? 0, progress?.state === 'running' || progress?.state === 'stopping')
  if (fromFiles) {
    return {
      source: { kind: 'files', names: dataset.scoreFiles.map((f) => f.name), loading: files.isLoading || !ready, error: files.error?.message ?? null, unmatched: files.data?.unmatched ?? [] },
      records: files.data?.records ?? noRecords,
      version: files.data ? 1 : 0,
    }
  }
  return { source: { kind: 'run', run, progress }, records: run ? run.getResults() : noRecords, version }
}
