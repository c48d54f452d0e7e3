import { describe, expect, it } from 'vitest'
import { arrayBufferSource } from '../../io/arrayBufferSource.ts'
import { floatArrayToHalf, floatToHalf, halfToFloat } from './halfFloat.ts'
import { openSafetensors } from './safetensors.ts'
import { encodeSafetensors, type SafetensorsTensor } from './safetensorsWriter.ts'

const bytes = (v: ArrayBufferView): Uint8Array => new Uint8Array(v.buffer, v.byteOffset, v.byteLength)

function source(tensors: Map<string, SafetensorsTensor>): ReturnType<typeof arrayBufferSource> {
  const file = encodeSafetensors(tensors)
  return arrayBufferSource(file.buffer as ArrayBuffer)
}

describe('half floats', () => {
  it('round-trips representable values and rounds to nearest even', () => {
    for (const v of [0, 1, -2, 0.5, 65504, 6.103515625e-5, 5.960464477539063e-8, -0.333251953125])
      expect(halfToFloat(floatToHalf(v))).toBe(v)
    expect(halfToFloat(floatToHalf(1 + 2 ** -11))).toBe(1) // tie → even
    expect(halfToFloat(floatToHalf(1 + 3 * 2 ** -11))).toBe(1 + 2 ** -9) // tie → even (up)
    expect(halfToFloat(floatToHalf(1e6))).toBe(Infinity)
    expect(Number.isNaN(halfToFloat(floatToHalf(NaN)))).toBe(true)
    expect(halfToFloat(floatToHalf(2 ** -26))).toBe(0)
  })
})

describe('safetensors', () => {
  it('reads F32, F16 and BF16 tensors as float32', async () => {
    const values = Float32Array.from([1.5, -2, 0.25, 3])
    const bf16 = new Uint16Array(new Uint32Array(values.buffer.slice(0)).map((x) => x >>> 16))
    const file = await openSafetensors(
      source(
        new Map<string, SafetensorsTensor>([
          ['a', { dtype: 'F32', shape: [2, 2], bytes: bytes(values) }],
          ['b', { dtype: 'F16', shape: [4], bytes: bytes(floatArrayToHalf(values)) }],
          ['c', { dtype: 'BF16', shape: [1, 4], bytes: bytes(bf16) }],
        ]),
      ),
      'model.safetensors',
    )
    expect([...file.tensors.keys()]).toEqual(['a', 'b', 'c'])
    expect(file.tensors.get('c')?.shape).toEqual([1, 4])
    for (const name of ['a', 'b', 'c']) expect([...(await file.read(name))]).toEqual([...values])
  })

  it('names the file and the tensor in errors', async () => {
    await expect(openSafetensors(arrayBufferSource(new ArrayBuffer(4)), 'x.safetensors')).rejects.toThrow(/x.safetensors/)
    const broken = source(new Map([['w', { dtype: 'F32', shape: [3], bytes: new Uint8Array(8) } as const]]))
    await expect(openSafetensors(broken, 'm.safetensors')).rejects.toThrow(/m.safetensors: tensor w: data_offsets/)
    const ints = source(new Map([['i', { dtype: 'F32', shape: [1], bytes: new Uint8Array(4) } as const]]))
    const file = await openSafetensors(ints, 'm.safetensors')
    await expect(file.read('nope')).rejects.toThrow(/no tensor named nope/)
  })
})
