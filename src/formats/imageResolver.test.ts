import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { arrayBufferSource } from '../io/arrayBufferSource.ts'
import { openNodeFile, type NodeFileBuffer } from '../io/nodeFileBuffer.ts'
import { parseImagePath } from './imagePath.ts'
import { resolveImage, type ImageCatalog } from './imageResolver.ts'
import { openShard, type Shard } from './parquetShard.ts'
import { FIXTURES } from './testdata/fixtures.ts'
import type { ImageRef } from './types.ts'
import { parseUrl2Key } from './url2key.ts'

const ref = (key: string, part = 0): ImageRef => parseImagePath(`grit-20m/data-12m/coyo_image_${part}/00000/${key}.jpg`)!

const opened: NodeFileBuffer[] = []
async function open(rel: string): Promise<NodeFileBuffer> {
  const f = await openNodeFile(join(FIXTURES, rel))
  opened.push(f)
  return f
}

let metadataShard: Shard
let inlineShard: Shard
let keyToUrl: ImageCatalog['keyToUrl']
let localFiles: Map<string, AsyncBuffer>

beforeAll(async () => {
  metadataShard = await openShard(await open('coyo_image_0/00000.parquet'), 'coyo_image_0/00000.parquet')
  inlineShard = await openShard(await open('embedded_images/00000.parquet'), 'embedded_images/00000.parquet')
  keyToUrl = new Map([[0, parseUrl2Key(await readFile(join(FIXTURES, 'url2key_jsons/url2key_coyo_image_0.json'), 'utf8'))]])
  localFiles = new Map()
  for (const k of ['000000000', '000000001', '000000002']) {
    localFiles.set(`coyo_image_0/00000/${k}.jpg`, await open(`grit-12m/coyo_image_0/00000/${k}.jpg`))
  }
})
afterAll(async () => {
  for (const f of opened) await f.close()
})

const empty = (): ImageCatalog => ({ localFiles: new Map(), shards: [], keyToUrl: new Map(), imagesBaseUrl: null })

describe('resolveImage', () => {
  it('prefers the prepared image folder', async () => {
    const r = await resolveImage(ref('000000001'), { ...empty(), localFiles, shards: [inlineShard, metadataShard] })
    expect(r).toMatchObject({ kind: 'local', path: 'coyo_image_0/00000/000000001.jpg', mime: 'image/jpeg' })
    if (r.kind !== 'local') throw new Error('unreachable')
    expect(r.bytes).toEqual(new Uint8Array(await readFile(join(FIXTURES, 'grit-12m/coyo_image_0/00000/000000001.jpg'))))
  })

  it('builds a URL into a served prepared folder', async () => {
    const r = await resolveImage(ref('000000002'), { ...empty(), imagesBaseUrl: 'http://host/grit-12m/' })
    expect(r).toEqual({ kind: 'url', url: 'http://host/grit-12m/coyo_image_0/00000/000000002.jpg', via: 'prepared-folder', shardRow: null })
  })

  it('returns inline JPEG bytes from a shard matched by its key column', async () => {
    const r = await resolveImage(ref('000000002'), { ...empty(), shards: [metadataShard, inlineShard] })
    expect(r).toMatchObject({ kind: 'inline', shardName: 'embedded_images/00000.parquet', row: 2, mime: 'image/jpeg' })
  })

  it('uses the shard row url and returns the row', async () => {
    const r = await resolveImage(ref('000000000'), { ...empty(), shards: [metadataShard] })
    expect(r).toMatchObject({ kind: 'url', via: 'shard', url: 'https://images.example.org/coyo/00000/cat_dfclor.jpg' })
    if (r.kind !== 'url') throw new Error('unreachable')
    expect(r.shardRow).toMatchObject({ status: 'success', width: 640 })
  })

  it('says why a failed download is unavailable', async () => {
    const r = await resolveImage(ref('000000003'), { ...empty(), shards: [metadataShard], keyToUrl })
    expect(r.kind).toBe('unavailable')
    if (r.kind !== 'unavailable') throw new Error('unreachable')
    expect(r.reason).toContain('failed_to_download')
    expect(r.reason).toContain('HTTP Error 404: Not Found')
    expect(r.shardRow).toMatchObject({ key: '000000003' })
  })

  it('finds an FG-OVD picture by its img_path, or by file name when picked on its own', async () => {
    const bytes = arrayBufferSource(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]).buffer)
    const byPath = await resolveImage(parseImagePath('val2017/000000113867.jpg')!, { ...empty(), localFiles: new Map([['val2017/000000113867.jpg', bytes]]) })
    expect(byPath).toMatchObject({ kind: 'local', mime: 'image/jpeg' })
    const byName = await resolveImage(parseImagePath('val2017/000000113867.jpg')!, { ...empty(), localFiles: new Map([['000000113867.jpg', bytes]]) })
    expect(byName).toMatchObject({ kind: 'local', mime: 'image/jpeg' })
  })

  it('falls back to the url2key map', async () => {
    const r = await resolveImage(ref('000000001'), { ...empty(), keyToUrl })
    expect(r).toEqual({ kind: 'url', url: 'https://images.example.org/coyo/00000/part.jpg', via: 'url2key', shardRow: null })
  })

  it('explains what is missing', async () => {
    const none = await resolveImage(ref('000000001', 5), empty())
    expect(none.kind === 'unavailable' && none.reason).toMatch(/no shard coyo_image_5\/00000\.parquet opened.*no url2key_coyo_image_5\.json opened/)
    const notFound = await resolveImage(ref('000000009'), { ...empty(), shards: [metadataShard], keyToUrl })
    expect(notFound.kind === 'unavailable' && notFound.reason).toMatch(/key 000000009 is not in shard.*not in url2key_coyo_image_0/)
    // Keys repeat across parts: a part-0 shard must not answer for part 5.
    const otherPart = await resolveImage(ref('000000000', 5), { ...empty(), shards: [metadataShard] })
    expect(otherPart.kind).toBe('unavailable')
    const fgovd = await resolveImage(parseImagePath('val2017/000000113867.jpg')!, empty())
    expect(fgovd.kind === 'unavailable' && fgovd.reason).toContain('not a FineHARD')
  })
})
