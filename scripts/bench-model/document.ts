/**
 * Keeps the latest model table in docs/benchmarks.md: this script owns everything from the
 * "## Model" heading to the end of the file and leaves the text before it (the data-layer
 * section that scripts/bench.ts writes) untouched.
 */
import { readFile, writeFile } from 'node:fs/promises'

export const MODEL_HEADING = '## Model'

export async function writeModelSection(path: string, section: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => '')
  const at = current.search(/^## Model\s*$/m)
  const before = (at >= 0 ? current.slice(0, at) : current).trimEnd()
  const body = section.startsWith(MODEL_HEADING) ? section : `${MODEL_HEADING}\n\n${section}`
  await writeFile(path, `${before ? `${before}\n\n` : ''}${body.trimEnd()}\n`)
}
