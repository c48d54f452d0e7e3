import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { preprocessImage, resizeBicubic, toRgb } from './preprocess'

interface PreprocessReference {
  mean: number[]
  std: number[]
  images: { name: string; width: number; height: number; rgb_base64: string }[]
  cases: { image: number; size: number; resized_rgb_base64: string; pixel_values?: number[] }[]
}

const reference = JSON.parse(
  readFileSync(new URL('testdata/reference/preprocess.json', import.meta.url), 'utf8'),
) as PreprocessReference

const bytes = (b64: string): Uint8Array => new Uint8Array(Buffer.from(b64, 'base64'))
const norm = { mean: reference.mean, std: reference.std }

describe('PIL bicubic resize vs Pillow', () => {
  it.each(reference.cases.map((c) => [reference.images[c.image].name, c.size, c] as const))(
    '%s → %i×%i matches the uint8 output exactly',
    (_, size, c) => {
      const img = reference.images[c.image]
      const resized = resizeBicubic({ width: img.width, height: img.height, data: bytes(img.rgb_base64) }, size, size)
      expect(resized.data).toEqual(bytes(c.resized_rgb_base64))
    },
  )
})

describe('preprocessImage vs the reference pixel_values', () => {
  // One uint8 step after normalisation is the agreed tolerance.
  const tolerance = 1 / 255 / Math.min(...reference.std)
  const withPixels = reference.cases.filter((c) => c.pixel_values !== undefined)

  it.each(withPixels.map((c) => [reference.images[c.image].name, c] as const))('%s, RGB and RGBA input', (name, c) => {
    const img = reference.images[c.image]
    const rgb = bytes(img.rgb_base64)
    const rgba = new Uint8ClampedArray(img.width * img.height * 4)
    for (let p = 0; p < img.width * img.height; p++) {
      rgba.set(rgb.subarray(p * 3, p * 3 + 3), p * 4)
      rgba[p * 4 + 3] = (p * 37) % 256 // alpha must not matter
    }
    const fromRgb = preprocessImage({ width: img.width, height: img.height, data: rgb, channels: 3 }, c.size, norm)
    const fromRgba = preprocessImage({ width: img.width, height: img.height, data: rgba }, c.size, norm)
    expect(fromRgba).toEqual(fromRgb)
    const expected = c.pixel_values ?? []
    expect(fromRgb.length).toBe(expected.length)
    let max = 0
    for (let i = 0; i < expected.length; i++) max = Math.max(max, Math.abs(fromRgb[i] - expected[i]))
    expect(max).toBeLessThanOrEqual(tolerance)
    console.info(`preprocess ${name} → ${c.size}: max |Δ| ${max.toExponential(2)} (tolerance ${tolerance.toFixed(4)})`)
  })
})

describe('preprocess basics', () => {
  it('same size is the identity', () => {
    const data = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 53) % 256)
    expect(resizeBicubic({ width: 5, height: 4, data }, 5, 4).data).toEqual(data)
  })

  it('lays out CHW with per-channel mean and std', () => {
    const data = new Uint8Array([255, 0, 51, 255, 0, 51, 255, 0, 51, 255, 0, 51])
    const out = preprocessImage({ width: 2, height: 2, data, channels: 3 }, 2, { mean: [0.5, 0, 0.1], std: [0.5, 1, 0.1] })
    expect(Array.from(out)).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1].map(Math.fround))
  })

  it('keeps a flat image flat when shrinking and enlarging', () => {
    const flat = { width: 9, height: 6, data: new Uint8Array(9 * 6 * 3).fill(77) }
    for (const [w, h] of [[3, 2], [20, 31]]) {
      expect(resizeBicubic(flat, w, h).data.every((v) => v === 77)).toBe(true)
    }
  })

  it('rejects pixel buffers that do not match the size', () => {
    expect(() => toRgb({ width: 3, height: 3, data: new Uint8Array(10) })).toThrow()
    expect(() => preprocessImage({ width: 1, height: 1, data: new Uint8Array(3) }, 2, { mean: [0], std: [1] })).toThrow()
  })
})
