/**
 * Captions come from LLMs and the web: React already renders them as text, never HTML. What it
 * does not stop is invisible characters — a right-to-left override flips what an annotator reads,
 * zero-width characters hide inside words — so those are shown as visible ⟨U+XXXX⟩ marks.
 */
const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g

export function revealInvisible(text: string): string {
  return text.replace(invisible, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`)
}

export function UntrustedText({ text, fallback }: { text: string | null; fallback: string }) {
  if (text === null) return <span className="italic text-slate-500">{fallback}</span>
  return <>{revealInvisible(text)}</>
}
