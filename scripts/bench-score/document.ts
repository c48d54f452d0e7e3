/**
 * The "## Whole-shard scoring" section of docs/benchmarks.md: replaced in place (up to the next
 * "## " heading or the end of the file) when present, appended otherwise; the rest is untouched.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { withSection } from '../bench-model/document.ts'

export const SCORE_HEADING = '## Whole-shard scoring'

export function withScoreSection(current: string, section: string): string {
  return withSection(current, SCORE_HEADING, section)
}

export async function writeScoreSection(path: string, section: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => '')
  await writeFile(path, withScoreSection(current, section))
}
