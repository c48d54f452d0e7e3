/** Weight rearrangements done once at conversion so the runtime graph needs fewer ops. */

/** [rows, cols] → [cols, rows]: torch Linear stores [out, in]; MatMul wants [in, out]. */
export function transpose2d(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length)
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = data[r * cols + c]
  return out
}

export function scale(data: Float32Array, factor: number): Float32Array {
  return data.map((x) => x * factor)
}
