import { describe, expect, it } from 'vitest'
import { layoutLabels, truncateToWidth, type LabelRequest, type LabelStyle, type PlacedLabel } from './labelLayout.ts'
import type { Rect } from './boxGeometry.ts'

// A monospace stand-in for canvas text metrics: 6 px per code point.
const measure = (text: string) => Array.from(text).length * 6
const style: LabelStyle = { height: 16, padX: 3, maxWidth: 120, minBoxForText: { width: 30, height: 16 } }
const bounds = { width: 400, height: 300 }

function request(id: number, box: Rect, caption = 'a black-and-white tuxedo kitten', emphasised = false): LabelRequest {
  return { id, box, full: `${id} ${caption}`, short: String(id), emphasised }
}

function overlaps(a: PlacedLabel, b: PlacedLabel): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

function inside(label: PlacedLabel): boolean {
  return label.x >= 0 && label.y >= 0 && label.x + label.width <= bounds.width && label.y + label.height <= bounds.height
}

describe('truncateToWidth', () => {
  it('keeps text that fits', () => {
    expect(truncateToWidth('kitten', 60, measure)).toBe('kitten')
  })

  it('cuts to the longest prefix that fits with an ellipsis', () => {
    const out = truncateToWidth('a black kitten on a sofa', 60, measure)
    expect(out.endsWith('…')).toBe(true)
    expect(measure(out)).toBeLessThanOrEqual(60)
    expect(out).toBe('a black k…')
  })

  it('never splits a surrogate pair', () => {
    const out = truncateToWidth('😺😺😺😺😺😺', 20, measure)
    expect(out).toBe('😺😺…')
  })
})

describe('layoutLabels', () => {
  it('puts a label above-left, outside its box, when there is room', () => {
    const [label] = layoutLabels([request(1, { x: 50, y: 100, width: 200, height: 100 })], bounds, measure, style)
    expect(label).toMatchObject({ id: 1, x: 50, y: 100 - style.height })
    expect(label.width).toBeLessThanOrEqual(style.maxWidth)
    expect(label.text.endsWith('…')).toBe(true)
  })

  it('moves inside the box when the box touches the top edge, and stays in bounds', () => {
    const [label] = layoutLabels([request(1, { x: 380, y: 0, width: 20, height: 300 }, 'x')], bounds, measure, style)
    expect(inside(label)).toBe(true)
  })

  it('gives tiny boxes just the number', () => {
    const [label] = layoutLabels([request(7, { x: 100, y: 100, width: 8, height: 8 })], bounds, measure, style)
    expect(label.text).toBe('7')
  })

  it('keeps labels of stacked boxes apart', () => {
    const requests = [0, 1, 2, 3, 4].map((i) => request(i, { x: 40 + i * 4, y: 60 + i * 4, width: 200, height: 150 }))
    const labels = layoutLabels(requests, bounds, measure, style)
    expect(labels).toHaveLength(5)
    for (const a of labels) {
      expect(inside(a)).toBe(true)
      for (const b of labels) if (a !== b) expect(overlaps(a, b)).toBe(false)
    }
  })

  it('falls back to the number when the full text has no free spot', () => {
    const box = { x: 100, y: 100, width: 100, height: 40 }
    const labels = layoutLabels(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((i) => request(i, box)),
      bounds,
      measure,
      style,
    )
    expect(labels).toHaveLength(12)
    expect(labels.some((l) => l.text === String(l.id))).toBe(true)
  })

  it('places the emphasised label first, untruncated, and returns it last', () => {
    const caption = 'a caption longer than the maximum width'
    const box = { x: 20, y: 100, width: 300, height: 100 }
    const labels = layoutLabels(
      [request(0, box), request(1, box, caption, true), request(2, box)],
      bounds,
      measure,
      style,
    )
    const last = labels[labels.length - 1]
    expect(last.id).toBe(1)
    expect(last.text).toBe(`1 ${caption}`)
    expect(last.y).toBe(100 - style.height)
    expect(labels.find((l) => l.id === 0)?.y).not.toBe(100 - style.height)
  })

  it('avoids reserved areas such as a button over the stage', () => {
    const button = { x: 0, y: 0, width: 400, height: 100 - style.height + 1 }
    const [label] = layoutLabels([request(1, { x: 50, y: 100, width: 200, height: 100 })], bounds, measure, style, [button])
    expect(label.y).toBe(100)
  })

  it('skips boxes that are entirely off screen', () => {
    const labels = layoutLabels([request(0, { x: 500, y: 10, width: 50, height: 50 })], bounds, measure, style)
    expect(labels).toEqual([])
  })
})
