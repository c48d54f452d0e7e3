/** Command line of `npm run score` (scripts/score.ts), parsed into options; no I/O here. */

export const USAGE = `usage: npm run score -- <jsonfile> --images <dir|shard.parquet> --model <package dir> --out <scores.parquet>
         [--images <more>] [--shard i/n] [--limit N] [--csv <out.csv>] [--batch N] [--provider cpu|cuda|…] [--threads N]

  <jsonfile>      a FineHARD jsonfile (JSON array or JSON Lines) or FG-OVD JSON Lines
  --images        a prepared image folder (grit-12m: coyo_image_N/SSSSS/<key>.jpg; FG-OVD: the folder img_path is
                  relative to) or an img2dataset parquet shard with inline image bytes; repeat it to give several,
                  folders are tried first
  --model         a converted model package folder (manifest.json, image.onnx, text.onnx, tokenizer.json)
  --out           the score file to write (parquet, one row per record × region × text)
  --shard i/n     score only records whose index % n == i (0 ≤ i < n), so n processes split one file
  --limit N       only records with index < N (applied before --shard, so shards of a limited run still add up)
  --csv           also write the rows as CSV (RFC 4180)
  --batch         images per image-graph run (default 8)
  --provider      onnxruntime-node execution provider (default cpu; cuda needs onnxruntime-node's CUDA binaries)
  --threads       intra-op threads per session (default: the CPUs this process may use)`

export interface ShardSpec {
  index: number
  count: number
}

export interface ScoreOptions {
  input: string
  images: string[]
  model: string
  out: string
  csv: string | null
  shard: ShardSpec
  limit: number | null
  batch: number
  provider: string
  threads: number | null
}

export class UsageError extends Error {}

const DEFAULT_BATCH = 8
const OPTIONS = new Set(['--images', '--model', '--out', '--csv', '--shard', '--limit', '--batch', '--provider', '--threads'])

function wholeNumber(name: string, value: string, min: number): number {
  const n = /^\d+$/.test(value) ? Number(value) : NaN
  if (!(n >= min)) throw new UsageError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(value)}`)
  return n
}

/** `i/n` with 0 ≤ i < n. */
export function parseShard(value: string): ShardSpec {
  const m = /^(\d+)\/(\d+)$/.exec(value)
  const spec = m ? { index: Number(m[1]), count: Number(m[2]) } : null
  if (!spec || spec.count < 1 || spec.index >= spec.count) throw new UsageError(`--shard must be i/n with 0 ≤ i < n, got ${JSON.stringify(value)}`)
  return spec
}

/** Whether record `index` belongs to this run: below the limit and in this shard. */
export function selects(options: Pick<ScoreOptions, 'shard' | 'limit'>, index: number): boolean {
  return (options.limit === null || index < options.limit) && index % options.shard.count === options.shard.index
}

export function parseScoreArgs(argv: readonly string[]): ScoreOptions {
  const positional: string[] = []
  const images: string[] = []
  const values = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (!arg.startsWith('-')) {
      positional.push(arg)
      continue
    }
    // `--name value` or `--name=value`
    const eq = arg.indexOf('=')
    const name = eq === -1 ? arg : arg.slice(0, eq)
    if (!OPTIONS.has(name)) throw new UsageError(`unknown option ${name}`)
    const value = eq === -1 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`)
    if (name === '--images') images.push(value)
    else values.set(name, value)
  }
  if (positional.length !== 1) throw new UsageError(positional.length === 0 ? 'no jsonfile given' : `one jsonfile per run, got ${positional.length}`)
  const model = values.get('--model')
  const out = values.get('--out')
  if (images.length === 0) throw new UsageError('--images is required')
  if (model === undefined) throw new UsageError('--model is required')
  if (out === undefined) throw new UsageError('--out is required')
  const limit = values.get('--limit')
  const batch = values.get('--batch')
  const threads = values.get('--threads')
  const shard = values.get('--shard')
  return {
    input: positional[0],
    images,
    model,
    out,
    csv: values.get('--csv') ?? null,
    shard: shard === undefined ? { index: 0, count: 1 } : parseShard(shard),
    limit: limit === undefined ? null : wholeNumber('--limit', limit, 0),
    batch: batch === undefined ? DEFAULT_BATCH : wholeNumber('--batch', batch, 1),
    provider: values.get('--provider') ?? 'cpu',
    threads: threads === undefined ? null : wholeNumber('--threads', threads, 1),
  }
}
