/**
 * `npm run score` on the embedded demo (first records only): the CLI's rows equal scoreRecord's
 * on the same decoded pixels, shards add up to the whole run, a parquet shard with inline bytes
 * gives the same rows as the image folder, and missing pictures are reported, not fatal.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parquetWriteBuffer } from 'hyparquet-writer'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scoreRecord } from '../../src/analysis/scoreRecord.ts'
import type { ScoreRow } from '../../src/analysis/scoreRows.ts'
import { readScoreParquet } from '../../src/analysis/scoresParquet.ts'
import { preparedImagePath } from '../../src/formats/imagePath.ts'
import { buildJsonIndex } from '../../src/formats/jsonIndex.ts'
import { readRecords } from '../../src/formats/jsonRecords.ts'
import type { SampleRecord } from '../../src/formats/types.ts'
import { openNodeFile } from '../../src/io/nodeFileBuffer.ts'
import { runImageGraph, runTextGraph } from '../../src/model/inference.ts'
import { parseManifest } from '../../src/model/packageManifest.ts'
import { preprocessImage } from '../../src/model/preprocess.ts'
import { encodeText, loadTokenizer } from '../../src/model/tokenizer.ts'
import { decodeImage } from './imageSource.ts'
import type { ScoreOptions } from './args.ts'
import { runScore, type ScoreRun } from './run.ts'

const root = join(import.meta.dirname, '../..')
const demo = join(root, 'public/demo')
const input = join(demo, 'jsonfiles/demo_results.json')
const images = join(demo, 'grit-12m')
const model = join(demo, 'model')
const LIMIT = 20
/** In the demo's list of failed downloads, and among the first LIMIT records. */
const MISSING_KEY = '000000005'

let work: string
let whole: ScoreRun
let logged: string[]

const options = (over: Partial<ScoreOptions>): ScoreOptions => ({
  input, images: [images], model, out: join(work, 'whole.parquet'), csv: null,
  shard: { index: 0, count: 1 }, limit: LIMIT, batch: 8, provider: 'cpu', threads: null, ...over,
})

async function score(over: Partial<ScoreOptions>, log: string[] = []): Promise<ScoreRun> {
  return runScore(options(over), { log: (line) => log.push(line), progress: () => {} })
}

const order = (a: ScoreRow, b: ScoreRow) => a.record - b.record || a.region - b.region || a.text_index - b.text_index

async function demoRecords(count: number): Promise<SampleRecord[]> {
  const file = await openNodeFile(input)
  try {
    return await readRecords(file, await buildJsonIndex(file), 0, count)
  } finally {
    await file.close()
  }
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'score-test-'))
  logged = []
  whole = await score({}, logged)
})

afterAll(async () => {
  await rm(work, { recursive: true, force: true })
})

describe('npm run score on the demo', () => {
  it('gives the rows scoreRecord gives on the same decoded pixels, run as the app runs them (one image, one region\'s texts per graph run)', async () => {
    const manifest = parseManifest(JSON.parse(await readFile(join(model, 'manifest.json'), 'utf8')))
    const tokenizer = loadTokenizer(await readFile(join(model, 'tokenizer.json'), 'utf8'))
    const imageSession = await ort.InferenceSession.create(join(model, 'image.onnx'))
    const textSession = await ort.InferenceSession.create(join(model, 'text.onnx'))
    const embeddings = new Map<string, Float32Array>()
    const expected: ScoreRow[] = []
    for (const record of await demoRecords(LIMIT)) {
      if (record.image?.key === MISSING_KEY) continue
      const decoded = await decodeImage(await readFile(join(images, preparedImagePath(record.image!))))
      if (!decoded.ok) throw new Error(decoded.reason)
      const pixels = preprocessImage(decoded.image, manifest.imageSize, manifest)
      const [{ dense }] = await runImageGraph(ort.Tensor, imageSession, pixels, manifest)
      for (const region of record.regions) {
        const texts = [region.shortExpr ?? '', ...region.negatives.map((n) => n.text)].filter((t) => !embeddings.has(t))
        const ids = texts.map((t) => encodeText(tokenizer, t, { maxLength: manifest.maxLengthShort, bosTokenId: manifest.bosTokenId, eosTokenId: manifest.eosTokenId }))
        const embedded = await runTextGraph(ort.Tensor, textSession, ids, 'short', manifest)
        texts.forEach((t, k) => embeddings.set(t, embedded[k]))
      }
      expected.push(...scoreRecord(record, dense, (t) => embeddings.get(t) ?? null, manifest, 'demo_results.json').rows)
    }
    await imageSession.release()
    await textSession.release()
    expect(whole.rows.length).toBeGreaterThan(500)
    expect(whole.rows).toEqual(expected)
  })

  it('writes those rows to the parquet file', async () => {
    const file = await openNodeFile(join(work, 'whole.parquet'))
    expect(await readScoreParquet(file)).toEqual(whole.rows)
    await file.close()
  })

  it('reports the missing picture and scores the rest', () => {
    expect(whole.summary).toMatchObject({ records: LIMIT, recordsScored: LIMIT - 1, recordsWithoutImage: 1 })
    expect(logged.join('\n')).toMatch(/no image for record 5 .*000000005\.jpg/)
    expect(whole.rows.some((r) => r.record === 5)).toBe(false)
    expect(whole.summary.regionsScored).toBe(new Set(whole.rows.map((r) => `${r.record}/${r.region}`)).size)
  })

  it('--shard 0/2 and 1/2 together give the whole run', async () => {
    const even = await score({ shard: { index: 0, count: 2 }, out: join(work, 'even.parquet') })
    const odd = await score({ shard: { index: 1, count: 2 }, out: join(work, 'odd.parquet'), batch: 3 })
    expect(even.rows.every((r) => r.record % 2 === 0) && odd.rows.every((r) => r.record % 2 === 1)).toBe(true)
    expect([...even.rows, ...odd.rows].sort(order)).toEqual(whole.rows)
    expect(even.summary.records + odd.summary.records).toBe(LIMIT)
  })

  it('reads inline bytes from an img2dataset parquet shard as it reads the folder', async () => {
    const records = (await demoRecords(LIMIT)).filter((r) => r.image !== null)
    const jpgs = await Promise.all(records.map((r) => (r.image!.key === MISSING_KEY ? null : readFile(join(images, preparedImagePath(r.image!))))))
    const shardPath = join(work, 'coyo_image_0/00000.parquet')
    await mkdir(join(work, 'coyo_image_0'), { recursive: true })
    const shard = parquetWriteBuffer({
      columnData: [
        { name: 'key', type: 'STRING', data: records.map((r) => r.image!.key) },
        { name: 'status', type: 'STRING', data: jpgs.map((j) => (j ? 'success' : 'failed_to_download')) },
        { name: 'error_message', type: 'STRING', data: jpgs.map((j) => (j ? null : 'HTTP Error 404: Not Found')) },
        { name: 'jpg', type: 'BYTE_ARRAY', data: jpgs.map((j) => (j ? new Uint8Array(j) : null)) },
      ],
    })
    await writeFile(shardPath, new Uint8Array(shard))
    const log: string[] = []
    const fromShard = await score({ images: [shardPath], out: join(work, 'shard.parquet') }, log)
    expect(fromShard.rows).toEqual(whole.rows)
    expect(log.join('\n')).toMatch(/record 5 .*failed_to_download.*HTTP Error 404/)
  })

  it('scores FG-OVD lines, grouped by image, with their test types; a path leaving the image folder is refused', async () => {
    const [first, second] = await demoRecords(2)
    const lines = [first, second].flatMap((record, k) =>
      record.regions.map((r) => ({
        img_path: k === 0 ? preparedImagePath(record.image!) : '../../../etc/000000001.jpg',
        width: 320, height: 240,
        bbox: [r.box!.x1 * 320, r.box!.y1 * 240, (r.box!.x2 - r.box!.x1) * 320, (r.box!.y2 - r.box!.y1) * 240],
        pos_expression: [r.shortExpr], neg_expression: r.negatives.map((n) => n.text),
        test_type: r.index % 2 ? 'color' : '1_attributes',
      })),
    )
    const path = join(work, 'fgovd.jsonl')
    await writeFile(path, lines.map((l) => JSON.stringify(l)).join('\n'))
    const log: string[] = []
    const run = await score({ input: path, out: join(work, 'fgovd.parquet'), limit: null }, log)
    expect(run.summary).toMatchObject({ records: 2, recordsScored: 1, recordsWithoutImage: 1, regionsScored: first.regions.length })
    expect(log.join('\n')).toMatch(/points outside the image folder/)
    expect(run.regions.map((r) => r.test_type)).toEqual(first.regions.map((r) => (r.index % 2 ? 'color' : '1_attributes')))
    expect(run.summary.fgovd.total.total).toBe(first.regions.length)
    // The same boxes and texts as record 0, so the same verdicts.
    expect(run.regions.map((r) => r.passes)).toEqual(whole.regions.filter((r) => r.record === 0).map((r) => r.passes))
  })

  it('runs as a command: summary on stdout, parquet and CSV written', async () => {
    const out = join(work, 'cli.parquet')
    const csv = join(work, 'cli.csv')
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'scripts/score.ts', input, '--images', images, '--model', model, '--out', out, '--csv', csv, '--limit', '4'],
      { cwd: root },
    )
    expect(stderr).toMatch(/records 4\/4/)
    expect(stdout).toMatch(/regions scored: \d+/)
    expect(stdout).toMatch(/regions\/s/)
    const file = await openNodeFile(out)
    const rows = await readScoreParquet(file)
    await file.close()
    expect(rows).toEqual(whole.rows.filter((r) => r.record < 4))
    expect((await readFile(csv, 'utf8')).split('\r\n').length).toBe(rows.length + 2)
  })
})
