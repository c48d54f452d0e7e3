// FG-CLIP image preprocessing: squash to S×S with PIL's bicubic resize, scale to 0..1,
// normalise per channel, lay out as CHW. Matching PIL to the uint8 step matters because the
// reference pipeline (and the checkpoint's training) resized with PIL.

/** Pixels as ImageData holds them (RGBA) or packed RGB; alpha is ignored, as PIL's convert('RGB') does. */
export interface PixelImage {
  width: number
  height: number
  data: Uint8ClampedArray | Uint8Array
  /** Bytes per pixel; inferred from data.length when absent. */
  channels?: 3 | 4
}

export interface Normalisation {
  mean: readonly number[]
  std: readonly number[]
}

/** Packed RGB, 3 bytes per pixel, row-major. */
export interface RgbImage {
  width: number
  height: number
  data: Uint8Array
}

// PIL resamples 8-bit images with fixed-point coefficients of this many fraction bits.
const PRECISION_BITS = 22
const ONE = 2 ** PRECISION_BITS
const HALF = 2 ** (PRECISION_BITS - 1)
const BICUBIC_SUPPORT = 2
const BICUBIC_A = -0.5

function bicubic(x: number): number {
  const t = Math.abs(x)
  if (t < 1) return ((BICUBIC_A + 2) * t - (BICUBIC_A + 3)) * t * t + 1
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * BICUBIC_A
  return 0
}

/** Per output pixel: the first input pixel it reads and its fixed-point weights. */
interface Coefficients {
  first: Int32Array
  count: Int32Array
  /** `taps` weights per output pixel. */
  weights: Int32Array
  taps: number
}

/**
 * One axis of PIL's resample: the kernel is stretched by the shrink factor (antialiasing),
 * centred on the output pixel's centre in input coordinates, clipped to the image, normalised
 * to sum 1, then rounded to fixed point.
 */
function coefficients(inSize: number, outSize: number): Coefficients {
  const scale = inSize / outSize
  const filterScale = Math.max(scale, 1)
  const support = BICUBIC_SUPPORT * filterScale
  // Multiplying by the reciprocal (not dividing) keeps PIL's exact double rounding.
  const inverseScale = 1 / filterScale
  const taps = Math.ceil(support) * 2 + 1
  const first = new Int32Array(outSize)
  const count = new Int32Array(outSize)
  const weights = new Int32Array(outSize * taps)
  const raw = new Float64Array(taps)
  for (let o = 0; o < outSize; o++) {
    const centre = (o + 0.5) * scale
    const lo = Math.max(Math.trunc(centre - support + 0.5), 0)
    const n = Math.min(Math.trunc(centre + support + 0.5), inSize) - lo
    let sum = 0
    for (let i = 0; i < n; i++) {
      raw[i] = bicubic((i + lo - centre + 0.5) * inverseScale)
      sum += raw[i]
    }
    for (let i = 0; i < n; i++) {
      const w = sum === 0 ? raw[i] : raw[i] / sum
      // Round half away from zero, as PIL's conversion to fixed point does.
      weights[o * taps + i] = w < 0 ? Math.trunc(w * ONE - 0.5) : Math.trunc(w * ONE + 0.5)
    }
    first[o] = lo
    count[o] = n
  }
  return { first, count, weights, taps }
}

function clampByte(fixed: number): number {
  // Floor division is the arithmetic shift PIL uses to drop the fraction bits.
  const v = Math.floor(fixed / ONE)
  return v < 0 ? 0 : v > 255 ? 255 : v
}

/** Resamples along x (stride 3 between neighbours) or y (stride 3·width); rows/columns independent. */
function resampleAxis(src: RgbImage, outWidth: number, outHeight: number, horizontal: boolean): RgbImage {
  const c = horizontal ? coefficients(src.width, outWidth) : coefficients(src.height, outHeight)
  const out = new Uint8Array(outWidth * outHeight * 3)
  const step = horizontal ? 3 : src.width * 3
  for (let y = 0; y < outHeight; y++) {
    for (let x = 0; x < outWidth; x++) {
      const o = horizontal ? x : y
      const base = horizontal ? (y * src.width + c.first[o]) * 3 : (c.first[o] * src.width + x) * 3
      const wBase = o * c.taps
      const n = c.count[o]
      const dst = (y * outWidth + x) * 3
      for (let ch = 0; ch < 3; ch++) {
        let acc = HALF
        for (let i = 0; i < n; i++) acc += src.data[base + i * step + ch] * c.weights[wBase + i]
        out[dst + ch] = clampByte(acc)
      }
    }
  }
  return { width: outWidth, height: outHeight, data: out }
}

function channelsOf(image: PixelImage): 3 | 4 {
  const pixels = image.width * image.height
  const channels = image.channels ?? (image.data.length === pixels * 3 ? 3 : 4)
  if (image.data.length !== pixels * channels || pixels === 0) {
    throw new Error(
      `preprocess: ${image.width}×${image.height} image with ${channels} channels needs ` +
        `${pixels * channels} bytes, got ${image.data.length}`,
    )
  }
  return channels
}

export function toRgb(image: PixelImage): RgbImage {
  const channels = channelsOf(image)
  const pixels = image.width * image.height
  const data = new Uint8Array(pixels * 3)
  for (let p = 0; p < pixels; p++) {
    data[p * 3] = image.data[p * channels]
    data[p * 3 + 1] = image.data[p * channels + 1]
    data[p * 3 + 2] = image.data[p * channels + 2]
  }
  return { width: image.width, height: image.height, data }
}

/**
 * PIL's Image.resize(size, BICUBIC) on an RGB image: horizontal pass, then vertical, each
 * rounded and clamped to uint8; an axis whose size is unchanged is skipped, as in PIL.
 */
export function resizeBicubic(image: RgbImage, outWidth: number, outHeight: number): RgbImage {
  let current = image
  if (outWidth !== current.width) current = resampleAxis(current, outWidth, current.height, true)
  if (outHeight !== current.height) current = resampleAxis(current, outWidth, outHeight, false)
  return current
}

/** The image tower's input: Float32Array [3, size, size], ((v/255) − mean) / std per channel. */
export function preprocessImage(image: PixelImage, size: number, norm: Normalisation): Float32Array {
  if (norm.mean.length !== 3 || norm.std.length !== 3) {
    throw new Error('preprocess: mean and std need 3 values (R, G, B)')
  }
  const resized = resizeBicubic(toRgb(image), size, size)
  const plane = size * size
  const out = new Float32Array(3 * plane)
  for (let ch = 0; ch < 3; ch++) {
    const mean = norm.mean[ch]
    const std = norm.std[ch]
    for (let p = 0; p < plane; p++) out[ch * plane + p] = (resized.data[p * 3 + ch] / 255 - mean) / std
  }
  return out
}
