import { diffWordsWithSpace } from 'diff'
import { revealInvisible } from '../components/UntrustedText.tsx'

/** Word diff of a corrected text against the file's: removals struck through, additions underlined. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  if (before === after) return null
  return (
    <p className="mt-1 whitespace-pre-wrap rounded bg-slate-950 px-2 py-1 text-xs leading-relaxed" data-testid="text-diff">
      {diffWordsWithSpace(before, after).map((part, i) =>
        part.added ? (
          <ins key={i} className="bg-emerald-900/70 text-emerald-100 no-underline">{revealInvisible(part.value)}</ins>
        ) : part.removed ? (
          <del key={i} className="bg-red-900/60 text-red-200">{revealInvisible(part.value)}</del>
        ) : (
          <span key={i} className="text-slate-400">{revealInvisible(part.value)}</span>
        ),
      )}
    </p>
  )
}
