import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { jpegOrientation, withStoredOrientation } from './jpegOrientation.ts'

const jpeg = (orientation?: number) => {
  const image = sharp({ create: { width: 8, height: 4, channels: 3, background: { r: 200, g: 10, b: 10 } } }).jpeg()
  return (orientation ? image.withMetadata({ orientation }) : image).toBuffer().then((b) => new Uint8Array(b))
}

describe('EXIF orientation', () => {
  it('reads the tag and resets it to "as stored" without touching anything else', async () => {
    const rotated = await jpeg(6)
    expect(jpegOrientation(rotated)).toBe(6)
    const stored = withStoredOrientation(rotated)
    expect(jpegOrientation(stored)).toBe(1)
    expect(jpegOrientation(rotated)).toBe(6)
    expect(stored.length).toBe(rotated.length)
    expect(stored.filter((b, i) => b !== rotated[i]).length).toBe(1)
    // Decoded as stored: 8×4, where a rotating reader sees 4×8.
    const oriented = (bytes: Uint8Array) => sharp(bytes).autoOrient().toBuffer({ resolveWithObject: true }).then((r) => [r.info.width, r.info.height])
    expect(await oriented(stored)).toEqual([8, 4])
    expect(await oriented(rotated)).toEqual([4, 8])
  })

  it('leaves pictures without the tag, and other formats, as they are', async () => {
    const plain = await jpeg()
    expect(jpegOrientation(plain)).toBeNull()
    expect(withStoredOrientation(plain)).toBe(plain)
    const png = new Uint8Array(await sharp({ create: { width: 2, height: 2, channels: 3, background: 'red' } }).png().toBuffer())
    expect(withStoredOrientation(png)).toBe(png)
    const truncated = (await jpeg(6)).subarray(0, 30)
    expect(() => withStoredOrientation(truncated)).not.toThrow()
  })
})
