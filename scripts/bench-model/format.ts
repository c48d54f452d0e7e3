/** Number formatting for the table: every comparison is ours against a baseline from the same run. */

export function ms(value: number): string {
  if (value < 1) return `${value.toFixed(3)} ms`
  if (value < 10) return `${value.toFixed(2)} ms`
  if (value < 1000) return `${value.toFixed(0)} ms`
  return `${(value / 1000).toFixed(2)} s`
}

/** "2.3× faster" / "2.3× slower" for a time of ours against a baseline time. */
export function timeRatio(ours: number, baseline: number, digits = 1): string {
  const r = ours <= baseline ? baseline / ours : ours / baseline
  return `${r.toFixed(r >= 10 ? 0 : digits)}× ${ours <= baseline ? 'faster' : 'slower'}`
}

export function mb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(0)} MB` : `${(bytes / 1e3).toFixed(0)} kB`
}
