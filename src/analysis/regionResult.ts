import type { Region } from '../formats/types.ts'
import type { RegionScore } from '../model/scoring.ts'
import type { RegionResult } from './scoreRows.ts'

/** Where a region sits: what joins its rows to its record. */
export interface RegionIds {
  file: string
  record: number
  region: number
  f_path: string | null
}

/** The fields of a record's region that a result carries besides its scores. */
export type RegionFacts = Pick<Region, 'confidence' | 'extra'>

/** FG-OVD's `test_type`: the reader keeps it among the region's unknown keys. */
export function testTypeOf(region: RegionFacts | null): string | null {
  const value = region?.extra.test_type
  if (value === undefined || value === null) return null
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Index of the largest value, the first one on ties; -1 when empty. */
function argmax(values: readonly number[]): number {
  let best = -1
  for (let i = 0; i < values.length; i++) if (best === -1 || values[i] > values[best]) best = i
  return best
}

/**
 * One region's result from its score over [positive, neg₁ … negₙ]; `negativeKeys` are the
 * negatives' keys in the same order. Used both when scoring and when rebuilding results from
 * stored rows, so the two cannot drift apart.
 */
export function regionResult(ids: RegionIds, score: RegionScore, negativeKeys: readonly string[], region: RegionFacts | null): RegionResult {
  const top = argmax(score.cosines.slice(1))
  return {
    ...ids,
    confidence: region?.confidence ?? null,
    p_positive: score.positiveProbability,
    rank: score.rank,
    margin: score.margin,
    top_negative_key: top === -1 ? null : negativeKeys[top],
    passes: score.passes,
    negatives: negativeKeys.length,
    test_type: testTypeOf(region),
  }
}
