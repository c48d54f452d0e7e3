/**
 * Writes a safetensors file in memory: tests build small or deliberately broken checkpoints with
 * it, and the demo-model scripts write real ones.
 */
export interface SafetensorsTensor {
  readonly dtype: 'F32' | 'F16' | 'BF16'
  readonly shape: readonly number[]
  /** Raw little-endian element bytes. */
  readonly bytes: Uint8Array
}

export function encodeSafetensors(tensors: ReadonlyMap<string, SafetensorsTensor>): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } }
  let offset = 0
  for (const [name, t] of tensors) {
    header[name] = { dtype: t.dtype, shape: t.shape, data_offsets: [offset, offset + t.bytes.length] }
    offset += t.bytes.length
  }
  const json = new TextEncoder().encode(JSON.stringify(header))
  const out = new Uint8Array(8 + json.length + offset)
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true)
  out.set(json, 8)
  let at = 8 + json.length
  for (const t of tensors.values()) {
    out.set(t.bytes, at)
    at += t.bytes.length
  }
  return out
}
