import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'
import type { SampleRecord } from '../../formats/types.ts'
import type { Dataset } from '../data/dataset.ts'
import { useDatasetState } from '../data/dataset.ts'
import { useAuditSession, type AuditSession, type RecordSlot } from './useAuditSession.ts'

export interface Audit {
  session: AuditSession
  dataset: Dataset
  /** The file and file-local index of a record (records are numbered across the open files). */
  slotOf(record: SampleRecord): RecordSlot | null
  /** The same for a record known by its index (and image path) only, e.g. a row of the analysis. */
  slotAt(index: number, fPath: string | null): RecordSlot | null
}

const AuditContext = createContext<Audit | null>(null)

export function AuditProvider({ dataset, children }: { dataset: Dataset; children: ReactNode }) {
  const identities = useMemo(() => dataset.files.map((file) => file.identity), [dataset])
  const session = useAuditSession(identities)
  const { files } = useDatasetState(dataset)
  const counts = files.map((f) => f.count).join(',')
  const slotAt = useCallback(
    (index: number, fPath: string | null): RecordSlot | null => {
      let offset = 0
      const sizes = counts.split(',').map(Number)
      for (let i = 0; i < sizes.length; i++) {
        if (index < offset + sizes[i]) return { file: identities[i], record: index - offset, fPath }
        offset += sizes[i]
      }
      return null
    },
    [counts, identities],
  )
  const slotOf = useCallback((record: SampleRecord) => slotAt(record.index, record.fPath), [slotAt])
  const value = useMemo(() => ({ session, dataset, slotOf, slotAt }), [session, dataset, slotOf, slotAt])
  return <AuditContext.Provider value={value}>{children}</AuditContext.Provider>
}

export function useAudit(): Audit {
  const audit = useContext(AuditContext)
  if (!audit) throw new Error('useAudit outside AuditProvider')
  return audit
}
