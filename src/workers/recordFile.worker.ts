/// <reference lib="webworker" />
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { fileBuffer } from '../io/fileBuffer.ts'
import { openHttpBuffer } from '../io/httpBuffer.ts'
import { buildJsonIndex, type JsonIndexProgress } from '../formats/jsonIndex.ts'
import { readRecords, readRecordTexts } from '../formats/jsonRecords.ts'
import { groupFgovd } from '../formats/fgovd.ts'
import { matchesFilter, type RecordFilter } from '../formats/recordFilter.ts'
import type { SampleRecord } from '../formats/types.ts'
import { recordTexts, writeCorrectedFile } from '../audit/correctedFile.ts'
import type { Decision } from '../audit/decisions.ts'
import type { ItemCounts, RecordFileEvent, RecordFileInput, RecordFileRequest } from './recordFileProtocol.ts'
import { messageOf } from '../io/messageOf.ts'

/**
 * Owns one record file (FineHARD jsonfile or FG-OVD lines): indexes it off the main thread, then
 * answers reads and filter scans. Records are parsed only when asked for, so a 2 GB file costs
 * the index (16 bytes a record), not the file.
 */

const scope = self as unknown as DedicatedWorkerGlobalScope
const post = (event: RecordFileEvent, transfer: Transferable[] = []) => scope.postMessage(event, transfer)

/** Record byte ranges found so far; grows while the scan runs so early records can be read. */
const ranges = { starts: new Float64Array(1024), ends: new Float64Array(1024), count: 0, truncated: false }
let buffer: AsyncBuffer | null = null
let grouped: SampleRecord[] | null = null
let openAbort: AbortController | null = null
/** Abort switches of the running filter scans and exports, by call id. */
const callAborts = new Map<number, AbortController>()

function appendRanges(starts: Float64Array, ends: Float64Array) {
  const needed = ranges.count + starts.length
  if (needed > ranges.starts.length) {
    const size = Math.max(needed, ranges.starts.length * 2)
    const grownStarts = new Float64Array(size)
    const grownEnds = new Float64Array(size)
    grownStarts.set(ranges.starts.subarray(0, ranges.count))
    grownEnds.set(ranges.ends.subarray(0, ranges.count))
    ranges.starts = grownStarts
    ranges.ends = grownEnds
  }
  ranges.starts.set(starts, ranges.count)
  ranges.ends.set(ends, ranges.count)
  ranges.count = needed
}

async function openBuffer(input: RecordFileInput, signal: AbortSignal): Promise<AsyncBuffer> {
  if ('file' in input) return fileBuffer(input.file)
  return openHttpBuffer(input.url, {
    signal,
    onProgress: (p) => post({ type: 'download', loaded: p.loaded, total: p.total }),
  })
}

function recordCount(): number {
  return grouped ? grouped.length : ranges.count
}

async function open(input: RecordFileInput, format: 'finehard' | 'fgovd') {
  openAbort = new AbortController()
  const signal = openAbort.signal
  try {
    buffer = await openBuffer(input, signal)
    let lastPost = -Infinity
    let latest: JsonIndexProgress = { bytesScanned: 0, totalBytes: buffer.byteLength, records: 0, elapsedMs: 0 }
    // Throttled to ~10 a second, except the first records, which the viewer is waiting for.
    const report = (force: boolean) => {
      const now = performance.now()
      if (!force && now - lastPost < 100) return
      lastPost = now
      post({ type: 'progress', progress: latest, count: format === 'finehard' ? ranges.count : 0 })
    }
    const index = await buildJsonIndex(buffer, {
      signal,
      onProgress: (progress) => {
        latest = progress
        report(false)
      },
      onRecords: (starts, ends) => {
        const first = ranges.count === 0
        appendRanges(starts, ends)
        if (first) report(true)
      },
    })
    ranges.truncated = index.truncated
    if (format === 'fgovd') grouped = await groupLines()
    post({ type: 'done', count: recordCount(), truncated: index.truncated, progress: latest })
  } catch (error) {
    post({ type: 'failed', message: messageOf(error), cancelled: signal.aborted })
  }
}

/** FG-OVD files are one region a line; records are the image groups, so all lines are read. */
async function groupLines(): Promise<SampleRecord[]> {
  if (!buffer) return []
  const texts = await readRecordTexts(buffer, ranges, 0, ranges.count)
  return groupFgovd(texts.map((text, line) => ({ value: parseOrUndefined(text), text, line })))
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

async function read(from: number, to: number): Promise<SampleRecord[]> {
  const end = Math.min(to, recordCount())
  if (grouped) return grouped.slice(from, end)
  if (!buffer || from >= end) return []
  return readRecords(buffer, ranges, from, end)
}

const filterBatch = 2000

async function filter(id: number, recordFilter: RecordFilter) {
  const abort = new AbortController()
  callAborts.set(id, abort)
  const matches: number[] = []
  try {
    const total = recordCount()
    for (let from = 0; from < total; from += filterBatch) {
      if (abort.signal.aborted) throw new DOMException('Filter cancelled', 'AbortError')
      const records = await read(from, from + filterBatch)
      for (const record of records) if (matchesFilter(record, recordFilter)) matches.push(record.index)
      post({ type: 'filter-progress', id, scanned: Math.min(total, from + filterBatch), matches: matches.length })
    }
    const result = Uint32Array.from(matches)
    post({ type: 'filter-done', id, matches: result }, [result.buffer])
  } catch (error) {
    post({ type: 'filter-failed', id, message: messageOf(error), cancelled: abort.signal.aborted })
  } finally {
    callAborts.delete(id)
  }
}

async function countItems(): Promise<ItemCounts> {
  const counts: ItemCounts = { records: recordCount(), regions: 0, negatives: 0 }
  for (let from = 0; from < counts.records; from += filterBatch) {
    for (const record of await read(from, from + filterBatch)) {
      counts.regions += record.regions.length
      for (const region of record.regions) counts.negatives += region.negatives.length
    }
  }
  return counts
}

/** The file with the reviewers' corrections applied, as a Blob (which the browser may keep on disk). */
async function exportCorrected(id: number, decisions: Decision[]) {
  if (!buffer || grouped) throw new Error('Only FineHARD jsonfiles can be exported with corrections')
  const byRecord = new Map<number, Decision[]>()
  for (const decision of decisions) {
    const list = byRecord.get(decision.record)
    if (list) list.push(decision)
    else byRecord.set(decision.record, [decision])
  }
  const parts: string[] = []
  const total = ranges.count
  let lastPost = 0
  const abort = new AbortController()
  callAborts.set(id, abort)
  async function* withProgress(texts: ReturnType<typeof recordTexts>) {
    for await (const text of texts) {
      if (abort.signal.aborted) throw new DOMException('The export was cancelled', 'AbortError')
      if (text.index - lastPost >= filterBatch) {
        lastPost = text.index
        post({ type: 'export-progress', id, written: text.index, total })
      }
      yield text
    }
  }
  try {
    const summary = await writeCorrectedFile(withProgress(recordTexts(buffer, ranges)), byRecord, (chunk) => void parts.push(chunk))
    post({ type: 'export-done', id, blob: new Blob(parts, { type: 'application/json' }), summary })
  } finally {
    callAborts.delete(id)
  }
}

scope.onmessage = (message: MessageEvent<RecordFileRequest>) => {
  const request = message.data
  switch (request.type) {
    case 'open':
      void open(request.input, request.format)
      break
    case 'cancel-open':
      openAbort?.abort()
      break
    case 'read':
      read(request.from, request.to).then(
        (records) => post({ type: 'records', id: request.id, records }),
        (error: unknown) => post({ type: 'call-failed', id: request.id, message: messageOf(error) }),
      )
      break
    case 'filter':
      void filter(request.id, request.filter)
      break
    case 'cancel-call':
      callAborts.get(request.id)?.abort()
      break
    case 'count-items':
      countItems().then(
        (counts) => post({ type: 'items-counted', id: request.id, counts }),
        (error: unknown) => post({ type: 'call-failed', id: request.id, message: messageOf(error) }),
      )
      break
    case 'export-corrected':
      exportCorrected(request.id, request.decisions).catch((error: unknown) =>
        post({ type: 'call-failed', id: request.id, message: messageOf(error) }),
      )
      break
  }
}
