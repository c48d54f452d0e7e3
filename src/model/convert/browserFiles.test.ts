import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { fileCheckpointReader, memoryPackageWriter } from './browserFiles.ts'
import { convertCheckpoint } from './convertCheckpoint.ts'
import { sha256Hex } from './manifest.ts'

const CKPT = join(import.meta.dirname, '../testdata/checkpoints/tiny-b')
const TOKENIZER = join(import.meta.dirname, '../../../../shared/reference/clip-bpe/tokenizer.json')

/** Browser-like File objects for the fixture plus the shared tokenizer. */
async function pickedFiles(): Promise<File[]> {
  const names = await readdir(CKPT)
  const files = await Promise.all(names.map(async (n) => new File([await readFile(join(CKPT, n))], n)))
  return [...files, new File([await readFile(TOKENIZER)], 'tokenizer.json')]
}

describe('browser reader and in-memory writer', () => {
  it('converts from File objects into memory', async () => {
    const pkg = memoryPackageWriter()
    const result = await convertCheckpoint(fileCheckpointReader(await pickedFiles()), pkg.writer)
    const files = pkg.files()
    expect([...files.keys()]).toEqual(['image.onnx', 'text.onnx', 'tokenizer.json', 'manifest.json'])
    for (const f of result.files) expect(await sha256Hex(files.get(f.name) ?? new Uint8Array())).toBe(f.sha256)
    const image = await ort.InferenceSession.create(files.get('image.onnx') ?? new Uint8Array())
    const out = await image.run({ pixel_values: new ort.Tensor('float32', new Float32Array(2 * 3 * 40 * 40), [2, 3, 40, 40]) })
    expect(out.dense_features.dims).toEqual([2, 25, 24])
  })

  it('keeps nothing after a failed conversion', async () => {
    const pkg = memoryPackageWriter()
    const files = (await pickedFiles()).filter((f) => f.name !== 'model.safetensors')
    await expect(convertCheckpoint(fileCheckpointReader(files), pkg.writer)).rejects.toThrow(/model\.safetensors/)
    expect(pkg.files().size).toBe(0)
  })
})
