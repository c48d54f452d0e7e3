/**
 * Scores every region of a FineHARD jsonfile (or FG-OVD file) against its positive and hard
 * negatives with a model package, as the app does, and writes one parquet row per text.
 *
 *   npm run score -- <jsonfile> --images <dir|shard.parquet> --model <package dir> --out <scores.parquet> [--shard i/n] [--csv out.csv]
 *
 * `--help` lists every option; docs/scale-out.md shows how to fan it out over a whole release.
 */
import { parseScoreArgs, USAGE, UsageError } from './score/args.ts'
import { formatProgress, formatSummary } from './score/report.ts'
import { runScore } from './score/run.ts'
import { messageOf } from '../src/io/messageOf.ts'

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE)
    return
  }
  const options = parseScoreArgs(argv)
  const log = (line: string) => process.stderr.write(`${line}\n`)
  const { summary } = await runScore(options, { log, progress: (p) => log(formatProgress(p)) })
  for (const line of formatSummary(summary)) console.log(line)
  console.log(`wrote ${options.out}${options.csv === null ? '' : ` and ${options.csv}`}`)
}

main().catch((error: unknown) => {
  const usage = error instanceof UsageError
  console.error(`score: ${messageOf(error)}${usage ? `\n${USAGE}` : ''}`)
  process.exitCode = usage ? 2 : 1
})
