import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { decisionKey, isEmptyDecision, type Decision, type DecisionField, type FileIdentity, type Verdict } from '../../audit/decisions.ts'
import { emptyHistory, recordChanges, redo as redoStep, undo as undoStep, type Change, type History } from '../../audit/decisionHistory.ts'
import { openDecisionStore, type DecisionStore } from '../../audit/decisionStore.ts'
import type { Conflict } from '../../audit/mergeDecisions.ts'
import { messageOf } from '../../io/messageOf.ts'

/** Where a decision belongs: a record of one file, found again by the file's identity. */
export interface RecordSlot {
  file: FileIdentity
  /** Record index within the file. */
  record: number
  fPath: string | null
}

export interface DecisionPatch {
  verdict?: Verdict | null
  newText?: string | null
}

export interface DecisionRequest {
  slot: RecordSlot
  region: number | null
  field: DecisionField
  /** The value in the file, kept beside the new one so an export reads on its own. */
  oldText: string | null
  patch: DecisionPatch
}

export type AuditStatus = { state: 'loading' } | { state: 'ready' } | { state: 'failed'; message: string }

/** Consecutive edits of one text within this window are one undo step, not one per keystroke. */
const COALESCE_MS = 1500

let sharedStore: Promise<DecisionStore> | null = null
export function decisionStore(): Promise<DecisionStore> {
  sharedStore ??= openDecisionStore()
  return sharedStore
}

/** Storage errors in words; their names (QuotaExceededError, InvalidStateError…) say what happened. */
function storageMessage(error: unknown): string {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') return `the browser's storage is full${error.message ? ` (${error.message})` : ''}`
  return error instanceof Error && error.name !== 'Error' ? `${error.name}: ${error.message}` : messageOf(error)
}

/**
 * The reviewer's decisions for the open files: read from IndexedDB when the files open, changed in
 * memory at once and written through on every change. A write that fails (storage full, private
 * mode) is kept in memory, reported, and retried with the next change or on request.
 */
export function useAuditSession(files: readonly FileIdentity[]) {
  const filesKey = files.join('\n')
  const [status, setStatus] = useState<AuditStatus>({ state: 'loading' })
  const [decisions, setDecisions] = useState<ReadonlyMap<string, Decision>>(new Map())
  const [conflicts, setConflicts] = useState<Conflict[]>([])
  const [reviewer, setReviewerState] = useState('')
  const [history, setHistory] = useState<History>(emptyHistory)
  const [saveError, setSaveError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const current = useRef(decisions)
  current.current = decisions
  const historyRef = useRef(history)
  historyRef.current = history
  const lastEdit = useRef<{ key: string; at: number } | null>(null)
  /** Changes not yet on disk, by key (null: to delete); written in order through one chain. */
  const unsaved = useRef(new Map<string, Decision | null>())
  const writing = useRef(Promise.resolve())

  useEffect(() => {
    let cancelled = false
    setStatus({ state: 'loading' })
    const fileList = filesKey ? filesKey.split('\n') : []
    decisionStore()
      .then(async (store) => {
        const [loaded, loadedConflicts, name] = await Promise.all([store.load(fileList), store.loadConflicts(fileList), store.getSetting('reviewer')])
        if (cancelled) return
        setDecisions(new Map(loaded.map((d) => [decisionKey(d), d])))
        setConflicts(loadedConflicts)
        setReviewerState(name ?? '')
        setHistory(emptyHistory())
        setStatus({ state: 'ready' })
      })
      .catch((error: unknown) => !cancelled && setStatus({ state: 'failed', message: storageMessage(error) }))
    return () => {
      cancelled = true
    }
  }, [filesKey])

  const flush = useCallback(() => {
    writing.current = writing.current.then(async () => {
      if (unsaved.current.size === 0) return
      const batch = new Map(unsaved.current)
      try {
        const store = await decisionStore()
        const puts = [...batch.values()].filter((d): d is Decision => d !== null)
        const removals = [...batch].filter(([, d]) => d === null).map(([key]) => key)
        if (puts.length > 0) await store.put(puts)
        if (removals.length > 0) await store.remove(removals)
        for (const [key, value] of batch) if (unsaved.current.get(key) === value) unsaved.current.delete(key)
        setSaveError(null)
        setSaving(unsaved.current.size > 0)
      } catch (error) {
        setSaveError(storageMessage(error))
      }
    })
  }, [])

  /** Applies changes in memory, queues them for disk. */
  const apply = useCallback(
    (changes: Change[]) => {
      if (changes.length === 0) return
      const next = new Map(current.current)
      for (const { key, after } of changes) {
        if (after) next.set(key, after)
        else next.delete(key)
        unsaved.current.set(key, after)
      }
      current.current = next
      setDecisions(next)
      setSaving(true)
      flush()
    },
    [flush],
  )

  const decideMany = useCallback(
    (requests: DecisionRequest[], options: { coalesce?: boolean } = {}) => {
      if (status.state !== 'ready') return
      const time = new Date().toISOString()
      const changes: Change[] = []
      for (const { slot, region, field, oldText, patch } of requests) {
        const key = decisionKey({ file: slot.file, record: slot.record, region, field })
        const before = current.current.get(key) ?? null
        const base: Decision = before ?? { file: slot.file, record: slot.record, fPath: slot.fPath, region, field, verdict: null, oldText, newText: null, reviewer, time }
        const merged: Decision = { ...base, ...patch, reviewer, time }
        const after = isEmptyDecision(merged) ? null : merged
        if (before === after || (before && after && before.verdict === after.verdict && before.newText === after.newText)) continue
        changes.push({ key, before, after })
      }
      if (changes.length === 0) return
      const now = Date.now()
      const single = changes.length === 1 ? changes[0].key : null
      const last = historyRef.current.done.at(-1)
      const extend = options.coalesce && single !== null && lastEdit.current?.key === single && now - lastEdit.current.at < COALESCE_MS && last?.length === 1
      lastEdit.current = options.coalesce && single !== null ? { key: single, at: now } : null
      setHistory((h) =>
        extend && last ? { done: [...h.done.slice(0, -1), [{ ...last[0], after: changes[0].after }]], undone: [] } : recordChanges(h, changes),
      )
      apply(changes)
    },
    [status.state, reviewer, apply],
  )

  const decide = useCallback(
    (request: DecisionRequest, options?: { coalesce?: boolean }) => decideMany([request], options),
    [decideMany],
  )

  const undo = useCallback(() => {
    const step = undoStep(historyRef.current)
    if (!step) return
    lastEdit.current = null
    setHistory(step.history)
    apply(step.apply)
  }, [apply])

  const redo = useCallback(() => {
    const step = redoStep(historyRef.current)
    if (!step) return
    lastEdit.current = null
    setHistory(step.history)
    apply(step.apply)
  }, [apply])

  const setReviewer = useCallback(
    (name: string) => {
      setReviewerState(name)
      decisionStore()
        .then((store) => store.putSetting('reviewer', name))
        .catch((error: unknown) => setSaveError(storageMessage(error)))
    },
    [],
  )

  /** Replaces decisions wholesale (import, conflict choice) as one undoable step. */
  const replace = useCallback(
    (incoming: Decision[]) => {
      const changes = incoming.map((after) => {
        const key = decisionKey(after)
        return { key, before: current.current.get(key) ?? null, after }
      })
      setHistory((h) => recordChanges(h, changes))
      apply(changes)
    },
    [apply],
  )

  /** A conflict settled by the reviewer: forgotten in memory and in the store. */
  const dropConflict = useCallback((key: string) => {
    setConflicts((all) => all.filter((c) => c.key !== key))
    decisionStore()
      .then((store) => store.removeConflicts([key]))
      .catch((error: unknown) => setSaveError(storageMessage(error)))
  }, [])

  /** Deletes every decision and conflict of the open files, after any write still under way. */
  const clearAll = useCallback(
    (conflictKeys: string[]) => {
      const done = writing.current.then(async () => {
        unsaved.current.clear()
        const store = await decisionStore()
        const removed = await store.clear(filesKey ? filesKey.split('\n') : [])
        await store.removeConflicts(conflictKeys)
        current.current = new Map()
        setDecisions(current.current)
        setConflicts([])
        setHistory(emptyHistory())
        return removed
      })
      writing.current = done.then(() => undefined, () => undefined)
      return done
    },
    [filesKey],
  )

  const get = useCallback(
    (slot: RecordSlot, region: number | null, field: DecisionField) =>
      decisions.get(decisionKey({ file: slot.file, record: slot.record, region, field })),
    [decisions],
  )

  return useMemo(
    () => ({
      status, decisions, conflicts, setConflicts, reviewer, setReviewer, get, decide, decideMany, replace,
      undo, redo, canUndo: history.done.length > 0, canRedo: history.undone.length > 0,
      saveError, saving, retrySave: flush, clearAll, dropConflict,
    }),
    [status, decisions, conflicts, reviewer, setReviewer, get, decide, decideMany, replace, undo, redo, history, saveError, saving, flush, clearAll, dropConflict],
  )
}

export type AuditSession = ReturnType<typeof useAuditSession>
