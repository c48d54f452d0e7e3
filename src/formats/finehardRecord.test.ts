import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openNodeFile } from '../io/nodeFileBuffer.ts'
import { normaliseRecord, recordFromText } from './finehardRecord.ts'
import { buildJsonIndex } from './jsonIndex.ts'
import { readRecords } from './jsonRecords.ts'
import { FIXTURES } from './testdata/fixtures.ts'
import type { SampleRecord } from './types.ts'

async function readAll(file: string): Promise<{ records: SampleRecord[]; truncated: boolean }> {
  const buffer = await openNodeFile(join(FIXTURES, 'jsonfiles', file))
  try {
    const index = await buildJsonIndex(buffer)
    return { records: await readRecords(buffer, index, 0, index.count), truncated: index.truncated }
  } finally {
    await buffer.close()
  }
}

const codes = (r: SampleRecord): string[] => r.defects.map((d) => d.code)

describe('FineHARD fixture records', () => {
  it('normalises the JSON array and the JSONL file identically and without defects', async () => {
    const { records: fromArray } = await readAll('2026-12-01_10-00-00_results_mini.json')
    const { records: fromLines } = await readAll('2026-12-01_10-10-00_results_mini.jsonl')
    expect(fromLines).toEqual(fromArray)
    for (const r of fromArray) {
      expect(r.defects).toEqual([])
      expect(r.format).toBe('finehard')
      expect(r.image?.part).toBe(0)
      expect(r.regions.length).toBeGreaterThan(0)
    }
    const first = fromArray[0]
    expect(first.image).toMatchObject({ part: 0, shard: '00000', key: '000000000' })
    expect(first.regions[0].box).toEqual({ x1: 0, y1: 0.46, x2: 0.52, y2: 1 })
    expect(first.regions[0].confidence).toBe(0.87)
    expect(first.regions[0].negatives).toHaveLength(10)
    expect(first.regions[0].negatives[0]).toEqual({ key: '0', text: 'a brown-and-white tuxedo kitten' })
  })
})

describe('FineHARD defects fixture', async () => {
  const { records, truncated } = await readAll('2026-12-01_10-05-00_results_defects.json')

  it('keeps every record, the cut-off one last', () => {
    expect(truncated).toBe(true)
    expect(records).toHaveLength(7)
    const last = records[6]
    expect(codes(last)).toEqual(['truncated'])
    expect(last.defects[0].message).toMatch(/ends mid-record.*cut off at byte 5463/)
    expect(typeof last.raw).toBe('string')
    expect(last.raw as string).toContain('this record is cut off')
  })

  it('reads the valid record before the defects intact', () => {
    const r = records[0]
    expect(r.defects).toEqual([])
    expect(r.regions).toHaveLength(3)
    expect(r.regions[0].negatives.map((n) => n.key)).toEqual([
      'color', 'material', 'object', 'size', 'shape', 'texture', 'color_2', 'material_2', 'count', 'state',
    ])
  })

  it('reports an inverted box, coordinates outside 0..1 and a short bbox on the right regions', () => {
    const r = records[1]
    const [inverted, outside, short] = r.regions
    expect(codes(r)).toEqual(['inverted-box', 'box-out-of-range', 'short-bbox'])
    expect(inverted.defects[0]).toMatchObject({ code: 'inverted-box', field: 'bbox_info[0].bbox' })
    expect(inverted.defects[0].message).toContain('x1 0.8 > x2 0.2')
    expect(inverted.box).toEqual({ x1: 0.8, y1: 0.1, x2: 0.2, y2: 0.5 })
    expect(outside.defects[0]).toMatchObject({ code: 'box-out-of-range', field: 'bbox_info[1].bbox' })
    expect(outside.defects[0].message).toContain('x1 = -0.05 (0.05 below 0)')
    expect(outside.defects[0].message).toContain('x2 = 1.07 (0.07 above 1)')
    expect(outside.box).not.toBeNull()
    expect(short.box).toBeNull()
    expect(short.rawBbox).toEqual([0.1, 0.1, 0.3])
    expect(short.defects[0]).toMatchObject({ code: 'short-bbox', field: 'bbox_info[2].bbox' })
  })

  it('reports a null caption and missing bbox_info', () => {
    const r = records[2]
    expect(r.caption).toBeNull()
    expect(r.shortCaption).toBe('caption is null and there is no bbox_info')
    expect(r.defects).toEqual([
      { code: 'null-caption', field: 'caption', message: 'caption is null' },
      expect.objectContaining({ code: 'missing-field', field: 'bbox_info' }),
    ])
    expect(r.regions).toEqual([])
  })

  it('reports flag_short_neg 1 with no negatives', () => {
    const r = records[3]
    expect(r.defects).toEqual([expect.objectContaining({ code: 'missing-negatives', field: 'bbox_info[0].short_expr_negs' })])
    expect(r.defects[0].message).toContain('empty')
  })

  it('keeps HTML and script payloads verbatim as text', () => {
    const r = records[4]
    expect(r.defects).toEqual([])
    expect(r.caption).toBe("<img src=x onerror=alert(1)> <script>alert('xss')</script> captions are untrusted text")
    expect(r.shortCaption).toBe('<b>bold?</b> & ampersands \u202e right-to-left override')
    expect(r.regions[0].shortExpr).toBe('<script>alert(2)</script>')
    expect(r.regions[0].longExpr).toBe('javascript:alert(3)')
    expect(r.regions[0].negatives[9].text).toBe('<img src=x onerror=alert(9)>')
  })

  it('keeps unknown fields, flags is_cn and parses a typo in the folder name', () => {
    const r = records[5]
    expect(r.isCn).toBe(true)
    expect(r.extra).toEqual({ extra_field: { nested: [1, 2, 3] } })
    expect(r.caption).toContain('一只黑白相间的小猫')
    expect(r.image).toMatchObject({ part: 0, shard: '00000', key: '000000000' })
  })
})

describe('normaliseRecord edge cases', () => {
  it('flags records that are not objects', () => {
    for (const raw of [null, [1], 'text', 3]) {
      const r = normaliseRecord(raw, 4)
      expect(codes(r)).toEqual(['not-an-object'])
      expect(r.raw).toBe(raw)
    }
  })

  it('flags missing fields and wrong types', () => {
    const r = normaliseRecord({ caption: 5, bbox_info: [{ bbox: [0, 0, 'x', 1], flag_short_neg: 1, short_expr_negs: { a: 'x', b: 7 } }, 'oops'] }, 0)
    expect(r.defects.map((d) => `${d.code} ${d.field}`)).toEqual([
      'wrong-type caption',
      'missing-field short_caption',
      'missing-field f_path',
      'bad-bbox bbox_info[0].bbox',
      'missing-field bbox_info[0].short_expr',
      'missing-field bbox_info[0].long_expr',
      'wrong-type bbox_info[0].short_expr_negs.b',
      'missing-negatives bbox_info[0].short_expr_negs',
      'not-an-object bbox_info[1]',
    ])
    expect(r.regions[0].negatives).toEqual([{ key: 'a', text: 'x' }, { key: 'b', text: '7' }])
    expect(r.defects[7].message).toContain('only 2')
  })

  it('reads the confidence only when numeric, and keeps unknown region keys', () => {
    const r = normaliseRecord({ caption: 'c', short_caption: 's', f_path: 'x/coyo_image_3/00001/000010002.jpg', bbox_info: [{ bbox: [0, 0, 1, 1], short_expr: 'a', long_expr: 'b', flag_short_neg: 0, score: 2 }] }, 0)
    expect(r.defects).toEqual([])
    expect(r.regions[0].confidence).toBeNull()
    expect(r.regions[0].extra).toEqual({ score: 2 })
    expect(r.image).toMatchObject({ part: 3, shard: '00001', key: '000010002' })
  })

  it('turns unparseable text into an invalid-json record carrying the text', () => {
    const r = recordFromText('{"caption": nope}', 2)
    expect(codes(r)).toEqual(['invalid-json'])
    expect(r.index).toBe(2)
    expect(r.raw).toBe('{"caption": nope}')
  })
})
