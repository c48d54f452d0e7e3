import {
  bytesField,
  floatField,
  message,
  messageField,
  packedVarintField,
  stringField,
  varintField,
  type Encoded,
} from './protobufWriter.ts'

/**
 * Plain descriptions of the ONNX messages this converter emits, and their encoders. Field numbers
 * follow onnx/onnx.proto (IR version 8, the one that goes with opset 17).
 */

/** TensorProto.DataType values used here. */
export const DataType = { FLOAT: 1, INT64: 7, FLOAT16: 10 } as const
export type DataType = (typeof DataType)[keyof typeof DataType]

const IR_VERSION = 8

/** Where a tensor's bytes live: inline (raw_data) or in an external data file. */
export type TensorData =
  | { readonly kind: 'raw'; readonly bytes: Uint8Array }
  | { readonly kind: 'external'; readonly location: string; readonly offset: number; readonly length: number }

export interface TensorDef {
  readonly name: string
  readonly dataType: DataType
  readonly dims: readonly number[]
  readonly data: TensorData
}

export type AttributeDef =
  | { readonly name: string; readonly kind: 'int'; readonly value: number }
  | { readonly name: string; readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly name: string; readonly kind: 'float'; readonly value: number }

export interface NodeDef {
  readonly name: string
  readonly opType: string
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
  readonly attributes: readonly AttributeDef[]
}

/** A dimension is a fixed size or a symbolic name (dynamic batch, sequence length). */
export type Dim = number | string

export interface ValueInfoDef {
  readonly name: string
  readonly elemType: DataType
  readonly dims: readonly Dim[]
}

export interface GraphDef {
  readonly name: string
  readonly nodes: readonly NodeDef[]
  readonly initializers: readonly TensorDef[]
  readonly inputs: readonly ValueInfoDef[]
  readonly outputs: readonly ValueInfoDef[]
}

export interface ModelDef {
  readonly graph: GraphDef
  readonly opsetVersion: number
  readonly producerName: string
  readonly producerVersion: string
}

function encodeTensor(t: TensorDef): Encoded {
  const head = [packedVarintField(1, t.dims), varintField(2, t.dataType), stringField(8, t.name)]
  if (t.data.kind === 'raw') return message([...head, bytesField(9, t.data.bytes)])
  const entry = (k: string, v: string): Encoded => messageField(13, message([stringField(1, k), stringField(2, v)]))
  return message([
    ...head,
    entry('location', t.data.location),
    entry('offset', String(t.data.offset)),
    entry('length', String(t.data.length)),
    varintField(14, 1), // data_location = EXTERNAL
  ])
}

// AttributeProto.AttributeType values.
const ATTR_FLOAT = 1
const ATTR_INT = 2
const ATTR_INTS = 7

function encodeAttribute(a: AttributeDef): Encoded {
  const name = stringField(1, a.name)
  switch (a.kind) {
    case 'float':
      return message([name, floatField(2, a.value), varintField(20, ATTR_FLOAT)])
    case 'int':
      return message([name, varintField(3, a.value), varintField(20, ATTR_INT)])
    case 'ints':
      return message([name, packedVarintField(8, a.value), varintField(20, ATTR_INTS)])
  }
}

function encodeNode(n: NodeDef): Encoded {
  return message([
    ...n.inputs.map((i) => stringField(1, i)),
    ...n.outputs.map((o) => stringField(2, o)),
    stringField(3, n.name),
    stringField(4, n.opType),
    ...n.attributes.map((a) => messageField(5, encodeAttribute(a))),
  ])
}

function encodeValueInfo(v: ValueInfoDef): Encoded {
  const dims = v.dims.map((d) =>
    messageField(1, typeof d === 'number' ? varintField(1, d) : stringField(2, d)),
  )
  const shape = message(dims)
  const tensorType = message([varintField(1, v.elemType), messageField(2, shape)])
  const type = message([messageField(1, tensorType)])
  return message([stringField(1, v.name), messageField(2, type)])
}

function encodeGraph(g: GraphDef): Encoded {
  return message([
    ...g.nodes.map((n) => messageField(1, encodeNode(n))),
    stringField(2, g.name),
    ...g.initializers.map((t) => messageField(5, encodeTensor(t))),
    ...g.inputs.map((v) => messageField(11, encodeValueInfo(v))),
    ...g.outputs.map((v) => messageField(12, encodeValueInfo(v))),
  ])
}

export function encodeModel(m: ModelDef): Encoded {
  const opset = message([stringField(1, ''), varintField(2, m.opsetVersion)])
  return message([
    varintField(1, IR_VERSION),
    stringField(2, m.producerName),
    stringField(3, m.producerVersion),
    messageField(7, encodeGraph(m.graph)),
    messageField(8, opset),
  ])
}
