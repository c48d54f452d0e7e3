import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { arrayBufferSource } from './arrayBufferSource.ts'
import type { AsyncBuffer } from './asyncBuffer.ts'
import { fileBuffer } from './fileBuffer.ts'
import { openNodeFile } from './nodeFileBuffer.ts'

const JPG = fileURLToPath(new URL('../../../shared/fixtures/finehard-mini/grit-12m/coyo_image_0/00000/000000000.jpg', import.meta.url))

const bytesOf = async (b: AsyncBuffer, s: number, e?: number): Promise<number[]> => Array.from(new Uint8Array(await b.slice(s, e)))

describe('local byte sources agree on every range', async () => {
  const whole = new Uint8Array(await readFile(JPG))
  const ab = whole.slice().buffer
  const node = await openNodeFile(JPG)
  const sources: [string, AsyncBuffer][] = [
    ['arrayBufferSource', arrayBufferSource(ab)],
    ['fileBuffer', fileBuffer(new Blob([whole]))],
    ['openNodeFile (prepared image folder)', node],
  ]
  const n = whole.length

  it.each(sources)('%s', async (_, source) => {
    expect(source.byteLength).toBe(n)
    expect(await bytesOf(source, 0, 3)).toEqual([0xff, 0xd8, 0xff])
    expect(await bytesOf(source, n - 2)).toEqual(Array.from(whole.subarray(n - 2)))
    expect(await bytesOf(source, -4, -2)).toEqual(Array.from(whole.subarray(n - 4, n - 2)))
    expect(await bytesOf(source, 100, 100)).toEqual([])
    expect(await bytesOf(source, n - 1, n + 50)).toEqual([whole[n - 1]])
    expect((await source.slice(0)).byteLength).toBe(n)
  })

  it('closes the node file', async () => {
    await node.close()
    await expect(node.slice(0, 1)).rejects.toThrow()
  })
})
