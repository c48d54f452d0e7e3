/**
 * Keeps the latest model table in docs/benchmarks.md: this script owns the "## Model" section (up
 * to the next "## " heading) and leaves the rest (the data-layer text that scripts/bench.ts writes,
 * the whole-shard section of scripts/bench-score.ts) untouched.
 */
import { readFile, writeFile } from 'node:fs/promises'

export const MODEL_HEADING = '## Model'
const heading = /^## Model[ \t]*$/m

/**
 * `current` with the section under `title` (a "## " heading line, up to the next "## " heading or
 * the end) replaced by `section`, or `section` appended when there is none.
 */
export function withSection(current: string, title: string, section: string): string {
  const at = current.search(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \t]*$`, 'm'))
  const body = `${(section.startsWith(title) ? section : `${title}\n\n${section}`).trimEnd()}\n`
  if (at < 0) return current.trim() ? `${current.trimEnd()}\n\n${body}` : body
  const rest = current.slice(at + title.length)
  const next = rest.search(/^## /m)
  const before = current.slice(0, at).trimEnd()
  return `${before ? `${before}\n\n` : ''}${body}${next < 0 ? '' : `\n${rest.slice(next)}`}`
}

/** `current` with its model section (if any) replaced by `section`, or `section` appended. */
export function withModelSection(current: string, section: string): string {
  return withSection(current, MODEL_HEADING, section)
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
