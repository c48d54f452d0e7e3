import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertCheckpoint, type ConvertOptions, type ConvertResult } from './convertCheckpoint.ts'
import { sha256Hex } from './manifest.ts'
import { nodeCheckpointReader, nodePackageWriter } from './nodeFiles.ts'

const TESTDATA = join(import.meta.dirname, '../testdata')
const TOKENIZER = join(import.meta.dirname, '../../../../shared/reference/clip-bpe/tokenizer.json')

interface ImageCase {
  pixel_values: number[]
  image_embeds: number[]
  dense_features: number[][]
}
interface TextPath {
  ids: number[]
  eot_index: number
  short_embeds: number[]
  long_embeds: number[]
}
interface Reference {
  image_size: number
  grid: number
  projection_dim: number
  max_length_short: number
  max_length_long: number
  logit_scale: number
  logit_scale_finegraind: number
  logit_scale_hardneg: number
  images: ImageCase[]
  texts: { text: string; short: TextPath; long: TextPath }[]
}

const work: string[] = []

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fgclip-convert-'))
  work.push(dir)
  return dir
}

/** The fixture checkpoint plus the shared tokenizer in a temp folder (nothing copied into the repo). */
async function checkpointCopy(name: string): Promise<string> {
  const dir = await tempDir()
  const src = join(TESTDATA, 'checkpoints', name)
  for (const f of await readdir(src)) await copyFile(join(src, f), join(dir, f))
  await copyFile(TOKENIZER, join(dir, 'tokenizer.json'))
  return dir
}

async function convert(ckptDir: string, outDir: string, options?: ConvertOptions): Promise<ConvertResult> {
  const reader = nodeCheckpointReader(ckptDir)
  try {
    return await convertCheckpoint(reader, nodePackageWriter(outDir), options)
  } finally {
    await reader.close()
  }
}

function compare(got: Float32Array, want: readonly number[]): { maxAbs: number; relErr: number; cosine: number } {
  expect(got.length).toBe(want.length)
  let maxAbs = 0
  let maxRef = 0
  let dot = 0
  let gg = 0
  let ww = 0
  want.forEach((w, i) => {
    const g = got[i]
    maxAbs = Math.max(maxAbs, Math.abs(g - w))
    maxRef = Math.max(maxRef, Math.abs(w))
    dot += g * w
    gg += g * g
    ww += w * w
  })
  return { maxAbs, relErr: maxAbs / maxRef, cosine: dot / Math.sqrt(gg * ww) }
}

/** Worst error per `<checkpoint> <dtype> <output>`, printed at the end. */
const worst = new Map<string, { maxAbs: number; relErr: number; cosine: number }>()

function expectClose(got: Float32Array, want: readonly number[], fp16: boolean, label: string, output: string): void {
  const m = compare(got, want)
  const w = worst.get(output) ?? { maxAbs: 0, relErr: 0, cosine: 1 }
  worst.set(output, { maxAbs: Math.max(w.maxAbs, m.maxAbs), relErr: Math.max(w.relErr, m.relErr), cosine: Math.min(w.cosine, m.cosine) })
  if (fp16) expect(m.cosine, label).toBeGreaterThanOrEqual(0.999)
  else {
    expect(m.relErr, label).toBeLessThanOrEqual(1e-4)
    expect(m.cosine, label).toBeGreaterThanOrEqual(0.99999)
  }
}

const f32 = (data: ort.Tensor['data']): Float32Array => data as Float32Array
const i64 = (values: number[], dims: number[]): ort.Tensor =>
  new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v)), dims)

/** Rows of `ids` padded with the end token to `length`; position ids from `offset`. */
function textBatch(rows: number[][], length: number, offset: number, eos: number): Record<string, ort.Tensor> {
  const ids = rows.flatMap((r) => [...r, ...Array<number>(length - r.length).fill(eos)])
  const pos = rows.flatMap(() => Array.from({ length }, (_, i) => offset + i))
  return { input_ids: i64(ids, [rows.length, length]), position_ids: i64(pos, [rows.length, length]) }
}

const log: string[] = []

afterAll(async () => {
  for (const [k, m] of worst)
    log.push(`${k}: max abs ${m.maxAbs.toExponential(2)} (${m.relErr.toExponential(2)} of max |ref|), min cosine ${m.cosine.toFixed(7)}`)
  console.log(log.join('\n'))
  await Promise.all(work.map((d) => rm(d, { recursive: true, force: true })))
})

for (const [name, dtype] of [
  ['tiny-a', 'float32'],
  ['tiny-b', 'float32'],
  ['tiny-a', 'float16'],
  ['tiny-b', 'float16'],
] as const) {
  describe(`${name} converted with ${dtype} weights`, () => {
    let ref: Reference
    let out: string
    let result: ConvertResult
    let image: ort.InferenceSession
    let text: ort.InferenceSession
    const fp16 = dtype === 'float16'

    beforeAll(async () => {
      ref = JSON.parse(await readFile(join(TESTDATA, 'reference', `${name}.json`), 'utf8')) as Reference
      out = join(await tempDir(), 'package')
      const started = performance.now()
      result = await convert(await checkpointCopy(name), out, { weightDtype: dtype })
      log.push(`${name} ${dtype}: converted in ${(performance.now() - started).toFixed(0)} ms`)
      image = await ort.InferenceSession.create(join(out, 'image.onnx'))
      text = await ort.InferenceSession.create(join(out, 'text.onnx'))
    })

    it('has the contract input/output names', () => {
      expect(image.inputNames).toEqual(['pixel_values'])
      expect(image.outputNames).toEqual(['image_embeds', 'dense_features'])
      expect(text.inputNames).toEqual(['input_ids', 'position_ids'])
      expect(text.outputNames).toEqual(['short_embeds', 'long_embeds'])
    })

    it('matches the reference image outputs, all images in one batch', async () => {
      const s = ref.image_size
      const n = ref.images.length
      const pixels = Float32Array.from(ref.images.flatMap((c) => c.pixel_values))
      const r = await image.run({ pixel_values: new ort.Tensor('float32', pixels, [n, 3, s, s]) })
      expect(r.image_embeds.dims).toEqual([n, ref.projection_dim])
      expect(r.dense_features.dims).toEqual([n, ref.grid * ref.grid, ref.projection_dim])
      const p = ref.projection_dim
      const g2p = ref.grid * ref.grid * p
      ref.images.forEach((c, i) => {
        const tag = `${name} ${dtype} image ${i}`
        expectClose(f32(r.image_embeds.data).subarray(i * p, (i + 1) * p), c.image_embeds, fp16, `${tag} image_embeds`, `${name} ${dtype} image_embeds`)
        expectClose(f32(r.dense_features.data).subarray(i * g2p, (i + 1) * g2p), c.dense_features.flat(), fp16, `${tag} dense_features`, `${name} ${dtype} dense_features`)
      })
    })

    it('matches the reference text outputs padded to 77/248, batched', async () => {
      const eos = result.manifest.eosTokenId
      for (const [path, length, offset, key] of [
        ['short', ref.max_length_short, 0, 'short_embeds'],
        ['long', ref.max_length_long, ref.max_length_short, 'long_embeds'],
      ] as const) {
        const r = await text.run(textBatch(ref.texts.map((t) => t[path].ids), length, offset, eos))
        const p = ref.projection_dim
        ref.texts.forEach((t, i) => {
          expectClose(f32(r[key].data).subarray(i * p, (i + 1) * p), t[path][key], fp16, `${name} ${dtype} ${path} text ${i} ${key}`, `${name} ${dtype} ${key}`)
        })
      }
    })

    it('gives the padded result when run on only the tokens up to the end token', async () => {
      const t = ref.texts[0]
      for (const [path, offset, key] of [
        ['short', 0, 'short_embeds'],
        ['long', ref.max_length_short, 'long_embeds'],
      ] as const) {
        const ids = t[path].ids
        const r = await text.run(textBatch([ids], ids.length, offset, result.manifest.eosTokenId))
        expectClose(f32(r[key].data), t[path][key], fp16, `${name} ${dtype} unpadded ${path} ${key}`, `${name} ${dtype} ${key} (unpadded)`)
      }
    })

    it('writes a manifest that matches the package', async () => {
      const m = result.manifest
      const onDisk = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8')) as typeof m
      expect(onDisk).toEqual(JSON.parse(JSON.stringify(m)))
      expect(m).toMatchObject({
        format: 'fgclip-package',
        version: 1,
        family: 'fgclip-v1',
        imageSize: ref.image_size,
        grid: ref.grid,
        projectionDim: ref.projection_dim,
        maxLengthShort: 77,
        maxLengthLong: 248,
        bosTokenId: 49406,
        eosTokenId: 49407,
        vocabSize: 49408,
        resample: 'bicubic',
        hiddenAct: 'quick_gelu',
        weightDtype: dtype,
        source: { checkpointDtype: name === 'tiny-a' ? 'float32' : 'bfloat16' },
      })
      expect(m.logitScale).toBeCloseTo(ref.logit_scale, 6)
      expect(m.logitScaleFinegrained).toBeCloseTo(ref.logit_scale_finegraind, 6)
      expect(m.logitScaleHardneg).toBeCloseTo(ref.logit_scale_hardneg, 6)
      expect(m.mean).toEqual([0.48145466, 0.4578275, 0.40821073])
      expect(m.files.map((f) => f.name)).toEqual(['image.onnx', 'text.onnx', 'tokenizer.json'])
      expect((await readdir(out)).sort()).toEqual(['image.onnx', 'manifest.json', 'text.onnx', 'tokenizer.json'])
      for (const f of m.files) {
        const bytes = new Uint8Array(await readFile(join(out, f.name)))
        expect(bytes.length).toBe(f.bytes)
        expect(await sha256Hex(bytes)).toBe(f.sha256)
      }
      expect((await readFile(join(out, 'tokenizer.json'))).equals(await readFile(TOKENIZER))).toBe(true)
    })
  })
}
