import { floatArrayToHalf } from './halfFloat.ts'
import { DataType, type AttributeDef, type Dim, type GraphDef, type NodeDef, type TensorDef, type ValueInfoDef } from './onnxProto.ts'

/** How float weights are stored in the graph. Compute is always float32 (see `weight`). */
export type WeightDtype = 'float32' | 'float16'

export interface GraphBuilder {
  /** Declares a graph input and returns its value name. */
  input(name: string, elemType: DataType, dims: readonly Dim[]): string
  /** Declares an already produced value as a graph output. */
  output(name: string, elemType: DataType, dims: readonly Dim[]): void
  /** A float weight; returns a float32 value whatever the storage dtype. */
  weight(name: string, dims: readonly number[], data: Float32Array): string
  /** An int64 constant, shared between all nodes that ask for the same values. */
  int64(values: readonly number[], dims?: readonly number[]): string
  /** A float32 constant (not a checkpoint weight: never stored as float16). */
  float(values: readonly number[], dims?: readonly number[]): string
  /** Adds a node with one output; `output` names it (graph outputs need fixed names). */
  op(opType: string, inputs: readonly string[], attributes?: readonly AttributeDef[], output?: string): string
  build(name: string): GraphDef
}

export const int = (name: string, value: number): AttributeDef => ({ name, kind: 'int', value })
export const ints = (name: string, value: readonly number[]): AttributeDef => ({ name, kind: 'ints', value })
export const float = (name: string, value: number): AttributeDef => ({ name, kind: 'float', value })

function bytesOf(view: ArrayBufferView): Uint8Array {
  // ONNX raw_data is little-endian, as are the typed arrays on every platform we run on.
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength)
}

export function createGraphBuilder(weightDtype: WeightDtype): GraphBuilder {
  const nodes: NodeDef[] = []
  const initializers: TensorDef[] = []
  const inputs: ValueInfoDef[] = []
  const outputs: ValueInfoDef[] = []
  const constants = new Map<string, string>()
  const used = new Set<string>()

  const unique = (hint: string): string => {
    let name = hint
    for (let i = 1; used.has(name); i++) name = `${hint}_${i}`
    used.add(name)
    return name
  }

  const addNode = (opType: string, ins: readonly string[], attributes: readonly AttributeDef[], out: string): string => {
    const output = unique(out)
    nodes.push({ name: unique(`${opType}_node`), opType, inputs: ins, outputs: [output], attributes })
    return output
  }

  const initializer = (name: string, dataType: DataType, dims: readonly number[], bytes: Uint8Array): string => {
    const named = unique(name)
    initializers.push({ name: named, dataType, dims, data: { kind: 'raw', bytes } })
    return named
  }

  const constant = (kind: 'i64' | 'f32', values: readonly number[], dims: readonly number[]): string => {
    const key = `${kind}:${dims.join(',')}:${values.join(',')}`
    const known = constants.get(key)
    if (known) return known
    const bytes =
      kind === 'i64' ? bytesOf(BigInt64Array.from(values, (v) => BigInt(v))) : bytesOf(Float32Array.from(values))
    const name = initializer(`const_${kind}`, kind === 'i64' ? DataType.INT64 : DataType.FLOAT, dims, bytes)
    constants.set(key, name)
    return name
  }

  return {
    input(name, elemType, dims) {
      const named = unique(name)
      inputs.push({ name: named, elemType, dims })
      return named
    },
    output(name, elemType, dims) {
      outputs.push({ name, elemType, dims })
    },
    weight(name, dims, data) {
      if (weightDtype === 'float32') return initializer(name, DataType.FLOAT, dims, bytesOf(data))
      // float16 storage halves the download; the Cast on a constant is folded by onnxruntime at
      // session start, so kernels stay float32 (WebGPU without shader-f16 still works).
      const stored = initializer(`${name}_fp16`, DataType.FLOAT16, dims, bytesOf(floatArrayToHalf(data)))
      return addNode('Cast', [stored], [int('to', DataType.FLOAT)], name)
    },
    int64: (values, dims = [values.length]) => constant('i64', values, dims),
    float: (values, dims = [values.length]) => constant('f32', values, dims),
    op: (opType, ins, attributes = [], output) => addNode(opType, ins, attributes, output ?? opType.toLowerCase()),
    build: (name) => ({ name, nodes, initializers, inputs, outputs }),
  }
}
