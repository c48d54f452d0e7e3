// The demo model's tokenizer.json: a word-level vocabulary of everything the scene generator can say.
//
//   npx tsx scripts/demo-model/makeTokenizer.ts OUT.json RECORDS.json [RECORDS.json …]
//
// Words come from (1) every caption, phrase and negative of the given generated record files
// (genData.ts output, or a FineHARD demo_results.json list), and (2) the generator's closed
// vocabulary enumerated directly — every attribute combination as a region phrase, backdrop tones,
// number words and compass directions — so no word a scene can produce is missing.
import { readFileSync, writeFileSync } from 'node:fs'
import type { FineHardRecord } from '../demo/index.ts'
import { shortExpr, definiteExpr, directionName, numberWord } from '../demo/phrases.ts'
import { BACKDROP_TONES, COLOR_NAMES, PATTERNS, SHAPES, SIZES } from '../demo/vocabulary.ts'
import { buildWordTokenizer } from './wordTokenizer.ts'

export function* recordTexts(record: FineHardRecord): Generator<string> {
  yield record.caption
  yield record.short_caption
  for (const region of record.bbox_info) {
    yield region.short_expr
    yield region.long_expr
    yield* Object.values(region.short_expr_negs)
  }
}

export function* vocabularyTexts(): Generator<string> {
  for (const size of SIZES)
    for (const color of COLOR_NAMES)
      for (const pattern of PATTERNS)
        for (const shape of SHAPES) {
          yield shortExpr({ size, color, pattern, shape })
          yield definiteExpr({ size, color, pattern, shape })
        }
  for (const tone of BACKDROP_TONES) yield tone.name
  for (let n = 0; n <= 6; n++) yield numberWord(n)
  for (let k = 0; k < 8; k++) yield directionName((k * Math.PI) / 4)
}

function readRecords(path: string): FineHardRecord[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'))
  if (Array.isArray(parsed)) return parsed as FineHardRecord[]
  return (parsed as { samples: { record: FineHardRecord }[] }).samples.map((s) => s.record)
}

const isMain = process.argv[1]?.endsWith('makeTokenizer.ts')
if (isMain) {
  const [outPath, ...inputs] = process.argv.slice(2)
  if (!outPath || inputs.length === 0) throw new Error('usage: makeTokenizer.ts OUT.json RECORDS.json [...]')
  function* all(): Generator<string> {
    yield* vocabularyTexts()
    for (const input of inputs) for (const record of readRecords(input)) yield* recordTexts(record)
  }
  const built = buildWordTokenizer(all())
  writeFileSync(outPath, JSON.stringify(built.json, null, 1) + '\n')
  console.log(`tokenizer: ${built.vocabSize} tokens (bos ${built.bosTokenId}, eos ${built.eosTokenId}) → ${outPath}`)
}
