/**
 * Converts an FG-CLIP checkpoint folder into a model package (docs/model-package.md).
 *
 *   npx tsx scripts/convert.ts <checkpoint dir> <out dir> [--dtype fp32|fp16] [--name <display name>]
 */
import { stat } from 'node:fs/promises'
import { convertCheckpoint } from '../src/model/convert/convertCheckpoint.ts'
import type { WeightDtype } from '../src/model/convert/graphBuilder.ts'
import { nodeCheckpointReader, nodePackageWriter } from '../src/model/convert/nodeFiles.ts'

const USAGE = 'usage: npx tsx scripts/convert.ts <checkpoint dir> <out dir> [--dtype fp32|fp16] [--name <display name>]'
const DTYPES: Record<string, WeightDtype> = { fp32: 'float32', fp16: 'float16' }

interface Args {
  checkpoint: string
  out: string
  weightDtype: WeightDtype
  name: string | undefined
}

function parseArgs(argv: readonly string[]): Args {
  const positional: string[] = []
  let weightDtype: WeightDtype = 'float32'
  let name: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a === '--dtype' || a.startsWith('--dtype=')) {
      const value = a === '--dtype' ? argv[++i] : a.slice('--dtype='.length)
      const dtype = DTYPES[value ?? '']
      if (!dtype) throw new Error(`--dtype must be fp32 or fp16, got ${value ?? 'nothing'}\n${USAGE}`)
      weightDtype = dtype
    } else if (a === '--name') {
      name = argv[++i]
      if (!name) throw new Error(`--name needs a value\n${USAGE}`)
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`)
    else positional.push(a)
  }
  if (positional.length !== 2) throw new Error(USAGE)
  return { checkpoint: positional[0], out: positional[1], weightDtype, name }
}

const size = (bytes: number): string =>
  bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2))
  if (!(await stat(args.checkpoint).catch(() => null))?.isDirectory())
    throw new Error(`${args.checkpoint} is not a folder`)
  const started = performance.now()
  const reader = nodeCheckpointReader(args.checkpoint)
  try {
    const result = await convertCheckpoint(reader, nodePackageWriter(args.out), {
      weightDtype: args.weightDtype,
      label: { name: args.name },
      onProgress: (stage) => console.log(`… ${stage}`),
    })
    console.log(`wrote ${args.out} (${args.weightDtype} weights):`)
    for (const f of result.files) console.log(`  ${f.name.padEnd(18)} ${size(f.bytes).padStart(10)}  sha256 ${f.sha256.slice(0, 16)}…`)
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  } finally {
    await reader.close()
  }
}

main().catch((e: unknown) => {
  console.error(`convert: ${e instanceof Error ? e.message : String(e)}`)
  process.exitCode = 1
})
