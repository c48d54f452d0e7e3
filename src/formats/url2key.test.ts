import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from './testdata/fixtures.ts'
import { parseUrl2Key } from './url2key.ts'

describe('parseUrl2Key', () => {
  it('reads the fixture map as key → url', async () => {
    const map = parseUrl2Key(await readFile(join(FIXTURES, 'url2key_jsons/url2key_coyo_image_0.json'), 'utf8'))
    expect(map.size).toBe(4)
    expect(map.get('000000003')).toBe('https://images.example.org/coyo/00000/red_bus_dusk.jpg')
  })

  it('accepts lists of pairs and of objects, and numeric keys', () => {
    expect([...parseUrl2Key('[["https://a/1.jpg", "000000001"]]')]).toEqual([['000000001', 'https://a/1.jpg']])
    expect([...parseUrl2Key('[{"url": "https://a/2.jpg", "key": 2}]')]).toEqual([['000000002', 'https://a/2.jpg']])
  })

  it('throws a clear error otherwise', () => {
    expect(() => parseUrl2Key('42')).toThrow(/expected an object/)
    expect(() => parseUrl2Key('[1]')).toThrow(/entry #0/)
    expect(() => parseUrl2Key('{"u": [1]}')).toThrow(/entry "u"/)
    expect(() => parseUrl2Key('{')).toThrow(/not valid JSON/)
  })
})
