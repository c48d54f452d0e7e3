import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, describe, expect, it } from 'vitest'
import { openNodeFile } from '../../io/nodeFileBuffer.ts'
import { convertCheckpoint, type ConvertOptions, type ConvertResult, type PackageWriter } from './convertCheckpoint.ts'
import { nodeCheckpointReader, nodePackageWriter } from './nodeFiles.ts'
import { openSafetensors } from './safetensors.ts'
import { encodeSafetensors, type SafetensorsTensor } from './safetensorsWriter.ts'

const TESTDATA = join(import.meta.dirname, '../testdata')
const TOKENIZER = join(import.meta.dirname, '../../../../shared/reference/clip-bpe/tokenizer.json')
const work: string[] = []

afterAll(() => Promise.all(work.map((d) => rm(d, { recursive: true, force: true }))))

/** A temp folder holding `ckpt/` (tiny-a + tokenizer.json); the package goes to `package/`. */
async function setup(): Promise<{ root: string; ckpt: string; out: string }> {
  const root = await mkdtemp(join(tmpdir(), 'fgclip-convert-errors-'))
  work.push(root)
  const ckpt = join(root, 'ckpt')
  const src = join(TESTDATA, 'checkpoints', 'tiny-a')
  await mkdir(ckpt)
  for (const f of await readdir(src)) await copyFile(join(src, f), join(ckpt, f))
  await copyFile(TOKENIZER, join(ckpt, 'tokenizer.json'))
  return { root, ckpt, out: join(root, 'package') }
}

async function convert(ckpt: string, writer: PackageWriter, options?: ConvertOptions): Promise<ConvertResult> {
  const reader = nodeCheckpointReader(ckpt)
  try {
    return await convertCheckpoint(reader, writer, options)
  } finally {
    await reader.close()
  }
}

/** Rewrites model.safetensors with `edit` applied to its tensor table. */
async function editWeights(ckpt: string, edit: (t: Map<string, SafetensorsTensor>) => void): Promise<void> {
  const path = join(ckpt, 'model.safetensors')
  const file = await openNodeFile(path)
  const parsed = await openSafetensors(file, 'model.safetensors')
  const tensors = new Map<string, SafetensorsTensor>()
  for (const [name, info] of parsed.tensors)
    tensors.set(name, { dtype: info.dtype, shape: info.shape, bytes: new Uint8Array(await file.slice(info.begin, info.end)) })
  await file.close()
  edit(tensors)
  await writeFile(path, encodeSafetensors(tensors))
}

/** Only the checkpoint folder is left: no package, no staging folder. */
async function expectNothingWritten(root: string): Promise<void> {
  expect(await readdir(root)).toEqual(['ckpt'])
}

describe('conversion errors', () => {
  it('names a missing model.safetensors', async () => {
    const { root, ckpt, out } = await setup()
    await rm(join(ckpt, 'model.safetensors'))
    await expect(convert(ckpt, nodePackageWriter(out))).rejects.toThrow(/missing model\.safetensors/)
    await expectNothingWritten(root)
  })

  it('names a missing tokenizer.json', async () => {
    const { root, ckpt, out } = await setup()
    await rm(join(ckpt, 'tokenizer.json'))
    await expect(convert(ckpt, nodePackageWriter(out))).rejects.toThrow(/missing tokenizer\.json/)
    await expectNothingWritten(root)
  })

  it('names a config without vision_config', async () => {
    const { root, ckpt, out } = await setup()
    const config = JSON.parse(await readFile(join(ckpt, 'config.json'), 'utf8')) as Record<string, unknown>
    delete config.vision_config
    await writeFile(join(ckpt, 'config.json'), JSON.stringify(config))
    await expect(convert(ckpt, nodePackageWriter(out))).rejects.toThrow('config.json: missing vision_config')
    await expectNothingWritten(root)
  })

  it('names a missing tensor', async () => {
    const { root, ckpt, out } = await setup()
    await editWeights(ckpt, (t) => t.delete('vision_model.encoder.layers.1.mlp.fc2.bias'))
    await expect(convert(ckpt, nodePackageWriter(out))).rejects.toThrow(
      'missing tensor vision_model.encoder.layers.1.mlp.fc2.bias (expected shape [32])',
    )
    await expectNothingWritten(root)
  })

  it('names a tensor with the wrong shape, expected vs found', async () => {
    const { root, ckpt, out } = await setup()
    await editWeights(ckpt, (t) =>
      t.set('visual_projection.weight', { dtype: 'F32', shape: [16, 33], bytes: new Uint8Array(16 * 33 * 4) }),
    )
    await expect(convert(ckpt, nodePackageWriter(out))).rejects.toThrow(
      'tensor visual_projection.weight has shape [16, 33], expected [16, 32] from config.json',
    )
    await expectNothingWritten(root)
  })

  it('removes the staged files when a later step fails', async () => {
    const { root, ckpt, out } = await setup()
    const inner = nodePackageWriter(out)
    const failing: PackageWriter = {
      ...inner,
      write: (name, bytes) => (name === 'text.onnx' ? Promise.reject(new Error('disk full')) : inner.write(name, bytes)),
    }
    await expect(convert(ckpt, failing)).rejects.toThrow('disk full')
    await expectNothingWritten(root)
  })
})

describe('package output', () => {
  it('replaces an existing package atomically', async () => {
    const { root, ckpt, out } = await setup()
    await convert(ckpt, nodePackageWriter(out))
    await writeFile(join(out, 'stale.txt'), 'old')
    await convert(ckpt, nodePackageWriter(out))
    expect((await readdir(root)).sort()).toEqual(['ckpt', 'package'])
    expect((await readdir(out)).sort()).toEqual(['image.onnx', 'manifest.json', 'text.onnx', 'tokenizer.json'])
  })

  it('moves weights to <graph>.onnx.data when a graph is too large to inline', async () => {
    const { ckpt, out, root } = await setup()
    const inline = await convert(ckpt, nodePackageWriter(join(root, 'inline')))
    const external = await convert(ckpt, nodePackageWriter(out), { maxInlineBytes: 50_000 })
    expect(external.manifest.files.map((f) => f.name)).toEqual([
      'image.onnx',
      'image.onnx.data',
      'text.onnx',
      'text.onnx.data',
      'tokenizer.json',
    ])
    expect(external.files.find((f) => f.name === 'text.onnx')?.bytes).toBeLessThan(50_000)
    expect(inline.manifest.files.length).toBe(3)
    const s = 32
    const pixels = new ort.Tensor('float32', Float32Array.from({ length: 3 * s * s }, (_, i) => Math.sin(i)), [1, 3, s, s])
    const ids = new ort.Tensor('int64', BigInt64Array.from([49406n, 320n, 2368n, 49407n]), [1, 4])
    const pos = new ort.Tensor('int64', BigInt64Array.from([0n, 1n, 2n, 3n]), [1, 4])
    for (const [graph, feeds] of [
      ['image.onnx', { pixel_values: pixels }],
      ['text.onnx', { input_ids: ids, position_ids: pos }],
    ] as const) {
      const a = await (await ort.InferenceSession.create(join(root, 'inline', graph))).run(feeds)
      const b = await (await ort.InferenceSession.create(join(out, graph))).run(feeds)
      for (const k of Object.keys(a)) expect(b[k].data).toEqual(a[k].data)
    }
  })

  it('reads weights sharded by model.safetensors.index.json', async () => {
    const { ckpt, out, root } = await setup()
    const single = await convert(ckpt, nodePackageWriter(join(root, 'single')))
    const all = new Map<string, SafetensorsTensor>()
    await editWeights(ckpt, (t) => t.forEach((v, k) => all.set(k, v)))
    await rm(join(ckpt, 'model.safetensors'))
    const names = [...all.keys()]
    const half = Math.floor(names.length / 2)
    const shards = [names.slice(0, half), names.slice(half)]
    const weightMap: Record<string, string> = {}
    for (const [i, shard] of shards.entries()) {
      const file = `model-0000${i + 1}-of-00002.safetensors`
      await writeFile(join(ckpt, file), encodeSafetensors(new Map(shard.map((n) => [n, all.get(n) as SafetensorsTensor]))))
      for (const n of shard) weightMap[n] = file
    }
    await writeFile(join(ckpt, 'model.safetensors.index.json'), JSON.stringify({ metadata: {}, weight_map: weightMap }))
    const sharded = await convert(ckpt, nodePackageWriter(out))
    const sha = (r: ConvertResult): string[] => r.manifest.files.map((f) => f.sha256)
    expect(sha(sharded)).toEqual(sha(single))
  })
})
