import type { SampleRecord } from '../formats/types.ts'
import { FG_OVD_SCALE, scoreFromCosines } from '../model/scoring.ts'
import { regionResult, type RegionFacts, type RegionIds } from './regionResult.ts'
import type { RegionResult, ScoreRow } from './scoreRows.ts'

/** A region's stored rows, ordered by text_index (0 = the positive). */
export interface RegionRows extends RegionIds {
  rows: ScoreRow[]
}

/** Map key of a region; JSON keeps any file name unambiguous. */
export function scoreKey(file: string, record: number, region: number): string {
  return JSON.stringify([file, record, region])
}

/** Groups rows (from one or many score files, in any order) by (file, record, region). */
export function joinScoreRows(rows: readonly ScoreRow[]): Map<string, RegionRows> {
  const joined = new Map<string, RegionRows>()
  for (const row of rows) {
    const key = scoreKey(row.file, row.record, row.region)
    let group = joined.get(key)
    if (!group) {
      group = { file: row.file, record: row.record, region: row.region, f_path: row.f_path, rows: [] }
      joined.set(key, group)
    }
    group.rows.push(row)
  }
  for (const group of joined.values()) group.rows.sort((a, b) => a.text_index - b.text_index)
  return joined
}

/**
 * Rebuilds a region's result from its stored rows: the same numbers scoreRecord gave, since both
 * go through scoreFromCosines. `region` supplies confidence and test_type (null when the record
 * is not at hand). Throws when the rows are not exactly text_index 0..n-1.
 */
export function regionResultFromRows(group: RegionRows, region: RegionFacts | null): RegionResult {
  group.rows.forEach((row, k) => {
    if (row.text_index !== k) {
      throw new Error(`scores of ${group.file} record ${group.record} region ${group.region}: text_index ${row.text_index} found where ${k} was expected`)
    }
  })
  const score = scoreFromCosines(group.rows.map((r) => r.cosine), FG_OVD_SCALE)
  const ids = { file: group.file, record: group.record, region: group.region, f_path: group.f_path }
  return regionResult(ids, score, group.rows.slice(1).map((r) => r.key), region)
}

/** A record's regions beside their stored scores: null where the file holds none for that region. */
export function recordResults(joined: ReadonlyMap<string, RegionRows>, file: string, record: SampleRecord): (RegionResult | null)[] {
  return record.regions.map((region) => {
    const group = joined.get(scoreKey(file, record.index, region.index))
    return group ? regionResultFromRows(group, region) : null
  })
}
