import { useEffect, useState, useSyncExternalStore } from 'react'
import { useDatasetState, type Dataset } from '../data/dataset.ts'
import { useModel } from '../model/ModelContext.tsx'
import { createShardRun, type RunProgress, type ShardRun } from './shardRun.ts'

const idle = () => () => undefined
const none = () => null

/**
 * The dataset's whole-shard run for the loaded model, created once the files are indexed (its
 * stored scores load at once); a new model or dataset gets a new run.
 */
export function useShardRun(dataset: Dataset, enabled: boolean): { run: ShardRun | null; progress: RunProgress | null } {
  const model = useModel()
  const { ready } = useDatasetState(dataset)
  const key = model?.key ?? null
  const client = model?.client ?? null
  const [run, setRun] = useState<ShardRun | null>(null)
  useEffect(() => {
    if (!enabled || !ready || !client || key === null) return setRun(null)
    const created = createShardRun(dataset, client, key)
    setRun(created)
    return () => created.dispose()
  }, [dataset, enabled, ready, client, key])
  const progress = useSyncExternalStore(run ? run.subscribe : idle, run ? run.getProgress : none)
  return { run, progress }
}
