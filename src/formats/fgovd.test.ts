import { describe, expect, it } from 'vitest'
import { groupFgovd, looksLikeFgovd, type FgovdLine } from './fgovd.ts'

const LINES = [
  { img_path: 'val2017/000000113867.jpg', bbox: [64, 48, 320, 240], pos_expression: ['a red bus'], neg_expression: ['a blue bus', 'a red car'], category_id: 6, neg_category_ids: [3], width: 640, height: 480, image_id: 113867, sent_id: 1, test_type: 'color' },
  { img_path: 'val2017/000000000139.jpg', bbox: [0, 0, 700, 10], pos_expression: ['a wide thing'], neg_expression: [], width: 640, height: 480 },
  { img_path: 'val2017/000000113867.jpg', bbox: [0, 0, 64, 48], pos_expression: ['a small sign'], neg_expression: Array.from({ length: 10 }, (_, i) => `neg ${i}`), width: 640, height: 480 },
  { img_path: 'val2017/000000000285.jpg', bbox: [1, 2, 3, 4], pos_expression: ['no size'], neg_expression: [] },
]

function asLines(): FgovdLine[] {
  const texts = [...LINES.map((l) => JSON.stringify(l)), '{"img_path": broken', '[1, 2]']
  return texts.map((text, i) => {
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      value = undefined
    }
    return { value, text, line: i + 1 }
  })
}

describe('FG-OVD', () => {
  it('recognises FG-OVD lines', () => {
    expect(looksLikeFgovd(LINES[0])).toBe(true)
    expect(looksLikeFgovd({ caption: 'x' })).toBe(false)
  })

  it('groups regions by image in first-appearance order and converts COCO pixel boxes', () => {
    const records = groupFgovd(asLines())
    expect(records.map((r) => r.fPath ?? r.defects[0].code)).toEqual([
      'val2017/000000113867.jpg', 'val2017/000000000139.jpg', 'val2017/000000000285.jpg', 'invalid-json', 'not-an-object',
    ])
    const [bus, wide, noSize, broken] = records
    expect(bus).toMatchObject({ format: 'fgovd', index: 0, width: 640, height: 480, image: { part: null, key: '000000113867' } })
    expect(bus.regions).toHaveLength(2)
    expect(bus.regions[0].box).toEqual({ x1: 0.1, y1: 0.1, x2: 0.6, y2: 0.6 })
    expect(bus.regions[0].shortExpr).toBe('a red bus')
    expect(bus.regions[0].negatives).toEqual([{ key: '0', text: 'a blue bus' }, { key: '1', text: 'a red car' }])
    expect(bus.regions[0].extra).toEqual({ category_id: 6, neg_category_ids: [3], image_id: 113867, sent_id: 1, test_type: 'color' })
    expect(bus.defects).toEqual([])
    expect(wide.defects.map((d) => d.code)).toEqual(['box-out-of-range'])
    expect(noSize.regions[0].box).toBeNull()
    expect(noSize.defects[0].message).toContain('width/height')
    expect(broken.raw).toBe('{"img_path": broken')
    expect(broken.defects[0].message).toContain('line 5')
  })
})
