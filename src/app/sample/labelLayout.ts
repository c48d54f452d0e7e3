/**
 * Pure placement of box labels in screen pixels: each label tries a fixed list of spots around
 * its box, keeps the first that stays inside the stage without covering an already placed label,
 * and falls back to just the region number when crowded. No DOM: text width comes from `measure`.
 */
import type { Rect, Size } from './boxGeometry.ts'

export interface LabelRequest {
  id: number
  /** The box, in the same screen space as the stage bounds. */
  box: Rect
  /** Number and caption, e.g. `3 a black kitten`; truncated to `maxWidth` unless emphasised. */
  full: string
  /** Number only, used for tiny boxes and when no spot fits the full text. */
  short: string
  /** Hovered or selected: placed first, shown in full, returned last so it is drawn on top. */
  emphasised: boolean
}

export interface LabelStyle {
  /** Label height including padding. */
  height: number
  /** Horizontal padding on each side of the text. */
  padX: number
  /** Widest a non-emphasised label may be, padding included. */
  maxWidth: number
  /** Boxes smaller than this on screen get the number only. */
  minBoxForText: Size
}

export interface PlacedLabel extends Rect {
  id: number
  text: string
}

export type Measure = (text: string) => number

const ELLIPSIS = '…'

/** Longest prefix of `text` (plus …) whose measured width fits `maxWidth`; binary search on length. */
export function truncateToWidth(text: string, maxWidth: number, measure: Measure): string {
  if (measure(text) <= maxWidth) return text
  // Work on code points so a surrogate pair (emoji, rare CJK) is never split.
  const chars = Array.from(text)
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2)
    if (measure(chars.slice(0, mid).join('').trimEnd() + ELLIPSIS) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return chars.slice(0, lo).join('').trimEnd() + ELLIPSIS
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return w > 0 && h > 0 ? w * h : 0
}

function clampInto(rect: Rect, bounds: Size): Rect {
  const x = Math.max(0, Math.min(rect.x, bounds.width - rect.width))
  const y = Math.max(0, Math.min(rect.y, bounds.height - rect.height))
  return { ...rect, x, y }
}

/** Spots in order of preference: outside above (keeps the box content clear), then inside, below, sides. */
function candidates(box: Rect, width: number, height: number): Rect[] {
  const right = box.x + box.width - width
  const bottom = box.y + box.height
  const spots: [number, number][] = [
    [box.x, box.y - height], // above, left-aligned
    [box.x, box.y], // inside, top-left
    [box.x, bottom], // below, left-aligned
    [right, box.y - height], // above, right-aligned
    [right, bottom], // below, right-aligned
    [box.x, bottom - height], // inside, bottom-left
    [right, box.y], // inside, top-right
    [box.x + box.width, box.y], // right side, outside
    [box.x - width, box.y], // left side, outside
  ]
  return spots.map(([x, y]) => ({ x, y, width, height }))
}

function intersects(box: Rect, bounds: Size): boolean {
  return box.x + box.width >= 0 && box.y + box.height >= 0 && box.x <= bounds.width && box.y <= bounds.height
}

/**
 * Places one label per request whose box is at least partly on screen. Emphasised requests go
 * first so they get the best spot; the result lists them last, in drawing order. `reserved` areas
 * (e.g. a button over the stage) are avoided like placed labels.
 */
export function layoutLabels(
  requests: readonly LabelRequest[],
  bounds: Size,
  measure: Measure,
  style: LabelStyle,
  reserved: readonly Rect[] = [],
): PlacedLabel[] {
  const placed: Rect[] = [...reserved]
  const widthOf = (text: string) => measure(text) + 2 * style.padX
  const textRoom = (limit: number) => Math.max(0, limit - 2 * style.padX)

  const place = (request: LabelRequest): PlacedLabel | null => {
    if (!intersects(request.box, bounds)) return null
    const tiny =
      request.box.width < style.minBoxForText.width || request.box.height < style.minBoxForText.height
    const texts = request.emphasised
      ? [truncateToWidth(request.full, textRoom(bounds.width), measure)]
      : tiny
        ? [request.short]
        : [truncateToWidth(request.full, textRoom(style.maxWidth), measure), request.short]

    for (const text of texts) {
      for (const spot of candidates(request.box, widthOf(text), style.height)) {
        const rect = clampInto(spot, bounds)
        if (placed.every((other) => overlapArea(rect, other) === 0)) return { ...rect, id: request.id, text }
      }
    }
    // Crowded everywhere: keep the label (the number links box and list) where it covers least.
    const text = texts[texts.length - 1]
    let best: Rect | null = null
    let bestCost = Infinity
    for (const spot of candidates(request.box, widthOf(text), style.height)) {
      const rect = clampInto(spot, bounds)
      const cost = placed.reduce((sum, other) => sum + overlapArea(rect, other), 0)
      if (cost < bestCost) {
        best = rect
        bestCost = cost
      }
    }
    return best && { ...best, id: request.id, text }
  }

  const emphasised = requests.filter((r) => r.emphasised)
  const rest = requests.filter((r) => !r.emphasised)
  const byId = new Map<number, PlacedLabel>()
  for (const request of [...emphasised, ...rest]) {
    const label = place(request)
    if (label) {
      placed.push(label)
      byId.set(request.id, label)
    }
  }
  return [...rest, ...emphasised].flatMap((r) => byId.get(r.id) ?? [])
}
