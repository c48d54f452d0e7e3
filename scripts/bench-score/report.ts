/** The "## Whole-shard scoring" section: machine, one table against the CLI, and the method. */
import type { AppMeasurement, CliMeasurement, LoadWindow, PackageResults, ScoreBenchResults } from './types.ts'

type Row = [string, string, string, string, string]

const rate = (value: number) => value.toFixed(value >= 100 ? 0 : 1)
const loads = (l: LoadWindow) => `${l.start.toFixed(2)} → ${l.end.toFixed(2)}`

/** The faster of the CLI's two runs: the baseline every row of its package is compared with. */
export function cliBaseline(pkg: PackageResults): CliMeasurement {
  const [a, b] = pkg.cli
  return a.rate.regionsPerSecond >= b.rate.regionsPerSecond ? a : b
}

const times = (r: number) => `${r.toFixed(r < 0.1 ? 3 : 2)}×`

/** Against the baseline, and against the CLI's other run, so the noise shows. */
function ratio(ours: number, pkg: PackageResults): string {
  const best = cliBaseline(pkg).rate.regionsPerSecond
  const other = Math.min(...pkg.cli.map((c) => c.rate.regionsPerSecond))
  const r = ours / best
  const factor = r >= 1 ? r : 1 / r
  return `${times(r)} (${factor.toFixed(factor >= 10 ? 0 : 1)}× ${r >= 1 ? 'faster' : 'slower'} than the CLI; ${times(ours / other)} against its other run)`
}

function appSetting(label: string, m: AppMeasurement): string {
  const where = m.provider === 'webgpu' ? `WebGPU (${m.adapter})` : m.requested === 'webgpu' ? 'WebGPU requested, FELL BACK TO wasm' : 'wasm'
  return `${label}: the app in Chromium, ${where}`
}

function appInterval(m: AppMeasurement): string {
  const end = m.cancelled ? ', then cancelled' : m.endState === 'done' ? ' (end of run)' : ` (${m.endState})`
  return `records ${m.warmRecords} → ${m.warmRecords + m.rate.records} of ${m.totalRecords}${end}: ${m.rate.regions} regions in ${m.rate.seconds.toFixed(1)} s; model ready after ${m.modelReadySeconds.toFixed(1)} s`
}

function cliRows(pkg: PackageResults): Row[] {
  const best = cliBaseline(pkg)
  const runs = pkg.cli.map((c) => rate(c.rate.regionsPerSecond)).join(' and ')
  const limit = pkg.cliLimit === null ? '' : ` \`--limit ${pkg.cliLimit}\``
  return [[
    `${pkg.label}: CLI${limit}, onnxruntime-node (baseline)`,
    `**${rate(best.rate.regionsPerSecond)}** (runs: ${runs})`,
    `${best.rate.records} records with a picture, ${best.rate.regions} regions in ${best.rate.seconds.toFixed(1)} s after ${best.setupSeconds.toFixed(1)} s setup`,
    '1 (baseline)',
    pkg.cli.map((c) => loads(c.load)).join('; '),
  ]]
}

function packageRows(pkg: PackageResults): Row[] {
  return [
    ...cliRows(pkg),
    ...pkg.app.map((m): Row => [appSetting(pkg.label, m), `**${rate(m.rate.regionsPerSecond)}**`, appInterval(m), ratio(m.rate.regionsPerSecond, pkg), loads(m.load)]),
  ]
}

export function tableRows(results: ScoreBenchResults): Row[] {
  return [...packageRows(results.demo), ...(results.base ? packageRows(results.base) : [])]
}

export function markdownTable(rows: Row[]): string {
  const head = '| Setting | Regions/s | Measured over | Ratio vs the CLI, same package | Load avg (1 min), start → end |'
  return [head, '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

function stagesLine(label: string, c: CliMeasurement): string {
  const s = c.stages
  return `${label}: image graph ${s.imageGraphMs.toFixed(1)} ms/image, text graph ${s.textGraphMsPerText.toFixed(2)} ms/text (${s.textsEmbedded} texts embedded), load + decode ${s.loadDecodeMs.toFixed(1)} ms and preprocess ${s.preprocessMs.toFixed(1)} ms per picture, scoring ${s.scoringMsPerRegion.toFixed(2)} ms/region`
}

/** The highest 1-minute load average seen at the start or end of a row. */
function peakLoad(results: ScoreBenchResults): number {
  const pkgs = [results.demo, ...(results.base ? [results.base] : [])]
  const windows = pkgs.flatMap((p) => [...p.cli.map((c) => c.load), ...p.app.map((m) => m.load)])
  return Math.max(...windows.flatMap((w) => [w.start, w.end]))
}

export function machineLines(results: ScoreBenchResults): string {
  const { env } = results
  return [
    `- CPU: ${env.cpu}, ${env.cores} cores; RAM ${env.ramGiB.toFixed(1)} GiB`,
    `- Node ${env.node}; onnxruntime-node ${env.ortNode}; onnxruntime-web ${env.ortWeb}; Chromium ${env.chromium} (headless, the e2e suite's flags incl. \`--enable-unsafe-webgpu\`)`,
    `- Date: ${env.date}`,
    `- Shared machine: ${env.otherLoad} 1-minute load average ${env.loadAverage.before.toFixed(2)} before the run, ${env.loadAverage.after.toFixed(2)} after it, at most ${peakLoad(results).toFixed(2)} at a row's start or end (each row gives its own). The bench itself keeps the ${env.cores} cores busy, i.e. adds about ${env.cores}; more than that is other work competing.`,
  ].join('\n')
}

export function scoreSection(results: ScoreBenchResults): string {
  const { demo, base } = results
  const appWarm = [...demo.app, ...(base?.app ?? [])].map((m) => m.warmRecords)
  return `## Whole-shard scoring

Measured by \`npx tsx scripts/bench-score.ts\` (\`npm run bench:score\`), which rewrites this section
(up to the next "## " heading). Regions per second of scoring every region of the demo dataset
(\`public/demo\`: 300 records, 296 with a picture, 918 regions, 11 texts each) in the real app and in
the CLI, each ratio against the CLI on the same package in the same run.

${machineLines(results)}

${markdownTable(tableRows(results))}

CLI stages (its own timers, the baseline runs): ${stagesLine(demo.label, cliBaseline(demo))}${base ? `; ${stagesLine(base.label, cliBaseline(base))}` : ''}.

How:

- **The app**: \`vite build\` of the project (its own Vite config) into the OS temp folder, served by
  \`vite preview\` with the fg-clip-base-size package at \`/packages/base/\` on the same origin. A fresh
  browser context per row (no stored scores in IndexedDB, no cached model), \`/?tab=analysis&provider=…\`
  (\`&model=<package URL>\` for fg-clip-base size), wait for the model bar's ready state, click **Score all
  records**, and read \`data-done\` of the run controls and the regions of the progress text on every
  change (a MutationObserver in the page, timed with the page's \`performance.now()\`). Regions/s =
  regions between the first update at or after 16 records (warm-up: the first pictures, kernel
  compilation) and the last update seen, over the time between them. The page publishes progress
  every 16 stored records, so intervals start at record ${[...new Set(appWarm)].join('/')} and end on a multiple of 16 or at the end;
  the slow rows stop after a fixed number of records (see the table) or a time cap, and are cancelled. Records are scored one by one
  (the next picture loads while the worker scores the current one): one image per image-graph run,
  and the record's texts not embedded yet in one text-graph run (embeddings kept per text).
- **The CLI**: \`npm run score\` (\`scripts/score.ts\`, its own Node process, batches of 8 images,
  texts in length-sorted batches of 64, onnxruntime-node CPU provider with one intra-op thread per
  core) on the same jsonfile, the prepared pictures and the shard (\`--images public/demo/grit-12m
  --images public/demo/coyo_image_0/00000.parquet\`); its summary's regions/s (regions scored over the
  scoring time, model and index setup excluded, its first batch included). Run before and after the
  app rows of its package; the faster run is the baseline.
- **fg-clip-base size**: random weights (\`make_random_checkpoint.py --size base\`, ViT-B/16 @ 224,
  fp32) converted by \`scripts/convert.ts\`, the package \`npm run bench:model\` uses (${base ? `\`${base.modelDir}\`` : 'not run'}).
- **WebGPU here is SwiftShader** (WebGPU emulated on the CPU): the row shows the path works end to
  end; its speed says nothing about a real GPU.
`
}
