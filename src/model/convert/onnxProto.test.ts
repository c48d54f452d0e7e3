import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { createGraphBuilder, int } from './graphBuilder.ts'
import { DataType, encodeModel } from './onnxProto.ts'
import { toBytes, varint } from './protobufWriter.ts'

function modelBytes(build: (b: ReturnType<typeof createGraphBuilder>) => void, dtype: 'float32' | 'float16' = 'float32'): Uint8Array {
  const b = createGraphBuilder(dtype)
  build(b)
  return toBytes(encodeModel({ graph: b.build('test'), opsetVersion: 17, producerName: 'test', producerVersion: '0' }))
}

describe('protobuf writer', () => {
  it('encodes varints like protobuf (incl. negative int64 as 10 bytes)', () => {
    expect([...varint(0)]).toEqual([0])
    expect([...varint(300)]).toEqual([0xac, 0x02])
    expect([...varint(-1)]).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01])
    expect([...varint(2 ** 40)]).toEqual([0x80, 0x80, 0x80, 0x80, 0x80, 0x20])
  })
})

describe('ONNX encoding round trip through onnxruntime-node', () => {
  it('runs an Add graph with a weight and a symbolic batch dim', async () => {
    const bytes = modelBytes((b) => {
      const x = b.input('x', DataType.FLOAT, ['N', 3])
      const w = b.weight('w', [3], Float32Array.from([1, 2, 3]))
      b.op('Add', [x, w], [], 'y')
      b.output('y', DataType.FLOAT, ['N', 3])
    })
    const session = await ort.InferenceSession.create(bytes)
    expect(session.inputNames).toEqual(['x'])
    expect(session.outputNames).toEqual(['y'])
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from([1, 1, 1, 5, 5, 5]), [2, 3]) })
    expect([...(y.data as Float32Array)]).toEqual([2, 3, 4, 6, 7, 8])
  })

  it('stores float16 weights and computes in float32; int attributes incl. negatives', async () => {
    const bytes = modelBytes((b) => {
      const x = b.input('x', DataType.FLOAT, ['N', 'L'])
      const w = b.weight('w', [2], Float32Array.from([0.5, -0.25]))
      const s = b.op('Mul', [x, w])
      b.op('Softmax', [s], [int('axis', -1)], 'y')
      b.output('y', DataType.FLOAT, ['N', 'L'])
    }, 'float16')
    const session = await ort.InferenceSession.create(bytes)
    const { y } = await session.run({ x: new ort.Tensor('float32', Float32Array.from([2, 4]), [1, 2]) })
    const [a, c] = [Math.exp(1), Math.exp(-1)]
    expect(y.data[0]).toBeCloseTo(a / (a + c), 6)
  })

  it('shares equal int64 constants', () => {
    const b = createGraphBuilder('float32')
    expect(b.int64([0, 0, -1])).toBe(b.int64([0, 0, -1]))
    expect(b.int64([0, 0, -1])).not.toBe(b.int64([0, -1]))
  })
})
