import { joinScoreRows, recordResults, scoreKey, type RegionRows } from '../../analysis/joinScores.ts'
import { readScoreParquet } from '../../analysis/scoresParquet.ts'
import { fileNameOf } from '../../formats/fileName.ts'
import { fileOffsets, type Dataset } from '../data/dataset.ts'
import type { ScoredRecord } from './shardRun.ts'
import { messageOf } from '../../io/messageOf.ts'

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
          throw new Error(`${file.name}: ${messageOf(error)}`)
        }),
      ),
    )
  ).flat()
  const names = dataset.files.map((file) => fileNameOf(file.getState().name))
  const offsets = fileOffsets(dataset)
  const joined = joinScoreRows(rows)
  /** Per open file: its scored records, with the name the rows give it. */
  const scored = new Map<number, { name: string; records: Set<number> }>()
  const unmatched = new Set<string>()
  for (const group of joined.values()) {
    const fileIndex = names.indexOf(fileNameOf(group.file))
    if (fileIndex === -1) {
      unmatched.add(group.file)
      continue
    }
    const entry = scored.get(fileIndex) ?? { name: group.file, records: new Set<number>() }
    entry.records.add(group.record)
    scored.set(fileIndex, entry)
  }
  const out: ScoredRecord[] = []
  for (const [fileIndex, { name, records }] of scored) {
    const file = dataset.files[fileIndex]
    const wanted = [...records].filter((record) => record < file.getState().count).sort((a, b) => a - b)
    if (wanted.length === 0) continue
    for (const record of await file.read(wanted[0], wanted[wanted.length - 1] + 1)) {
      if (!records.has(record.index)) continue
      const regions = recordResults(joined, name, record).filter((result) => result !== null)
      const groups = regions.map((result) => joined.get(scoreKey(name, record.index, result.region)) as RegionRows)
      out.push({
        run: 'file',
        record: record.index,
        global: offsets[fileIndex] + record.index,
        fileName: names[fileIndex],
        failure: null,
        scores: { rows: groups.flatMap((g) => g.rows), regions, skipped: [] },
      })
    }
  }
  return { records: out.sort((a, b) => a.global - b.global), unmatched: [...unmatched] }
}
