/**
 * One scoring run: the selected records of one file → images → dense maps → cached text
 * embeddings → scoreRecord (the same code the browser worker runs) → a parquet file (+ CSV).
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { basename, dirname } from 'node:path'
import { accuracyByNegativeKey, fgovdAccuracy, overallAccuracy, type Accuracy, type FgovdAccuracy, type KeyAccuracy } from '../../src/analysis/aggregate.ts'
import { scoreRecord } from '../../src/analysis/scoreRecord.ts'
import type { RegionResult, ScoreRow, SkipReason } from '../../src/analysis/scoreRows.ts'
import { scoreRowsToCsv } from '../../src/analysis/scoresCsv.ts'
import { scoreRowsToParquet } from '../../src/analysis/scoresParquet.ts'
import type { Region, SampleRecord } from '../../src/formats/types.ts'
import type { PixelImage } from '../../src/model/preprocess.ts'
import { FG_OVD_SCALE } from '../../src/model/scoring.ts'
import { selects, type ScoreOptions, type ShardSpec } from './args.ts'
import { openImageSources, type ImageSource } from './imageSource.ts'
import { loadNodeModel, type NodeModel } from './nodeModel.ts'
import { openRecordSource, type RecordSource } from './recordSource.ts'

/** Milliseconds spent per stage, summed over the run. */
export interface StageTimes {
  /** Reading and JPEG-decoding pictures. */
  load: number
  preprocess: number
  imageGraph: number
  textGraph: number
  /** RoIAlign + scoring (scoreRecord). */
  scoring: number
}

export interface ScoreSummary {
  file: string
  shard: ShardSpec
  /** Records this run was asked for (limit and shard applied). */
  records: number
  recordsScored: number
  recordsWithoutImage: number
  recordsWithoutRegions: number
  regionsScored: number
  /** Regions of records whose picture could not be had. */
  regionsWithoutImage: number
  regionsSkipped: Record<SkipReason, number>
  rows: number
  /** Texts run through the text graph (cache misses). */
  textsEmbedded: number
  accuracy: Accuracy
  byNegativeKey: KeyAccuracy[]
  fgovd: FgovdAccuracy
  /** Opening the model, the record file (index) and the image sources. */
  setupSeconds: number
  /** From the first record read to the last record scored (outputs not included). */
  scoringSeconds: number
  times: StageTimes
}

export interface ScoreRun {
  rows: ScoreRow[]
  regions: RegionResult[]
  summary: ScoreSummary
}

export interface Progress {
  done: number
  total: number
  regions: number
  missing: number
  seconds: number
}

export interface ScoreHooks {
  /** A line for the operator (stderr in the CLI). */
  log(line: string): void
  /** Called every PROGRESS_EVERY_MS while scoring, and once at the end. */
  progress(p: Progress): void
}

/** Records read and parsed per step; the shard filter runs on each window. */
const READ_WINDOW = 512
const PROGRESS_EVERY_MS = 2000

/** How many indices in [0, end) have index % n == i. */
function selectedCount(end: number, shard: ShardSpec): number {
  return end > shard.index ? Math.floor((end - 1 - shard.index) / shard.count) + 1 : 0
}

/** The texts scoreRecord will ask for: only regions it can score. */
function scoredTexts(regions: readonly Region[]): string[] {
  return regions.flatMap((r) => (r.box === null || r.shortExpr === null ? [] : [r.shortExpr, ...r.negatives.map((n) => n.text)]))
}

/** Provenance in the parquet footer: what was scored, with which model, at which scale. */
function scoreFileMetadata(model: NodeModel, options: ScoreOptions, file: string): Record<string, string> {
  const { manifest } = model
  return {
    'finehard.scores.input': file,
    'finehard.scores.shard': `${options.shard.index}/${options.shard.count}`,
    'finehard.scores.limit': options.limit === null ? 'none' : String(options.limit),
    'finehard.scores.model': manifest.source.name ?? basename(options.model),
    'finehard.scores.model_image_sha256': manifest.files.find((f) => f.name === 'image.onnx')?.sha256 ?? '',
    'finehard.scores.scale': String(FG_OVD_SCALE),
  }
}

async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  await writeFile(path, data)
}

interface Scored {
  rows: ScoreRow[]
  regions: RegionResult[]
  skipped: Record<SkipReason, number>
  times: StageTimes
  total: number
  scored: number
  withoutImage: number
  withoutRegions: number
  regionsWithoutImage: number
  seconds: number
}

/** The selected records of `source`, batch by batch. */
async function scoreSelected(model: NodeModel, source: RecordSource, images: ImageSource, options: ScoreOptions, hooks: ScoreHooks): Promise<Scored> {
  const end = options.limit === null ? source.count : Math.min(source.count, options.limit)
  const out: Scored = {
    rows: [], regions: [], skipped: { 'no-box': 0, 'no-positive': 0, 'text-not-embedded': 0 },
    times: { load: 0, preprocess: 0, imageGraph: 0, textGraph: 0, scoring: 0 },
    total: selectedCount(end, options.shard), scored: 0, withoutImage: 0, withoutRegions: 0, regionsWithoutImage: 0, seconds: 0,
  }
  const started = performance.now()
  let done = 0
  let lastProgress = started
  const progress = () => hooks.progress({ done, total: out.total, regions: out.regions.length, missing: out.withoutImage, seconds: (performance.now() - started) / 1000 })
  const timed = async <T>(stage: keyof StageTimes, work: () => T | Promise<T>): Promise<T> => {
    const t = performance.now()
    try {
      return await work()
    } finally {
      out.times[stage] += performance.now() - t
    }
  }

  async function scoreBatch(batch: readonly SampleRecord[]): Promise<void> {
    const withRegions = batch.filter((r) => r.regions.length > 0)
    out.withoutRegions += batch.length - withRegions.length
    const loaded = await timed('load', () => Promise.all(withRegions.map((r) => images.load(r))))
    const ready: { record: SampleRecord; image: PixelImage }[] = []
    loaded.forEach((image, k) => {
      const record = withRegions[k]
      if (image.ok) ready.push({ record, image: image.image })
      else {
        out.withoutImage++
        out.regionsWithoutImage += record.regions.length
        hooks.log(`no image for record ${record.index} (${record.fPath ?? 'no f_path'}): ${image.reason}`)
      }
    })
    const pixels = await timed('preprocess', () => model.preprocess(ready.map((r) => r.image)))
    const dense = await timed('imageGraph', () => model.denseMaps(pixels))
    await timed('textGraph', () => model.embedTexts(ready.flatMap((r) => scoredTexts(r.record.regions))))
    await timed('scoring', () => {
      ready.forEach(({ record }, k) => {
        const scores = scoreRecord(record, dense[k], model.textEmbedding, model.manifest, source.name)
        out.rows.push(...scores.rows)
        out.regions.push(...scores.regions)
        for (const s of scores.skipped) out.skipped[s.reason]++
      })
    })
    out.scored += ready.length
    done += batch.length
    if (performance.now() - lastProgress >= PROGRESS_EVERY_MS) {
      lastProgress = performance.now()
      progress()
    }
  }

  for (let from = 0; from < end; from += READ_WINDOW) {
    const window = (await source.read(from, Math.min(end, from + READ_WINDOW))).filter((r) => selects(options, r.index))
    for (let b = 0; b < window.length; b += options.batch) await scoreBatch(window.slice(b, b + options.batch))
  }
  progress()
  out.seconds = (performance.now() - started) / 1000
  return out
}

/** Scores, writes the outputs, and sums up; every opened file and session is released. */
export async function runScore(options: ScoreOptions, hooks: ScoreHooks): Promise<ScoreRun> {
  const setupStart = performance.now()
  const model = await loadNodeModel(options.model, options)
  try {
    const source = await openRecordSource(options.input)
    try {
      const images = await openImageSources(options.images)
      try {
        const setupSeconds = (performance.now() - setupStart) / 1000
        const s = await scoreSelected(model, source, images, options, hooks)
        await writeOutput(options.out, new Uint8Array(scoreRowsToParquet(s.rows, scoreFileMetadata(model, options, source.name))))
        if (options.csv !== null) await writeOutput(options.csv, scoreRowsToCsv(s.rows))
        const summary: ScoreSummary = {
          file: source.name,
          shard: options.shard,
          records: s.total,
          recordsScored: s.scored,
          recordsWithoutImage: s.withoutImage,
          recordsWithoutRegions: s.withoutRegions,
          regionsScored: s.regions.length,
          regionsWithoutImage: s.regionsWithoutImage,
          regionsSkipped: s.skipped,
          rows: s.rows.length,
          textsEmbedded: model.embeddedTexts(),
          accuracy: overallAccuracy(s.regions),
          byNegativeKey: accuracyByNegativeKey(s.rows),
          fgovd: fgovdAccuracy(s.regions),
          setupSeconds,
          scoringSeconds: s.seconds,
          times: s.times,
        }
        return { rows: s.rows, regions: s.regions, summary }
      } finally {
        await images.close()
      }
    } finally {
      await source.close()
    }
  } finally {
    await model.release()
  }
}
