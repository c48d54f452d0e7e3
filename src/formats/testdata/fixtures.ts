import { fileURLToPath } from 'node:url'

/** The shared hand-annotated sample, read in place (never copied into the project). */
export const FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/finehard-mini/', import.meta.url))

/** Builds a file from record texts and separators, returning the exact byte range of each record. */
export function assemble(head: string, records: string[], sep: string, tail: string): { text: string; starts: number[]; ends: number[] } {
  let text = head
  const starts: number[] = []
  const ends: number[] = []
  records.forEach((r, i) => {
    if (i > 0) text += sep
    starts.push(Buffer.byteLength(text))
    text += r
    ends.push(Buffer.byteLength(text))
  })
  text += tail
  return { text, starts, ends }
}
