import type { AsyncBuffer } from '../../io/asyncBuffer.ts'
import { bfloat16ArrayToFloat, halfArrayToFloat } from './halfFloat.ts'

/** Float dtypes a checkpoint may store; everything is widened to float32 on read. */
export type FloatDtype = 'F32' | 'F16' | 'BF16'

const BYTES: Record<FloatDtype, number> = { F32: 4, F16: 2, BF16: 2 }

export interface TensorInfo {
  readonly name: string
  readonly dtype: FloatDtype
  readonly shape: readonly number[]
  /** Absolute byte range in the file. */
  readonly begin: number
  readonly end: number
}

export interface SafetensorsFile {
  readonly tensors: ReadonlyMap<string, TensorInfo>
  /** The tensor's values as float32 (a fresh array the caller may modify). */
  read(name: string): Promise<Float32Array>
}

// A header is JSON metadata; anything this large means a corrupt or non-safetensors file.
const MAX_HEADER_BYTES = 100 * 1024 * 1024

function isFloatDtype(d: unknown): d is FloatDtype {
  return d === 'F32' || d === 'F16' || d === 'BF16'
}

function parseEntry(fileName: string, name: string, raw: unknown, dataStart: number, fileEnd: number): TensorInfo {
  const bad = (why: string): Error => new Error(`${fileName}: tensor ${name}: ${why}`)
  if (typeof raw !== 'object' || raw === null) throw bad('header entry is not an object')
  const { dtype, shape, data_offsets: offsets } = raw as Record<string, unknown>
  if (!isFloatDtype(dtype)) throw bad(`unsupported dtype ${String(dtype)} (expected F32, F16 or BF16)`)
  if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0)) throw bad('bad shape')
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isInteger(d) && d >= 0))
    throw bad('bad data_offsets')
  const [begin, end] = [dataStart + Number(offsets[0]), dataStart + Number(offsets[1])]
  const count = (shape as number[]).reduce((n, d) => n * d, 1)
  if (end - begin !== count * BYTES[dtype] || end > fileEnd)
    throw bad(`data_offsets [${String(offsets)}] do not match shape [${String(shape)}] ${dtype} or run past the file end`)
  return { name, dtype, shape: shape as number[], begin, end }
}

function widen(dtype: FloatDtype, bytes: ArrayBuffer): Float32Array {
  if (dtype === 'F32') return new Float32Array(bytes)
  const bits = new Uint16Array(bytes)
  return dtype === 'F16' ? halfArrayToFloat(bits) : bfloat16ArrayToFloat(bits)
}

/** Reads the header of a safetensors file; tensor bytes are fetched only when `read` asks. */
export async function openSafetensors(source: AsyncBuffer, fileName: string): Promise<SafetensorsFile> {
  if (source.byteLength < 8) throw new Error(`${fileName}: too short to be a safetensors file`)
  const lengthBytes = new DataView(await source.slice(0, 8))
  const headerLength = Number(lengthBytes.getBigUint64(0, true))
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > source.byteLength)
    throw new Error(`${fileName}: bad header length ${headerLength} (not a safetensors file?)`)
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder().decode(await source.slice(8, 8 + headerLength)))
  } catch (e) {
    throw new Error(`${fileName}: header is not valid JSON (${(e as Error).message})`)
  }
  if (typeof header !== 'object' || header === null) throw new Error(`${fileName}: header is not a JSON object`)
  const dataStart = 8 + headerLength
  const tensors = new Map<string, TensorInfo>()
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') continue
    tensors.set(name, parseEntry(fileName, name, raw, dataStart, source.byteLength))
  }
  return {
    tensors,
    async read(name) {
      const info = tensors.get(name)
      if (!info) throw new Error(`${fileName}: no tensor named ${name}`)
      const bytes = await source.slice(info.begin, info.end)
      // A Float32Array needs 4-byte alignment; a slice is a fresh buffer at offset 0.
      return widen(info.dtype, bytes)
    },
  }
}
