/**
 * The order "next unreviewed" walks a sample's regions in: with scores, the hardest first (a
 * negative beating the positive, then the smallest margin); without, file order.
 */
export function reviewOrder(count: number, margins: readonly (number | null)[] | null): number[] {
  const indices = Array.from({ length: count }, (_, i) => i)
  if (!margins) return indices
  const rank = (i: number) => margins[i] ?? Infinity
  return indices.sort((a, b) => rank(a) - rank(b) || a - b)
}

/** The next region in `order` after `current` that is not done, wrapping around; null when all are. */
export function nextInOrder(order: readonly number[], current: number | null, done: (index: number) => boolean): number | null {
  const start = current === null ? 0 : order.indexOf(current) + 1
  for (let k = 0; k < order.length; k++) {
    const index = order[(start + k) % order.length]
    if (!done(index)) return index
  }
  return null
}
