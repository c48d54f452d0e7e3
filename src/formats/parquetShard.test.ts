import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { arrayBufferSource } from '../io/arrayBufferSource.ts'
import type { AsyncBuffer } from '../io/asyncBuffer.ts'
import { openHttpBuffer } from '../io/httpBuffer.ts'
import { openNodeFile } from '../io/nodeFileBuffer.ts'
import { openShard, readShardImage, readShardRows, shardKeyIndex } from './parquetShard.ts'
import { FIXTURES } from './testdata/fixtures.ts'

/** Wraps a buffer to record which byte ranges readers ask for. */
function counting(inner: AsyncBuffer): { buffer: AsyncBuffer; bytesRead: () => number } {
  let bytes = 0
  return {
    buffer: {
      byteLength: inner.byteLength,
      slice(start: number, end?: number) {
        bytes += (end ?? inner.byteLength) - start
        return inner.slice(start, end)
      },
    },
    bytesRead: () => bytes,
  }
}

describe('metadata shard fixture', () => {
  it('reads schema, key index and rows, failed download included', async () => {
    const file = await openNodeFile(join(FIXTURES, 'coyo_image_0/00000.parquet'))
    const shard = await openShard(file, 'coyo_image_0/00000.parquet')
    expect(shard).toMatchObject({ part: 0, shard: '00000', numRows: 4, imageColumn: null })
    expect(shard.columns).toEqual(['url', 'key', 'status', 'error_message', 'width', 'height', 'original_width', 'original_height'])
    const keys = await shardKeyIndex(shard)
    expect(keys.get('000000003')).toBe(3)
    expect(await shardKeyIndex(shard)).toBe(keys)
    const [row] = await readShardRows(shard, 3, 4)
    expect(row).toMatchObject({ key: '000000003', status: 'failed_to_download', error_message: 'HTTP Error 404: Not Found', width: null })
    expect(await readShardImage(shard, 0)).toBeNull()
    await file.close()
  })
})

describe('inline image shard fixture', () => {
  it('returns JPEG bytes for a row', async () => {
    const file = await openNodeFile(join(FIXTURES, 'embedded_images/00000.parquet'))
    const shard = await openShard(file, 'embedded_images/00000.parquet')
    expect(shard).toMatchObject({ part: null, shard: '00000', numRows: 3, imageColumn: 'jpg' })
    const bytes = await readShardImage(shard, 2)
    expect(bytes).toBeInstanceOf(Uint8Array)
    expect(Array.from(bytes!.subarray(0, 3))).toEqual([0xff, 0xd8, 0xff])
    const rows = await readShardRows(shard, 0, 3)
    expect(rows.map((r) => Object.keys(r))).toEqual(Array(3).fill(['key', 'url', 'width', 'height']))
    await file.close()
  })
})

describe('inline image shard over HTTP range requests', () => {
  it('reads one image with a handful of requests', async () => {
    const data = await readFile(join(FIXTURES, 'embedded_images/00000.parquet'))
    const served: string[] = []
    const server = createServer((req, res) => {
      const [, s, e] = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '') ?? []
      served.push(req.headers.range ?? 'whole')
      if (s === undefined) return void res.writeHead(200).end(data)
      const end = Math.min(Number(e), data.length - 1)
      res.writeHead(206, { 'Content-Range': `bytes ${s}-${end}/${data.length}` }).end(data.subarray(Number(s), end + 1))
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/coyo_image_0/00000.parquet`
      const buffer = await openHttpBuffer(url)
      const shard = await openShard(buffer, 'coyo_image_0/00000.parquet')
      const [bytes, keys] = await Promise.all([readShardImage(shard, 1), shardKeyIndex(shard)])
      expect(Array.from(bytes!.subarray(0, 2))).toEqual([0xff, 0xd8])
      expect(keys.get('000000001')).toBe(1)
      expect(served).not.toContain('whole')
      expect(buffer.requestCount()).toBe(served.length)
      expect(served.length).toBeLessThanOrEqual(4)
    } finally {
      await new Promise<void>((r) => server.close(() => r()))
    }
  })
})

describe('generated shard with inline bytes', () => {
  const n = 3000
  const image = (i: number): Uint8Array => {
    const b = new Uint8Array(2000).fill(i % 251)
    b.set([0xff, 0xd8, 0xff, 0xe0])
    return b
  }
  const ab = parquetWriteBuffer({
    columnData: [
      { name: 'key', data: Array.from({ length: n }, (_, i) => `00007${String(i).padStart(4, '0')}`), type: 'STRING' },
      { name: 'jpg', data: Array.from({ length: n }, (_, i) => image(i)), type: 'BYTE_ARRAY' },
      { name: 'size', data: Array.from({ length: n }, (_, i) => BigInt(i * 10)), type: 'INT64' },
    ],
    rowGroupSize: 1000,
  })

  it('reads one image from its own row group only, and converts bigints', async () => {
    const { buffer, bytesRead } = counting(arrayBufferSource(ab))
    const shard = await openShard(buffer, 'x/coyo_image_4/00007.parquet')
    expect(shard).toMatchObject({ part: 4, shard: '00007', numRows: n, imageColumn: 'jpg' })
    expect(shard.metadata.row_groups.length).toBe(3)
    const before = bytesRead()
    const bytes = await readShardImage(shard, 2500)
    expect(bytes).toEqual(image(2500))
    // One row group's image column is ~2 MB of the ~6 MB file; far less is read.
    expect(bytesRead() - before).toBeLessThan(ab.byteLength / 2)
    const [row] = await readShardRows(shard, 2500, 2501)
    expect(row).toEqual({ key: '000072500', size: 25000 })
    expect((await shardKeyIndex(shard)).get('000071234')).toBe(1234)
  })

  it('reads a Hugging Face style image struct', async () => {
    const hf = parquetWriteBuffer({
      columnData: [{ name: 'image', data: [{ bytes: image(1), path: 'a.jpg' }] }],
      schema: [
        { name: 'root', num_children: 1 },
        { name: 'image', num_children: 2, repetition_type: 'OPTIONAL' },
        { name: 'bytes', type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL' },
        { name: 'path', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    })
    const shard = await openShard(arrayBufferSource(hf), 'hf.parquet')
    expect(shard.imageColumn).toBe('image')
    expect(await readShardImage(shard, 0)).toEqual(image(1))
  })
})
