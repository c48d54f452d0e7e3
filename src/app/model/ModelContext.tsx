import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react'
import type { PackageSource, ProviderChoice } from '../../workers/modelProtocol.ts'
import { startModel, type ModelClient, type ModelStatus } from './modelClient.ts'

export interface ModelHandle {
  client: ModelClient
  status: ModelStatus
  /** Identity of the weights (file hashes): keys every cached embedding. */
  key: string | null
}

const ModelContext = createContext<ModelHandle | null>(null)

/** The loaded model, or null when none is (scores are then simply not shown). */
export function useModel(): ModelHandle | null {
  return useContext(ModelContext)
}

function modelKey(status: ModelStatus): string | null {
  if (status.state !== 'ready') return null
  return status.info.manifest.files.map((f) => f.sha256).join(':')
}

function Provide({ client, children }: { client: ModelClient; children: ReactNode }) {
  const status = useSyncExternalStore(client.subscribe, client.getStatus)
  return <ModelContext.Provider value={{ client, status, key: modelKey(status) }}>{children}</ModelContext.Provider>
}

/** Starts a model worker for `source` on `provider`, and stops it when either changes. */
export function ModelProvider({ source, provider, children }: { source: PackageSource | null; provider: ProviderChoice; children: ReactNode }) {
  const [client, setClient] = useState<ModelClient | null>(null)
  useEffect(() => {
    if (!source) return setClient(null)
    const started = startModel(source, provider)
    setClient(started)
    return () => started.dispose()
  }, [source, provider])
  if (!client) return <ModelContext.Provider value={null}>{children}</ModelContext.Provider>
  return <Provide client={client}>{children}</Provide>
}
