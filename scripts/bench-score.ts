/**
 * Whole-shard scoring bench: `npx tsx scripts/bench-score.ts [--small-only]`. Regions per second
 * of scoring the whole demo dataset in the real app (Chromium: wasm, WebGPU) and with the CLI
 * (`npm run score`, the baseline), for the demo package and the fg-clip-base-size package.
 * Prints the table and rewrites the "## Whole-shard scoring" section of docs/benchmarks.md.
 * `--small-only` skips the fg-clip-base-size package.
 */
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describeEnvironment, otherHeavyJobs } from './bench-model/environment.ts'
import { basePackages } from './bench-model/packages.ts'
import { measureApp, type AppRunRequest } from './bench-score/appRun.ts'
import { runCli } from './bench-score/cli.ts'
import { writeScoreSection } from './bench-score/document.ts'
import { markdownTable, machineLines, scoreSection, tableRows } from './bench-score/report.ts'
import { openApp, type AppServer } from './bench-score/server.ts'
import type { AppMeasurement, PackageResults, ScoreBenchResults } from './bench-score/types.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const smallOnly = process.argv.includes('--small-only')
const log = (msg: string) => process.stderr.write(`${msg}\n`)

/** Records before the measured interval starts: the page's first progress update. */
const WARM = 16
const DEMO_MODEL = 'public/demo/model'
/** The whole demo on wasm; the slow settings (1–3 s a record) stop after 16 or 32 more records. */
const DEMO_WASM: Omit<AppRunRequest, 'provider'> = { modelUrl: null, warmRecords: WARM, untilRecords: null, capSeconds: 300, loadTimeoutSeconds: 120 }
const DEMO_WEBGPU: Omit<AppRunRequest, 'provider'> = { ...DEMO_WASM, untilRecords: 2 * WARM, capSeconds: 240 }
const BASE_CLI_LIMIT = 24
const BASE_WASM = { warmRecords: WARM, untilRecords: 3 * WARM, capSeconds: 300, loadTimeoutSeconds: 300 }

/** CLI, the app rows, CLI again: the baseline brackets what it is compared with. */
async function benchPackage(label: string, modelDir: string, cliLimit: number | null, app: AppServer, requests: AppRunRequest[]): Promise<PackageResults> {
  log(`${label}: CLI …`)
  const before = await runCli(root, modelDir, cliLimit)
  log(`  ${before.rate.regionsPerSecond} regions/s`)
  const measured: AppMeasurement[] = []
  for (const request of requests) {
    log(`${label}: the app, ${request.provider} …`)
    const m = await measureApp(app.browser, request, log)
    log(`  ${m.rate.regionsPerSecond.toFixed(1)} regions/s (${m.rate.regions} regions in ${m.rate.seconds.toFixed(1)} s, ${m.provider})`)
    measured.push(m)
  }
  log(`${label}: CLI again …`)
  const after = await runCli(root, modelDir, cliLimit)
  log(`  ${after.rate.regionsPerSecond} regions/s`)
  return { label, modelDir, cli: [before, after], cliLimit, app: measured }
}

function describeOtherLoad(jobs: string[]): string {
  const seen = [...new Set(jobs.map((line) => (line.includes('playwright') ? 'a Playwright suite' : 'demo-model training')))]
  return seen.length ? `**also running: ${seen.join(' and ')}** (absolute rates are inflated).` : 'no demo-model training or Playwright suite was running at the start or the end.'
}

const heavyAtStart = await otherHeavyJobs()
if (heavyAtStart.length) log(`note: other heavy jobs running — numbers will be noisy:\n${heavyAtStart.join('\n')}`)
const base = smallOnly ? null : (await basePackages(root, log)).ours
const loadBefore = loadavg()[0]
const app = await openApp(root, base ? { base: base.dir } : {}, log)
let results: ScoreBenchResults
try {
  const demo = await benchPackage('demo package', DEMO_MODEL, null, app, [
    { provider: 'wasm', ...DEMO_WASM },
    { provider: 'webgpu', ...DEMO_WEBGPU },
  ])
  const baseResults = base
    ? await benchPackage('fg-clip-base size', base.dir, BASE_CLI_LIMIT, app, [{ provider: 'wasm', modelUrl: app.packageUrl('base'), ...BASE_WASM }])
    : null
  const env = await describeEnvironment(root, app.browser.version(), describeOtherLoad([...heavyAtStart, ...(await otherHeavyJobs())]), loadBefore)
  results = { env, demo, base: baseResults }
} finally {
  await app.close()
}

await writeScoreSection(join(root, 'docs/benchmarks.md'), scoreSection(results))
process.stdout.write(`${machineLines(results)}\n\n${markdownTable(tableRows(results))}\n`)
