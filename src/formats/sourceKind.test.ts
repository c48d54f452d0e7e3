import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { detectSourceKind, partFromName, shardFromName } from './sourceKind.ts'
import { FIXTURES } from './testdata/fixtures.ts'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

describe('detectSourceKind', () => {
  it.each([
    ['jsonfiles/2026-12-01_10-00-00_results_mini.json', 'finehard-json'],
    ['jsonfiles/2026-12-01_10-10-00_results_mini.jsonl', 'finehard-jsonl'],
    ['jsonfiles/2026-12-01_10-05-00_results_defects.json', 'finehard-json'],
    ['url2key_jsons/url2key_coyo_image_0.json', 'url2key'],
    ['coyo_image_0/00000.parquet', 'parquet'],
    ['embedded_images/00000.parquet', 'parquet'],
    ['grit-12m/coyo_image_0/00000/000000000.jpg', 'image'],
  ])('%s → %s', async (file, kind) => {
    const head = (await readFile(join(FIXTURES, file))).subarray(0, 65536)
    expect(detectSourceKind(file, head)).toBe(kind)
  })

  it('recognises content without telling names', () => {
    expect(detectSourceKind('a.json', enc('{"https://x.org/a.jpg": "000000001"}'))).toBe('url2key')
    expect(detectSourceKind('a.json', enc('[["https://x.org/a.jpg", "000000001"]]'))).toBe('url2key')
    expect(detectSourceKind('a.json', enc('[ {"url": "https://x.org/a.jpg", "key": "1"}]'))).toBe('url2key')
    expect(detectSourceKind('b.jsonl', enc('{"img_path": "val2017/1.jpg", "pos_expression": ["a"], "neg_expression": []}\n'))).toBe('fgovd-jsonl')
    expect(detectSourceKind('c.txt', enc('hello'))).toBe('unknown')
    expect(detectSourceKind('d.parquet', new Uint8Array())).toBe('parquet')
  })
})

describe('names', () => {
  it('reads part and shard numbers', () => {
    expect(partFromName('coyo_image_0/00000.parquet')).toBe(0)
    expect(shardFromName('coyo_image_0/00000.parquet')).toBe('00000')
    expect(partFromName('url2key_coyo_image_3.json')).toBe(3)
    expect(partFromName('embedded_images/00000.parquet')).toBeNull()
    expect(shardFromName('x.parquet')).toBeNull()
  })
})
