/**
 * Keeps the latest model table in docs/benchmarks.md: this script owns everything from the
 * "## Model" heading to the end of the file and leaves the text before it (the data-layer
 * section that scripts/bench.ts writes) untouched.
 */
import { readFile, writeFile } from 'node:fs/promises'

export const MODEL_HEADING = '## Model'
const heading = /^## Model[ \t]*$/m

/** `current` with its model section (if any) replaced by `section`, or `section` appended. */
export function withModelSection(current: string, section: string): string {
  const at = current.search(heading)
  const before = (at >= 0 ? current.slice(0, at) : current).trimEnd()
  const body = section.startsWith(MODEL_HEADING) ? section : `${MODEL_HEADING}\n\n${section}`
  return `${before ? `${before}\n\n` : ''}${body.trimEnd()}\n`
}

/** For scripts/bench.ts: its freshly written data-layer text plus the model section `previous` held. */
export function keepModelSection(dataLayer: string, previous: string): string {
  const at = previous.search(heading)
  return at >= 0 ? withModelSection(dataLayer, previous.slice(at)) : dataLayer
}

export async function writeModelSection(path: string, section: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch(() => '')
  await writeFile(path, withModelSection(current, section))
}
