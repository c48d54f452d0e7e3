import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react'
import type { SampleRecord } from '../../formats/types.ts'
import type { Dataset } from '../data/dataset.ts'
import { locateRecord, useDatasetState } from '../data/dataset.ts'
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
  // File sizes change while indexing; a new total re-renders, and slots are read from the files then.
  const { total } = useDatasetState(dataset)
  const slotAt = useCallback(
    (index: number, fPath: string | null): RecordSlot | null => {
      const found = locateRecord(dataset, index)
      return found && { file: found.file.identity, record: found.local, fPath }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [dataset, total],
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
