/**
 * Model benchmark: `npx tsx scripts/bench-model.ts [--small-only]`. Encode latency of FG-CLIP
 * packages in Chromium (wasm, WebGPU) and in onnxruntime-node, our converter's graph against
 * torch.onnx.export's, RoIAlign + scoring, and cold model loads; each figure next to a baseline
 * measured in the same run. Prints the table and rewrites the "## Model" section of
 * docs/benchmarks.md. `--small-only` skips the fg-clip-base-size package (for quick checks).
 */
import { stat } from 'node:fs/promises'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openBrowserBench } from './bench-model/browser.ts'
import { writeModelSection } from './bench-model/document.ts'
import { describeEnvironment, otherHeavyJobs } from './bench-model/environment.ts'
import { timeNodeGraphs, type GraphTimings } from './bench-model/nodeRuntime.ts'
import { basePackages, smallPackage, type BenchPackage } from './bench-model/packages.ts'
import { machineLines, markdownTable, modelSection, tableRows } from './bench-model/report.ts'
import type { BaseResults, Results, SmallResults } from './bench-model/results.ts'
import { runRoiBench } from './bench-model/roiBench.ts'

const root = fileURLToPath(new URL('..', import.meta.url))
const smallOnly = process.argv.includes('--small-only')
const log = (msg: string) => process.stderr.write(`${msg}\n`)

const SMALL = { runs: 20, warmup: 3 }
const BASE = { runs: 10, warmup: 2 }
const ROI_ITERATIONS = 2000

/** Our graph and torch's, alternately twice; the better median of each (less exposed to noise). */
async function compareGraphs(ours: BenchPackage, torchDir: string): Promise<{ ours: GraphTimings; torch: GraphTimings }> {
  const best = (a: GraphTimings | null, b: GraphTimings): GraphTimings =>
    a ? { ...b, image: a.image.medianMs < b.image.medianMs ? a.image : b.image, text: a.text.medianMs < b.text.medianMs ? a.text : b.text } : b
  let oursBest: GraphTimings | null = null
  let torchBest: GraphTimings | null = null
  for (let round = 0; round < 2; round++) {
    log(`onnxruntime-node, fg-clip-base size, round ${round + 1}/2: our graph …`)
    oursBest = best(oursBest, await timeNodeGraphs(ours.dir, ours.manifest, BASE.runs, BASE.warmup))
    log(`onnxruntime-node, fg-clip-base size, round ${round + 1}/2: torch.onnx.export graph …`)
    torchBest = best(torchBest, await timeNodeGraphs(torchDir, ours.manifest, BASE.runs, BASE.warmup))
  }
  return { ours: oursBest as GraphTimings, torch: torchBest as GraphTimings }
}

async function graphBytes(dir: string): Promise<number> {
  const sizes = await Promise.all(['image.onnx', 'text.onnx'].map(async (name) => (await stat(join(dir, name))).size))
  return sizes[0] + sizes[1]
}

/** Checked at the start and at the end: a job seen at either time overlapped the run. */
function describeOtherLoad(atStart: string[], atEnd: string[]): string {
  const seen = [...new Set([...atStart, ...atEnd].map((line) => (line.includes('playwright') ? 'a Playwright suite' : 'demo-model training')))]
  return seen.length
    ? `**Also running during this run: ${seen.join(' and ')}**, so absolute times are inflated; ratios are less affected where both sides ran under the same load.`
    : 'No demo-model training or Playwright suite was running at the start or the end of this run.'
}

const heavyAtStart = await otherHeavyJobs()
if (heavyAtStart.length) log(`note: other heavy jobs running — numbers will be noisy:\n${heavyAtStart.join('\n')}`)
const loadBefore = loadavg()[0]

const small = await smallPackage(root, log)
const base = smallOnly ? null : await basePackages(root, log)
log(`small package: ${small.label} (${small.dir})`)

log('onnxruntime-node, small package …')
const smallNode = await timeNodeGraphs(small.dir, small.manifest, SMALL.runs, SMALL.warmup)
const baseNode = base ? await compareGraphs(base.ours, base.torchDir) : null
log('RoIAlign + scoring in Node …')
const roiNode = runRoiBench(ROI_ITERATIONS)

const folders: Record<string, string> = { small: small.dir, ...(base ? { base: base.ours.dir } : {}) }
const browser = await openBrowserBench(root, folders, log)
let results: Results
try {
  const url = browser.packageUrl('small')
  log('Chromium, small package: wasm latency …')
  const wasm = await browser.latency({ url, provider: 'wasm', ...SMALL })
  log('Chromium, small package: WebGPU latency …')
  const webgpu = await browser.latency({ url, provider: 'webgpu', ...SMALL })
  log('Chromium, small package: cold loads through the app worker …')
  const loadWasm = await browser.appLoad(url, 'wasm')
  const loadWebgpu = await browser.appLoad(url, 'webgpu')
  const smallResults: SmallResults = { pkg: small, node: smallNode, wasm, webgpu, loadWasm, loadWebgpu }
  log('Chromium: RoIAlign + scoring on the page …')
  const roiPage = await browser.roi(ROI_ITERATIONS)
  let baseResults: BaseResults | null = null
  if (base && baseNode) {
    const baseUrl = browser.packageUrl('base')
    log('Chromium, fg-clip-base size: wasm latency (loads 600 MB into the page) …')
    const baseWasm = await browser.latency({ url: baseUrl, provider: 'wasm', ...BASE })
    log('Chromium, fg-clip-base size: cold load through the app worker …')
    const baseLoad = await browser.appLoad(baseUrl, 'wasm')
    baseResults = { pkg: base.ours, torchBytes: await graphBytes(base.torchDir), ours: baseNode.ours, torch: baseNode.torch, wasm: baseWasm, loadWasm: baseLoad }
  }
  const env = await describeEnvironment(root, browser.chromiumVersion, describeOtherLoad(heavyAtStart, await otherHeavyJobs()), loadBefore)
  results = { env, small: smallResults, base: baseResults, roiNode, roiPage }
} finally {
  await browser.close()
}

await writeModelSection(join(root, 'docs/benchmarks.md'), modelSection(results))
process.stdout.write(`${machineLines(results)}\n\n${markdownTable(tableRows(results))}\n`)
