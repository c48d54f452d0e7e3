import { encodeModel, type GraphDef, type ModelDef, type TensorDef } from './onnxProto.ts'
import { concatBytes, toBytes } from './protobufWriter.ts'

/** A finished file of the package. */
export interface PackageFile {
  readonly name: string
  readonly bytes: Uint8Array<ArrayBuffer>
}

/** protobuf cannot serialise a message of 2 GiB or more. */
const PROTOBUF_LIMIT = 2 ** 31 - 1

// Small tensors (shape constants) stay inline; external offsets are page-aligned for mmap.
const EXTERNAL_MIN_BYTES = 1024
const EXTERNAL_ALIGN = 4096

export interface SerializeOptions {
  readonly opsetVersion: number
  readonly producerName: string
  readonly producerVersion: string
  /** Largest .onnx file before weights move to `<file>.data` (tests lower it). */
  readonly maxInlineBytes?: number
}

function moveToExternal(graph: GraphDef, location: string): { graph: GraphDef; data: Uint8Array<ArrayBuffer> } {
  const parts: Uint8Array[] = []
  let offset = 0
  const initializers = graph.initializers.map((t): TensorDef => {
    if (t.data.kind !== 'raw' || t.data.bytes.length < EXTERNAL_MIN_BYTES) return t
    const padding = (EXTERNAL_ALIGN - (offset % EXTERNAL_ALIGN)) % EXTERNAL_ALIGN
    parts.push(new Uint8Array(padding), t.data.bytes)
    offset += padding
    const moved: TensorDef = { ...t, data: { kind: 'external', location, offset, length: t.data.bytes.length } }
    offset += t.data.bytes.length
    return moved
  })
  return { graph: { ...graph, initializers }, data: concatBytes(parts) }
}

/** `<fileName>`, plus `<fileName>.data` (ONNX external data) when the weights do not fit inline. */
export function serializeGraph(graph: GraphDef, fileName: string, opts: SerializeOptions): PackageFile[] {
  const model = (g: GraphDef): ModelDef => ({
    graph: g,
    opsetVersion: opts.opsetVersion,
    producerName: opts.producerName,
    producerVersion: opts.producerVersion,
  })
  const inline = encodeModel(model(graph))
  if (inline.length <= (opts.maxInlineBytes ?? PROTOBUF_LIMIT)) return [{ name: fileName, bytes: toBytes(inline) }]
  const dataName = `${fileName}.data`
  const { graph: slim, data } = moveToExternal(graph, dataName)
  return [
    { name: fileName, bytes: toBytes(encodeModel(model(slim))) },
    { name: dataName, bytes: data },
  ]
}
