/** Small timing helpers shared by the Node side and the bench page (no Node or DOM APIs). */

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

export interface Timing {
  /** Median of the timed runs, milliseconds. */
  medianMs: number
  minMs: number
  maxMs: number
  runs: number
}

export function summarise(samples: readonly number[]): Timing {
  return { medianMs: median(samples), minMs: Math.min(...samples), maxMs: Math.max(...samples), runs: samples.length }
}

/**
 * Runs `job` `warmup` times untimed (first runs allocate buffers and compile kernels), then `runs`
 * times, each timed on its own with performance.now() (available in Node, pages and workers).
 */
export async function timeRuns(job: () => Promise<unknown>, runs: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await job()
  const samples: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await job()
    samples.push(performance.now() - start)
  }
  return summarise(samples)
}
