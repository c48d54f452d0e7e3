/** The "## Model" section: machine, one table of ours-vs-baseline rows, and how each was measured. */
import { mb, ms, timeRatio } from './format.ts'
import { BENCH_TEXTS, BENCH_TOKENS } from './inputs.ts'
import type { AppLoadResult } from './page/protocol.ts'
import type { GraphTimings } from './nodeRuntime.ts'
import type { Results } from './results.ts'
import type { RoiResult } from './roiBench.ts'

type Row = [string, string, string, string]

const loadTotal = (l: AppLoadResult) => l.downloadMs + l.sessionMs + l.warmupMs
const loadText = (l: AppLoadResult) =>
  `${ms(loadTotal(l))} (download ${ms(l.downloadMs)} + sessions ${ms(l.sessionMs)} + warm-up ${ms(l.warmupMs)})`
const nodeLoad = (g: GraphTimings) => g.createMs + g.firstRunsMs
const nodeLoadText = (g: GraphTimings) => `${ms(nodeLoad(g))} (sessions from files ${ms(g.createMs)} + first runs ${ms(g.firstRunsMs)})`

function roiRow(where: string, r: RoiResult): Row {
  return [
    `RoIAlign + scoring, ${r.boxes} boxes × ${r.texts} texts (G=${r.grid}, P=${r.p}), ${where}`,
    `${ms(r.oursMs)} median of ${r.iterations} (RoIAlign ${ms(r.oursRoiMs)}, scoring ${ms(r.scoringMs)}) — ${r.oursMs < 1 ? 'under' : 'OVER'} 1 ms`,
    `naive per-channel RoIAlign + same scoring: ${ms(r.naiveMs)}`,
    timeRatio(r.oursMs, r.naiveMs),
  ]
}

export function tableRows(results: Results): Row[] {
  const { small, base } = results
  const s = small.pkg.label
  const rows: Row[] = [
    [`${s}: image encode, Chromium`, `WebGPU: ${ms(small.webgpu.image.medianMs)}`, `wasm: ${ms(small.wasm.image.medianMs)}`, `WebGPU ${timeRatio(small.webgpu.image.medianMs, small.wasm.image.medianMs)}`],
    [`${s}: text encode (${BENCH_TEXTS} × ${BENCH_TOKENS} tokens), Chromium`, `WebGPU: ${ms(small.webgpu.text.medianMs)}`, `wasm: ${ms(small.wasm.text.medianMs)}`, `WebGPU ${timeRatio(small.webgpu.text.medianMs, small.wasm.text.medianMs)}`],
    [`${s}: image / text encode, Chromium wasm vs native`, `${ms(small.wasm.image.medianMs)} / ${ms(small.wasm.text.medianMs)}`, `onnxruntime-node: ${ms(small.node.image.medianMs)} / ${ms(small.node.text.medianMs)}`, `${timeRatio(small.wasm.image.medianMs, small.node.image.medianMs)} / ${timeRatio(small.wasm.text.medianMs, small.node.text.medianMs)}`],
  ]
  if (base) {
    rows.push(
      ['fg-clip-base size: image encode, in-browser wasm vs native', `Chromium wasm: ${ms(base.wasm.image.medianMs)}`, `onnxruntime-node: ${ms(base.ours.image.medianMs)}`, `wasm ${timeRatio(base.wasm.image.medianMs, base.ours.image.medianMs)}`],
      [`fg-clip-base size: text encode (${BENCH_TEXTS} × ${BENCH_TOKENS} tokens), in-browser wasm vs native`, `Chromium wasm: ${ms(base.wasm.text.medianMs)}`, `onnxruntime-node: ${ms(base.ours.text.medianMs)}`, `wasm ${timeRatio(base.wasm.text.medianMs, base.ours.text.medianMs)}`],
      ['fg-clip-base size: image graph, our converter vs torch.onnx.export (onnxruntime-node)', `${ms(base.ours.image.medianMs)}`, `torch: ${ms(base.torch.image.medianMs)}`, `ours ${timeRatio(base.ours.image.medianMs, base.torch.image.medianMs, 2)}`],
      ['fg-clip-base size: text graph, our converter vs torch.onnx.export (onnxruntime-node)', `${ms(base.ours.text.medianMs)}`, `torch: ${ms(base.torch.text.medianMs)}`, `ours ${timeRatio(base.ours.text.medianMs, base.torch.text.medianMs, 2)}`],
    )
  }
  rows.push(roiRow('Node', results.roiNode), roiRow('Chromium page', results.roiPage))
  rows.push(
    [`Cold load, ${s} (${mb(small.pkg.bytes)}), the app's worker, wasm`, loadText(small.loadWasm), `onnxruntime-node: ${nodeLoadText(small.node)}`, timeRatio(loadTotal(small.loadWasm), nodeLoad(small.node))],
    [`Cold load, ${s}, the app's worker, WebGPU${small.loadWebgpu.provider === 'webgpu' ? '' : ' (FELL BACK TO wasm)'}`, loadText(small.loadWebgpu), `wasm (row above): ${ms(loadTotal(small.loadWasm))}`, `WebGPU ${timeRatio(loadTotal(small.loadWebgpu), loadTotal(small.loadWasm))}`],
  )
  if (base) {
    rows.push([`Cold load, fg-clip-base size (${mb(base.pkg.bytes)}), the app's worker, wasm`, loadText(base.loadWasm), `onnxruntime-node: ${nodeLoadText(base.ours)}`, timeRatio(loadTotal(base.loadWasm), nodeLoad(base.ours))])
  }
  return rows
}

export function markdownTable(rows: Row[]): string {
  return ['| Measurement | Ours | Baseline | Ratio |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n')
}

const busy = (r: Results) => Math.max(r.env.loadAverage.before, r.env.loadAverage.after) > r.env.cores

export function machineLines(results: Results): string {
  const { env, small } = results
  return [
    `- CPU: ${env.cpu}, ${env.cores} cores; RAM ${env.ramGiB.toFixed(1)} GiB`,
    `- Node ${env.node}; onnxruntime-node ${env.ortNode}; onnxruntime-web ${env.ortWeb}; Chromium ${env.chromium} (headless, \`--enable-unsafe-webgpu\`)`,
    `- WebGPU adapter: ${small.webgpu.adapter} — SwiftShader, i.e. WebGPU emulated on the CPU; there is no GPU here`,
    `- wasm: ${small.wasm.threads} threads (crossOriginIsolated: ${small.wasm.crossOriginIsolated}); onnxruntime-node: ${small.node.threads} intra-op threads (the page's rule, min(4, cores))`,
    `- Date: ${env.date}`,
    `- Shared machine: other sessions work on it at the same time. ${env.otherLoad} 1-minute load average ${env.loadAverage.before.toFixed(2)} before, ${env.loadAverage.after.toFixed(2)} after the run${busy(results) ? ` — above the ${env.cores} cores, so other work competed for the CPU and absolute times (the browser rows most) vary between runs` : ''}.`,
  ].join('\n')
}

export function modelSection(results: Results): string {
  const { small, base } = results
  const runsSmall = small.wasm.image.runs
  const baseRuns = base ? `${base.wasm.image.runs}` : '—'
  return `## Model

Measured by \`npx tsx scripts/bench-model.ts\` (\`npm run bench:model\`); this section is rewritten by
that script (everything from "## Model" to the end of the file). Every figure is a median of timed
runs after warm-up runs, and every ratio compares two numbers from the same run on the same machine.

${machineLines(results)}

${markdownTable(tableRows(results))}

What each row does:

- **Small model**: ${small.pkg.label === 'tiny-a' ? '`tiny-a` (src/model/testdata/checkpoints, 32 px, 2+2 layers; the demo package was not built yet when this ran) converted by scripts/convert.ts' : '`public/demo/model/`, the embedded demo package'}
  (${mb(small.pkg.bytes)}, ${small.pkg.manifest.imageSize} px). **fg-clip-base size**: \`make_random_checkpoint.py --size base\`
  (random weights, ViT-B/16 @ 224, 150 M parameters) converted by \`scripts/convert.ts --dtype fp32\` (${base ? mb(base.pkg.bytes) : '—'}),
  and the same weights exported by \`export_torch_onnx.py\` (torch 1.13 \`torch.onnx.export\`, opset 17${base ? `, ${mb(base.torchBytes)}` : ''}). Files live in the OS temp folder and are reused.
- **Encode latency**: one image [1, 3, S, S] through image.onnx (both outputs), and one batch of
  ${BENCH_TEXTS} short texts of ${BENCH_TOKENS} tokens through text.onnx (a region's positive + 10 hard negatives, as
  the app sends them), via the app's \`runImageGraph\` / \`runTextGraph\`. Browser: a worker of the bench
  page (scripts/bench-model/page) with the app worker's settings — \`onnxruntime-web/webgpu\`, runtime
  files from our origin, COOP/COEP so wasm threads work, \`graphOptimizationLevel: 'all'\`, the adapter
  requested and handed over as the app does — timed with the worker's \`performance.now()\` around each
  call; median of ${runsSmall} runs (small) / ${baseRuns} (base) after warm-up runs. Native: onnxruntime-node, CPU provider, same
  optimisation level, the same inputs and call path.
- **Our graph vs torch.onnx.export**: both files run by onnxruntime-node with identical options and
  inputs, measured alternately (ours, torch, ours, torch) and the better median of each kept.
- **RoIAlign + scoring**: what the sample view does when a box moves — \`regionEmbeddings\` (RoIAlign
  weights K×G², one product with the cached dense map) for 10 boxes, then \`scoreRegion\` of each region
  against its 11 texts (cosines, softmax at scale 100, rank, margin); median over ${results.roiNode.iterations} / ${results.roiPage.iterations} passes.
  Baseline: the same results (max |diff| ${results.roiNode.maxDiff.toExponential(1)}) from RoIAlign written per box and per channel
  over a channel-first [P, G, G] map (torchvision's layout), recomputing the bilinear taps for each
  channel, then the same scoring; ours and the baseline alternate pass by pass. For scale: one
  cosine of two ${results.roiNode.p}-vectors costs ${(results.roiNode.cosineMs * 1000).toFixed(2)} µs in Node (${(results.roiPage.cosineMs * 1000).toFixed(2)} µs in the page), so a full
  pass costs about ${(results.roiNode.oursMs / results.roiNode.cosineMs).toFixed(0)} cosines.
- **Cold load**: the app's own \`src/workers/model.worker.ts\`, unchanged, in a fresh browser context
  (empty HTTP cache and Cache API), loading the package from a local static server (same origin,
  loopback): its reported download (fetch + Cache API write), session creation (includes fetching
  and compiling onnxruntime's wasm on the first session) and warm-up (first image + first text run).
  Baseline: onnxruntime-node creating the two sessions from the files plus the same two first runs;
  its runtime is native code already loaded, so most of the gap on a small package is the browser
  fetching and compiling onnxruntime's wasm (29 MB) and starting its threads.
- **WebGPU here is SwiftShader** (Chromium's software Vulkan on the CPU), so WebGPU being slower
  than wasm on this machine is expected and says nothing about a real GPU; the WebGPU rows show that
  the path works and what its fixed costs (shader compilation in warm-up) look like. fg-clip-base
  size was not run on WebGPU for that reason.
`
}
