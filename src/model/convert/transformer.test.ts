import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import type { HiddenAct } from './checkpointConfig.ts'
import { createGraphBuilder } from './graphBuilder.ts'
import { DataType, encodeModel } from './onnxProto.ts'
import { toBytes } from './protobufWriter.ts'
import { activation } from './transformer.ts'

/** erf by Abramowitz–Stegun 7.1.26 (|error| < 1.5e-7), enough to check the exact gelu. */
function erf(x: number): number {
  const t = 1 / (1 + 0.3275911 * Math.abs(x))
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x)
  return Math.sign(x) * y
}

const REFERENCE: Record<HiddenAct, (x: number) => number> = {
  quick_gelu: (x) => x / (1 + Math.exp(-1.702 * x)),
  gelu: (x) => 0.5 * x * (1 + erf(x / Math.SQRT2)),
  gelu_new: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
  gelu_pytorch_tanh: (x) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3))),
}

describe('activations', () => {
  for (const act of Object.keys(REFERENCE) as HiddenAct[]) {
    it(`${act} matches its formula`, async () => {
      const b = createGraphBuilder('float32')
      b.op('Identity', [activation(b, b.input('x', DataType.FLOAT, ['n']), act)], [], 'y')
      b.output('y', DataType.FLOAT, ['n'])
      const model = toBytes(encodeModel({ graph: b.build('act'), opsetVersion: 17, producerName: 't', producerVersion: '0' }))
      const xs = Float32Array.from({ length: 81 }, (_, i) => (i - 40) / 8)
      const { y } = await (await ort.InferenceSession.create(model)).run({ x: new ort.Tensor('float32', xs, [xs.length]) })
      xs.forEach((x, i) => expect((y.data as Float32Array)[i]).toBeCloseTo(REFERENCE[act](x), 5))
    })
  }
})
