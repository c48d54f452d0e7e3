import { joinScoreRows, regionResultFromRows, type RegionRows } from '../../analysis/joinScores.ts'
import { readScoreParquet } from '../../analysis/scoresParquet.ts'
import { fileNameOf } from '../../formats/fileName.ts'
import type { Dataset } from '../data/dataset.ts'
import type { ScoredRecord } from './shardRun.ts'

export interface FileScores {
  records: ScoredRecord[]
  /** Record-file names in the scores that match no open record file. */
  unmatched: string[]
}

/**
 * Score parquet files (from `npm run score` or an export) joined to the open record files by file
 * name and record index; each region's numbers are rebuilt from its rows with the record's facts
 * (detector confidence, FG-OVD test type).
 */
export async function loadFileScores(dataset: Dataset): Promise<FileScores> {
  const rows = (
    await Promise.all(
      dataset.scoreFiles.map((file) =>
        readScoreParquet(file.buffer).catch((error: unknown) => {
          throw new Error(`${file.name}: ${error instanceof Error ? error.message : String(error)}`)
        }),
      ),
    )
  ).flat()
  const names = dataset.files.map((file) => fileNameOf(file.getState().name))
  const offsets = dataset.files.map((_, i) => dataset.files.slice(0, i).reduce((sum, f) => sum + f.getState().count, 0))
  const byRecord = new Map<number, Map<number, RegionRows[]>>()
  const unmatched = new Set<string>()
  for (const group of joinScoreRows(rows).values()) {
    const fileIndex = names.indexOf(fileNameOf(group.file))
    if (fileIndex === -1) {
      unmatched.add(group.file)
      continue
    }
    const records = byRecord.get(fileIndex) ?? new Map<number, RegionRows[]>()
    byRecord.set(fileIndex, records)
    records.set(group.record, [...(records.get(group.record) ?? []), group])
  }
  const out: ScoredRecord[] = []
  for (const [fileIndex, groups] of byRecord) {
    const file = dataset.files[fileIndex]
    const wanted = [...groups.keys()].filter((record) => record < file.getState().count).sort((a, b) => a - b)
    if (wanted.length === 0) continue
    const records = await file.read(wanted[0], wanted[wanted.length - 1] + 1)
    for (const record of records) {
      const regions = groups.get(record.index)
      if (!regions) continue
      regions.sort((a, b) => a.region - b.region)
      out.push({
        run: 'file',
        record: record.index,
        global: offsets[fileIndex] + record.index,
        fileName: names[fileIndex],
        failure: null,
        scores: {
          rows: regions.flatMap((g) => g.rows),
          regions: regions.map((g) => regionResultFromRows(g, record.regions[g.region] ?? null)),
          skipped: [],
        },
      })
    }
  }
  return { records: out.sort((a, b) => a.global - b.global), unmatched: [...unmatched] }
}
