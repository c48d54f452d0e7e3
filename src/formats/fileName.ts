/**
 * A file's name from a path or URL: no folders, no `?query` or `#fragment`. Score rows, decisions
 * and messages name record files this way, so the same file is recognised wherever it was opened from.
 */
export function fileNameOf(pathOrUrl: string): string {
  return (pathOrUrl.split(/[\\/]/).at(-1) ?? pathOrUrl).split(/[?#]/)[0]
}
