import type { ScoreRow } from './scoreRows.ts'

const HEADER: readonly (keyof ScoreRow)[] = ['file', 'record', 'f_path', 'region', 'text_index', 'key', 'text', 'cosine', 'p']

/**
 * One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, with quotes doubled.
 * Texts are untrusted and kept exactly (no trimming, no escaping beyond RFC 4180).
 */
export function csvField(value: string | number | null): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Header plus one line per row, CRLF-terminated as RFC 4180 specifies; numbers in full precision. */
export function scoreRowsToCsv(rows: readonly ScoreRow[]): string {
  const lines = [HEADER.join(','), ...rows.map((row) => HEADER.map((name) => csvField(row[name])).join(','))]
  return lines.map((line) => `${line}\r\n`).join('')
}
