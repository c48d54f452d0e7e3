import { useState } from 'react'
import type { CorrectionNotes } from '../../audit/correctedRecord.ts'
import type { Decision, FileIdentity } from '../../audit/decisions.ts'
import { describeIdentity } from '../../audit/fileIdentity.ts'
import { fileNameOf } from '../../formats/fileName.ts'
import { mergeDecisions, type Conflict } from '../../audit/mergeDecisions.ts'
import { decisionsToJsonl, parseVerdictsJsonl } from '../../audit/verdictsJsonl.ts'
import { saveBlob } from '../components/saveBlob.ts'
import type { Dataset } from '../data/dataset.ts'
import { decisionStore, type AuditSession } from './useAuditSession.ts'
import { messageOf } from '../../io/messageOf.ts'

export interface TransferStatus {
  busy: string | null
  /** Stops the job under way, where it can be stopped. */
  cancel: (() => void) | null
  /** What the last import or export did, in words. */
  message: string | null
  errors: string[]
}

const stamp = () => new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
const plural = (n: number, word: string) => `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`
const safeName = (text: string) => text.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'data'

/** The record file's name without its extension, for the names of exported files. */
function stemOf(name: string): string {
  return fileNameOf(name).replace(/\.(jsonl?|json)$/i, '')
}

function describeNotes(notes: CorrectionNotes): string {
  const parts = [
    notes.droppedRegions.length > 0 && `${plural(notes.droppedRegions.length, 'region')} dropped (wrong and not corrected)`,
    notes.removedNegatives > 0 && `${plural(notes.removedNegatives, 'negative')} removed`,
    notes.clearedFlags > 0 && `flag_short_neg set to 0 on ${plural(notes.clearedFlags, 'region')} left with fewer than 10 negatives`,
    notes.unfixedCaption && 'a caption marked "has errors" was not corrected and is kept as it was',
  ].filter(Boolean)
  return parts.length > 0 ? `; ${parts.join('; ')}` : ''
}

/** Export and import of verdicts, and the corrected jsonfile export, with what each did in words. */
export function useAuditTransfer(session: AuditSession, dataset: Dataset) {
  const [status, setStatus] = useState<TransferStatus>({ busy: null, cancel: null, message: null, errors: [] })
  const openFiles = new Set<FileIdentity>(dataset.files.map((f) => f.identity))

  async function run(busy: string, job: (signal: AbortSignal) => Promise<{ message: string; errors?: string[] }>, cancellable = false) {
    const abort = new AbortController()
    setStatus({ busy, cancel: cancellable ? () => abort.abort() : null, message: null, errors: [] })
    try {
      const { message, errors = [] } = await job(abort.signal)
      setStatus({ busy: null, cancel: null, message, errors })
    } catch (error) {
      const message = abort.signal.aborted ? 'Cancelled: nothing was written.' : messageOf(error)
      setStatus({ busy: null, cancel: null, message: null, errors: [message] })
    }
  }

  const exportVerdicts = (reviewer: string) =>
    run('Exporting verdicts…', async () => {
      const decisions = [...session.decisions.values()]
      saveBlob(new Blob([decisionsToJsonl(decisions)], { type: 'application/jsonl' }), `verdicts-${safeName(dataset.label)}-${safeName(reviewer || 'reviewer')}-${stamp()}.jsonl`)
      return { message: `Exported ${plural(decisions.length, 'decision')}.` }
    })

  const importVerdicts = (files: File[]) =>
    run('Importing verdicts…', async () => {
      const errors: string[] = []
      const incoming: Decision[] = []
      for (const file of files) {
        const parsed = parseVerdictsJsonl(await file.text(), file.name)
        incoming.push(...parsed.decisions)
        errors.push(...parsed.errors)
      }
      const store = await decisionStore()
      const elsewhere = [...new Set(incoming.map((d) => d.file))].filter((id) => !openFiles.has(id))
      const current = [...session.decisions.values(), ...(await store.load(elsewhere))]
      const { changed, conflicts, unchanged } = mergeDecisions(current, incoming)
      session.replace(changed.filter((d) => openFiles.has(d.file)))
      await store.put(changed.filter((d) => !openFiles.has(d.file)))
      await store.putConflicts(conflicts)
      const fresh = new Set(conflicts.map((c) => c.key))
      session.setConflicts((previous: Conflict[]) => [...previous.filter((c) => !fresh.has(c.key)), ...conflicts.filter((c) => openFiles.has(c.kept.file))])
      const reviewers = new Set(incoming.map((d) => d.reviewer || '(unnamed)'))
      const other = elsewhere.length > 0 ? ` ${plural(incoming.filter((d) => !openFiles.has(d.file)).length, 'decision')} belong to files not open now (${elsewhere.map(describeIdentity).join(', ')}); they are kept and come back when those files are opened.` : ''
      return {
        message: `Imported ${plural(incoming.length, 'decision')} from ${plural(files.length, 'file')} (${[...reviewers].join(', ')}): ${changed.length.toLocaleString()} new or changed, ${unchanged.toLocaleString()} already here, ${plural(conflicts.length, 'conflict')}.${other}`,
        errors,
      }
    })

  const exportCorrected = () =>
    run('Writing the corrected jsonfile…', async (signal) => {
      const targets = dataset.files.filter((file) => file.getState().format === 'finehard' && file.getState().status === 'ready')
      if (targets.length === 0) throw new Error('No FineHARD jsonfile is open and fully indexed: only those can be exported with corrections.')
      const lines: string[] = []
      for (const file of targets) {
        const decisions = [...session.decisions.values()].filter((d) => d.file === file.identity)
        const { blob, summary } = await file.exportCorrected(decisions, (written, total) =>
          setStatus((s) => ({ ...s, busy: `Writing ${stemOf(file.getState().name)}.corrected.json: ${written.toLocaleString()} of ${total.toLocaleString()} records…` })),
          signal,
        )
        saveBlob(blob, `${stemOf(file.getState().name)}.corrected.json`)
        const omitted = summary.omittedRecords.length > 0 ? `; ${plural(summary.omittedRecords.length, 'record')} left out because they do not parse (${summary.omittedRecords.slice(0, 3).map((r) => `#${r.index}: ${r.reason}`).join('; ')})` : ''
        lines.push(`${stemOf(file.getState().name)}.corrected.json: ${plural(summary.records, 'record')}, ${summary.changedRecords.toLocaleString()} corrected${describeNotes(summary.notes)}${omitted}.`)
      }
      return { message: lines.join(' ') }
    }, true)

  return { status, exportVerdicts, importVerdicts, exportCorrected, dismiss: () => setStatus({ busy: null, cancel: null, message: null, errors: [] }) }
}
