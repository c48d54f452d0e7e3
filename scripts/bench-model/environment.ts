/** The machine and what else runs on it, stated next to the numbers. */
import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Environment } from './results.ts'

const run = promisify(execFile)

/** Command lines of other heavy jobs the project runs here: demo-model training, Playwright suites. */
export async function otherHeavyJobs(): Promise<string[]> {
  try {
    const { stdout } = await run('pgrep', ['-af', 'scripts/demo-model/|playwright test'])
    return stdout.split('\n').filter((line) => line.trim() && !line.includes('pgrep'))
  } catch {
    return [] // pgrep exits 1 when nothing matches
  }
}

async function packageVersion(root: string, name: string): Promise<string> {
  const json = JSON.parse(await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }
  return json.version
}

export async function describeEnvironment(root: string, chromium: string, otherLoad: string, loadBefore: number): Promise<Environment> {
  const cpu = cpus()
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    ramGiB: totalmem() / 1024 ** 3,
    node: process.version,
    chromium,
    ortWeb: await packageVersion(root, 'onnxruntime-web'),
    ortNode: await packageVersion(root, 'onnxruntime-node'),
    date: new Date().toISOString().slice(0, 10),
    otherLoad,
    loadAverage: { before: loadBefore, after: loadavg()[0] },
  }
}
