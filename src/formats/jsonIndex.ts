import type { AsyncBuffer } from '../io/asyncBuffer.ts'

export type JsonLayout = 'array' | 'lines'

export interface JsonIndex {
  layout: JsonLayout
  count: number
  /** Byte offset of each record's first byte. */
  starts: Float64Array
  /** Byte offset just past each record's last byte. */
  ends: Float64Array
  /** The file ends mid-record; that partial record is the last entry (start..EOF). */
  truncated: boolean
}

export interface JsonIndexProgress {
  bytesScanned: number
  totalBytes: number
  records: number
  elapsedMs: number
}

export interface JsonIndexOptions {
  signal?: AbortSignal
  /** Bytes read per step (default 8 MiB). */
  chunkBytes?: number
  onProgress?: (p: JsonIndexProgress) => void
  /** Records completed since the previous call, so a viewer can show record 0 before the scan ends. */
  onRecords?: (starts: Float64Array, ends: Float64Array) => void
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const NEWLINE = 0x0a

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09
}

/** Growable pair of offset arrays; doubling keeps appends amortised O(1) with no per-record objects. */
interface RecordList {
  starts: Float64Array
  ends: Float64Array
  count: number
}

function pushRecord(list: RecordList, start: number, end: number): void {
  if (list.count === list.starts.length) {
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length * 2)
      b.set(a)
      return b
    }
    list.starts = grow(list.starts)
    list.ends = grow(list.ends)
  }
  list.starts[list.count] = start
  list.ends[list.count] = end
  list.count++
}

/** A scanner consumes the file chunk by chunk and, at EOF, says whether a record was cut off. */
interface Scanner {
  scan(bytes: Uint8Array, base: number): void
  finish(totalBytes: number): Promise<boolean>
}

// Where the array scanner is: before '[', between records, inside an object/array record,
// inside a scalar record, after the closing ']'.
const SEEK_OPEN = 0
const BETWEEN = 1
const IN_VALUE = 2
const IN_SCALAR = 3
const DONE = 4

/**
 * Array layout: a byte-level state machine over `[ value, value, ... ]`. Each top-level value is
 * a record; strings are skipped with indexOf('"') and an odd/even count of the backslashes before
 * each quote, which is what makes the scan fast on caption-heavy data.
 */
function arrayScanner(list: RecordList): Scanner {
  let phase: number = SEEK_OPEN
  let depth = 0
  let inString = false
  // Parity of the backslash run that ended the previous chunk while inside a string.
  let carryBackslashes = 0
  let recordStart = 0

  function scan(bytes: Uint8Array, base: number): void {
    const n = bytes.length
    let i = 0
    while (i < n) {
      if (inString) {
        const q = bytes.indexOf(QUOTE, i)
        if (q === -1) {
          let k = n - 1
          let run = 0
          while (k >= i && bytes[k] === BACKSLASH) {
            run++
            k--
          }
          carryBackslashes = k < 0 ? (run + carryBackslashes) & 1 : run & 1
          return
        }
        let k = q - 1
        let run = 0
        while (k >= 0 && bytes[k] === BACKSLASH) {
          run++
          k--
        }
        if (k < 0) run += carryBackslashes
        carryBackslashes = 0
        i = q + 1
        if (run & 1) continue
        inString = false
        if (depth === 0) {
          pushRecord(list, recordStart, base + i)
          phase = BETWEEN
        }
        continue
      }
      if (phase === IN_VALUE) {
        // Hot loop over the structure between strings.
        while (i < n) {
          const b = bytes[i++]
          if (b === QUOTE) {
            inString = true
            break
          } else if (b === 0x7b || b === 0x5b) {
            depth++
          } else if (b === 0x7d || b === 0x5d) {
            if (--depth === 0) {
              pushRecord(list, recordStart, base + i)
              phase = BETWEEN
              break
            }
          }
        }
        continue
      }
      const b = bytes[i]
      if (phase === BETWEEN) {
        if (isSpace(b) || b === 0x2c) {
          i++
        } else if (b === 0x5d) {
          phase = DONE
          return
        } else {
          recordStart = base + i
          i++
          depth = 0
          if (b === QUOTE) {
            inString = true
          } else if (b === 0x7b || b === 0x5b) {
            depth = 1
            phase = IN_VALUE
          } else {
            phase = IN_SCALAR
          }
        }
      } else if (phase === IN_SCALAR) {
        if (isSpace(b) || b === 0x2c || b === 0x5d) {
          pushRecord(list, recordStart, base + i)
          phase = BETWEEN
        } else {
          i++
        }
      } else if (phase === SEEK_OPEN) {
        if (b === 0x5b) phase = BETWEEN
        i++
      } else {
        return
      }
    }
  }

  async function finish(totalBytes: number): Promise<boolean> {
    const midRecord = inString || phase === IN_VALUE || phase === IN_SCALAR
    if (midRecord) pushRecord(list, recordStart, totalBytes)
    return midRecord
  }

  return { scan, finish }
}

/**
 * JSON Lines layout: every non-blank line is a record (trimmed of surrounding whitespace), even
 * one that is not valid JSON, so the parser can mark it rather than the index dropping it.
 */
function linesScanner(list: RecordList, buffer: AsyncBuffer): Scanner {
  let lineFirst = -1
  let lineEnd = -1

  // Extends the current line with bytes[a, b): first and last non-space positions only.
  function addSegment(bytes: Uint8Array, base: number, a: number, b: number): void {
    let k = a
    if (lineFirst < 0) {
      while (k < b && isSpace(bytes[k])) k++
      if (k === b) return
      lineFirst = base + k
    }
    let e = b - 1
    while (e >= k && isSpace(bytes[e])) e--
    if (e >= k) lineEnd = base + e + 1
  }

  function endLine(): void {
    if (lineFirst >= 0) pushRecord(list, lineFirst, lineEnd)
    lineFirst = -1
    lineEnd = -1
  }

  function scan(bytes: Uint8Array, base: number): void {
    let i = 0
    for (;;) {
      const nl = bytes.indexOf(NEWLINE, i)
      if (nl === -1) break
      addSegment(bytes, base, i, nl)
      endLine()
      i = nl + 1
    }
    addSegment(bytes, base, i, bytes.length)
  }

  async function finish(): Promise<boolean> {
    if (lineFirst < 0) return false
    // A last line without a newline is normal in JSONL; it is truncated only if it is unbalanced.
    const tail = new Uint8Array(await buffer.slice(lineFirst, lineEnd))
    endLine()
    return !isBalanced(tail)
  }

  return { scan, finish }
}

/** True when the bytes close every string, object and array they open. */
function isBalanced(bytes: Uint8Array): boolean {
  let depth = 0
  let inString = false
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]
    if (inString) {
      if (b === BACKSLASH) i++
      else if (b === QUOTE) inString = false
    } else if (b === QUOTE) inString = true
    else if (b === 0x7b || b === 0x5b) depth++
    else if (b === 0x7d || b === 0x5d) depth--
  }
  return !inString && depth <= 0
}

/** First byte that is neither whitespace nor a UTF-8 byte-order mark, or -1. */
function firstSignificantByte(bytes: Uint8Array): number {
  for (const b of bytes) {
    if (!isSpace(b) && b !== 0xef && b !== 0xbb && b !== 0xbf) return b
  }
  return -1
}

function abortError(): DOMException {
  return new DOMException('The JSON scan was aborted', 'AbortError')
}

/**
 * Indexes a JSON array or JSON Lines file by the byte range of each top-level record, reading
 * it chunk by chunk (the next chunk is fetched while the current one is scanned). The file is
 * never held as one string, so files past V8's ~512 MB string limit work; memory is the index
 * plus two chunks.
 */
export async function buildJsonIndex(buffer: AsyncBuffer, opts: JsonIndexOptions = {}): Promise<JsonIndex> {
  const { signal, onProgress, onRecords } = opts
  const chunkBytes = opts.chunkBytes ?? 8 * 1024 * 1024
  const total = buffer.byteLength
  const started = performance.now()
  const list: RecordList = { starts: new Float64Array(1024), ends: new Float64Array(1024), count: 0 }
  let layout: JsonLayout | null = null
  let scanner: Scanner | null = null
  let reported = 0

  const read = (start: number): Promise<ArrayBuffer> =>
    Promise.resolve(buffer.slice(start, Math.min(total, start + chunkBytes)))

  let next = total > 0 ? read(0) : null
  for (let offset = 0; offset < total; offset += chunkBytes) {
    if (signal?.aborted) throw abortError()
    const bytes = new Uint8Array(await (next as Promise<ArrayBuffer>))
    next = offset + chunkBytes < total ? read(offset + chunkBytes) : null
    if (signal?.aborted) throw abortError()

    if (!scanner) {
      const first = firstSignificantByte(bytes)
      if (first === 0x5b) layout = 'array'
      else if (first === 0x7b) layout = 'lines'
      else if (first !== -1) {
        throw new Error(`not a JSON array or JSON Lines file: it starts with '${String.fromCharCode(first)}'`)
      }
      if (layout) scanner = layout === 'array' ? arrayScanner(list) : linesScanner(list, buffer)
    }
    scanner?.scan(bytes, offset)

    if (onRecords && list.count > reported) {
      onRecords(list.starts.slice(reported, list.count), list.ends.slice(reported, list.count))
      reported = list.count
    }
    onProgress?.({
      bytesScanned: Math.min(total, offset + chunkBytes),
      totalBytes: total,
      records: list.count,
      elapsedMs: performance.now() - started,
    })
  }

  const truncated = scanner ? await scanner.finish(total) : false
  if (onRecords && list.count > reported) {
    onRecords(list.starts.slice(reported, list.count), list.ends.slice(reported, list.count))
  }
  return {
    layout: layout ?? 'lines',
    count: list.count,
    starts: list.starts.slice(0, list.count),
    ends: list.ends.slice(0, list.count),
    truncated,
  }
}
