import type { SampleRecord } from '../formats/types.ts'
import type { ModelManifest } from '../model/packageManifest.ts'
import { regionEmbeddings } from '../model/regionEmbeddings.ts'
import { FG_OVD_SCALE, scoreRegion } from '../model/scoring.ts'
import { regionResult } from './regionResult.ts'
import { POSITIVE_KEY, type RecordScores } from './scoreRows.ts'

/**
 * A text's embedding from the 'short' text path (positives and negatives are short phrases), or
 * null when the model cannot embed it (e.g. a word outside a word-level vocabulary).
 */
export type TextEmbedder = (text: string) => Float32Array | null

/** What scoring needs from the model package's manifest. */
export type DenseShape = Pick<ModelManifest, 'grid' | 'projectionDim'>

/**
 * Scores every region of one record as the sample view does: RoIAlign features of the boxes from
 * the image graph's dense map [G², P] (`regionEmbeddings`), each against its positive short_expr
 * and hard negatives (`scoreRegion` at FG_OVD_SCALE). A region without a drawable box, without a
 * positive, or with a text the model cannot embed yields no rows and is listed as skipped.
 */
export function scoreRecord(
  record: SampleRecord,
  dense: Float32Array,
  textEmbedding: TextEmbedder,
  manifest: DenseShape,
  file: string,
): RecordScores {
  const out: RecordScores = { rows: [], regions: [], skipped: [] }
  const features = regionEmbeddings(record.regions.map((r) => r.box), dense, manifest.grid, manifest.projectionDim)
  for (const [i, region] of record.regions.entries()) {
    const ids = { file, record: record.index, region: region.index, f_path: record.fPath }
    const feature = features[i]
    if (feature === null) {
      out.skipped.push({ ...ids, reason: 'no-box' })
      continue
    }
    if (region.shortExpr === null) {
      out.skipped.push({ ...ids, reason: 'no-positive' })
      continue
    }
    const texts = [{ key: POSITIVE_KEY, text: region.shortExpr }, ...region.negatives]
    const embeddings = texts.map((t) => textEmbedding(t.text))
    if (!embeddings.every((e) => e !== null)) {
      out.skipped.push({ ...ids, reason: 'text-not-embedded' })
      continue
    }
    const score = scoreRegion(feature, embeddings, FG_OVD_SCALE)
    texts.forEach((t, k) => {
      out.rows.push({ ...ids, text_index: k, key: t.key, text: t.text, cosine: score.cosines[k], p: score.probabilities[k] })
    })
    out.regions.push(regionResult(ids, score, region.negatives.map((n) => n.key), region))
  }
  return out
}
