/**
 * The baseline: `npm run score` (scripts/score.ts) as its own Node process on the demo data,
 * read back from the summary it prints (regions scored, regions/s over the scoring time, stages).
 */
import { execFile } from 'node:child_process'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { CliMeasurement, CliStages } from './types.ts'

const run = promisify(execFile)

/** The demo dataset as the app opens it: jsonfile, prepared pictures, then the shard's inline bytes. */
export const DEMO_JSON = 'public/demo/jsonfiles/demo_results.json'
export const DEMO_IMAGES = ['public/demo/grit-12m', 'public/demo/coyo_image_0/00000.parquet']

function match(stdout: string, pattern: RegExp, what: string): RegExpExecArray {
  const m = pattern.exec(stdout)
  if (!m) throw new Error(`the CLI's summary has no ${what}:\n${stdout}`)
  return m
}

/** Reads the summary lines of scripts/score/report.ts's formatSummary. */
export function parseCliSummary(stdout: string): Omit<CliMeasurement, 'load'> {
  const regions = Number(match(stdout, /regions scored: (\d+)/, 'regions scored')[1])
  const speed = match(stdout, /speed: ([\d.]+) regions\/s, ([\d.]+) records\/s over ([\d.]+) s \(setup ([\d.]+) s\)/, 'speed')
  const records = Number(match(stdout, /: \d+ records selected, (\d+) scored/, 'records scored')[1])
  const num = (pattern: RegExp, what: string) => Number(match(stdout, pattern, what)[1])
  const stages: CliStages = {
    loadDecodeMs: num(/load\+decode ([\d.]+) ms/, 'load+decode'),
    preprocessMs: num(/preprocess ([\d.]+) ms/, 'preprocess'),
    imageGraphMs: num(/image graph ([\d.]+) ms/, 'image graph'),
    textGraphMsPerText: num(/text graph ([\d.]+) ms per text/, 'text graph'),
    textsEmbedded: num(/\((\d+) embedded\)/, 'texts embedded'),
    scoringMsPerRegion: num(/scoring ([\d.]+) ms per region/, 'scoring'),
  }
  const regionsPerSecond = Number(speed[1])
  return {
    rate: { records, regions, seconds: regions / regionsPerSecond, regionsPerSecond },
    stages,
    setupSeconds: Number(speed[4]),
  }
}

export async function runCli(root: string, model: string, limit: number | null): Promise<CliMeasurement> {
  const out = join(tmpdir(), 'finehard-bench-score', 'cli.parquet')
  const args = ['--import', 'tsx', 'scripts/score.ts', DEMO_JSON, ...DEMO_IMAGES.flatMap((path) => ['--images', path]), '--model', model, '--out', out]
  if (limit !== null) args.push('--limit', String(limit))
  const start = loadavg()[0]
  const { stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 1 << 24 })
  return { ...parseCliSummary(stdout), load: { start, end: loadavg()[0] } }
}
