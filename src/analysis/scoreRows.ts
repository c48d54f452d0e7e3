/**
 * The shapes of whole-shard scores, shared by the browser worker, the `npm run score` CLI, the
 * parquet/CSV exports and the aggregates. Field names are snake_case because they are also the
 * column names of the exported files.
 */

/** `key` of the positive text (text_index 0); negatives carry their `short_expr_negs` key. */
export const POSITIVE_KEY = 'positive'

/** One (record, region, text): the positive short_expr or one hard negative. */
export interface ScoreRow {
  /** The record file's name, e.g. `20240101_results_host.json`. */
  file: string
  /** Record index in that file (FG-OVD: the image group). */
  record: number
  f_path: string | null
  /** Region index in the record (`bbox_info` position). */
  region: number
  /** 0 = the positive, 1.. = the negatives in file order. */
  text_index: number
  /** `positive`, or the negative's key (an opaque label; FG-OVD: its list position). */
  key: string
  text: string
  cosine: number
  /** softmax(FG_OVD_SCALE · cosines) over the positive and the region's negatives. */
  p: number
}

/** One scored region: the FG-OVD numbers the sample view shows, plus what the aggregates group by. */
export interface RegionResult {
  file: string
  record: number
  region: number
  f_path: string | null
  /** Detector confidence (FineHARD's 5th bbox value); null when absent. */
  confidence: number | null
  p_positive: number
  /** 1 = best; a negative tying the positive ranks above it. */
  rank: number
  /** cos(positive) − max cos(negative); null when there are no negatives. */
  margin: number | null
  /** Key of the negative with the highest cosine (first in file order on ties); null without negatives. */
  top_negative_key: string | null
  /** The app's rule: the positive strictly beats every negative. */
  passes: boolean
  negatives: number
  /** FG-OVD's `test_type` of the line (kept by the reader in `region.extra`); null for FineHARD. */
  test_type: string | null
}

/** Why a region produced no rows. */
export type SkipReason = 'no-box' | 'no-positive' | 'text-not-embedded'

export interface SkippedRegion {
  file: string
  record: number
  region: number
  reason: SkipReason
}

export interface RecordScores {
  rows: ScoreRow[]
  regions: RegionResult[]
  skipped: SkippedRegion[]
}
