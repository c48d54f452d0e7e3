/**
 * Minimal protobuf encoding: just what the ONNX messages need. An encoded message is a list of
 * byte parts plus its total length, so multi-hundred-megabyte weight buffers are referenced, never
 * copied, until the final `toBytes`.
 */
export interface Encoded {
  readonly parts: readonly Uint8Array[]
  readonly length: number
}

const WIRE_VARINT = 0
const WIRE_LENGTH = 2
const WIRE_FIXED32 = 5

/** Base-128 varint; negative numbers take 10 bytes (two's complement), as protobuf int64 does. */
export function varint(value: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(value))
  const out: number[] = []
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80)
    v >>= 7n
  }
  out.push(Number(v))
  return Uint8Array.from(out)
}

function key(field: number, wire: number): Uint8Array {
  return varint(field * 8 + wire)
}

function encoded(parts: readonly Uint8Array[]): Encoded {
  return { parts, length: parts.reduce((n, p) => n + p.length, 0) }
}

/** A message body: its fields in order (absent optional fields are simply not passed). */
export function message(fields: readonly Encoded[]): Encoded {
  return encoded(fields.flatMap((f) => f.parts))
}

export function varintField(field: number, value: number | bigint): Encoded {
  return encoded([key(field, WIRE_VARINT), varint(value)])
}

export function bytesField(field: number, bytes: Uint8Array): Encoded {
  return encoded([key(field, WIRE_LENGTH), varint(bytes.length), bytes])
}

export function stringField(field: number, text: string): Encoded {
  return bytesField(field, new TextEncoder().encode(text))
}

export function messageField(field: number, body: Encoded): Encoded {
  return encoded([key(field, WIRE_LENGTH), varint(body.length), ...body.parts])
}

export function floatField(field: number, value: number): Encoded {
  const b = new Uint8Array(4)
  new DataView(b.buffer).setFloat32(0, value, true)
  return encoded([key(field, WIRE_FIXED32), b])
}

/** Packed repeated int32/int64 (one length-delimited field of varints). */
export function packedVarintField(field: number, values: readonly (number | bigint)[]): Encoded {
  return bytesField(field, concatBytes(values.map((v) => varint(v))))
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

export function toBytes(body: Encoded): Uint8Array<ArrayBuffer> {
  return concatBytes(body.parts)
}
