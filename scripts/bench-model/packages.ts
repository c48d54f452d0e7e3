/**
 * The model packages the bench runs, prepared in the OS temp folder and reused when present:
 * the small one (the embedded demo package when it exists, else tiny-a converted here) and an
 * fg-clip-base-shaped random checkpoint converted by our converter and exported by torch.
 */
import { execFile } from 'node:child_process'
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseManifest, type ModelManifest } from '../../src/model/packageManifest.ts'

const run = promisify(execFile)
/** Debian's interpreter has torch; the `python3` on PATH does not. */
const python = '/usr/bin/python3'

export interface BenchPackage {
  /** Short label for tables. */
  label: string
  dir: string
  manifest: ModelManifest
  /** Sum of the package's files, bytes. */
  bytes: number
}

const exists = (path: string) => stat(path).then(() => true, () => false)

export async function readPackage(label: string, dir: string): Promise<BenchPackage> {
  const manifest = parseManifest(JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')))
  return { label, dir, manifest, bytes: manifest.files.reduce((sum, f) => sum + f.bytes, 0) }
}

async function convert(root: string, checkpoint: string, out: string, log: (msg: string) => void): Promise<void> {
  log(`converting ${checkpoint} → ${out} (scripts/convert.ts) …`)
  await rm(out, { recursive: true, force: true })
  await run(process.execPath, ['--import', 'tsx', 'scripts/convert.ts', checkpoint, out, '--dtype', 'fp32'], { cwd: root, maxBuffer: 1 << 22 })
}

/** A checkpoint copy with the shared CLIP tokenizer added: never written into the project. */
async function checkpointWithTokenizer(root: string, from: string | null, to: string): Promise<void> {
  await mkdir(to, { recursive: true })
  if (from) for (const name of await readdir(from)) await copyFile(join(from, name), join(to, name))
  await copyFile(join(root, '../shared/reference/clip-bpe/tokenizer.json'), join(to, 'tokenizer.json'))
}

export async function smallPackage(root: string, log: (msg: string) => void): Promise<BenchPackage> {
  const demo = join(root, 'public/demo/model')
  if (await exists(join(demo, 'manifest.json'))) return readPackage('demo package', demo)
  const work = join(tmpdir(), 'finehard-bench-model')
  const out = join(work, 'tiny-a-package')
  if (!(await exists(join(out, 'manifest.json')))) {
    const checkpoint = join(work, 'tiny-a-checkpoint')
    await checkpointWithTokenizer(root, join(root, 'src/model/testdata/checkpoints/tiny-a'), checkpoint)
    await convert(root, checkpoint, out, log)
  }
  return readPackage('tiny-a', out)
}

export interface BasePackages {
  ours: BenchPackage
  /** torch.onnx.export of the same weights: image.onnx + text.onnx only. */
  torchDir: string
}

/** Paths as in scripts/fgclip-reference/README.md, so a checkpoint made by hand is reused. */
export async function basePackages(root: string, log: (msg: string) => void): Promise<BasePackages> {
  const checkpoint = join(tmpdir(), 'fgclip-base-random')
  const out = join(tmpdir(), 'fgclip-base-package')
  const torchDir = join(tmpdir(), 'onnx-base')
  const reference = join(root, 'scripts/fgclip-reference')
  if (!(await exists(join(checkpoint, 'model.safetensors')))) {
    log(`writing a random fg-clip-base-size checkpoint to ${checkpoint} …`)
    await run(python, [join(reference, 'make_random_checkpoint.py'), '--size', 'base', checkpoint], { cwd: root })
  }
  if (!(await exists(join(checkpoint, 'tokenizer.json')))) await checkpointWithTokenizer(root, null, checkpoint)
  if (!(await exists(join(out, 'manifest.json')))) await convert(root, checkpoint, out, log)
  if (!(await exists(join(torchDir, 'text.onnx')))) {
    log(`exporting the same weights with torch.onnx.export → ${torchDir} …`)
    await run(python, [join(reference, 'export_torch_onnx.py'), checkpoint, torchDir], { cwd: root, maxBuffer: 1 << 24 })
  }
  return { ours: await readPackage('fg-clip-base size, random', out), torchDir }
}
