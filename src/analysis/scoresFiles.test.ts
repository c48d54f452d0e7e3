import { parquetWriteBuffer } from 'hyparquet-writer'
import { describe, expect, it } from 'vitest'
import { arrayBufferSource } from '../io/arrayBufferSource.ts'
import type { ScoreRow } from './scoreRows.ts'
import { csvField, scoreRowsToCsv } from './scoresCsv.ts'
import { readScoreMetadata, readScoreParquet, scoreRowsToParquet } from './scoresParquet.ts'

// Texts as hostile as captions get: separators, quotes, line breaks, bidi controls, CJK, emoji.
const texts = ['a red car', 'a "red", car', 'line\nbreak', 'cr\r\nlf', '\u202Eevil\u202C', '红色的车', '🚗 car', '', ' padded ']

const rows: ScoreRow[] = texts.map((text, i) => ({
  file: i % 2 ? 'b,"odd" name.json' : 'a.json',
  record: 1000 + i,
  f_path: i === 3 ? null : `grit-20m/data-12m/coyo_image_0/00000/00000000${i}.jpg`,
  region: i % 3,
  text_index: i,
  key: i === 0 ? 'positive' : `key_${i}`,
  text,
  // Doubles that a float32 column would change, and extremes a softmax at scale 100 produces.
  cosine: [0.1 + 0.2, -0.9999999999999999, 1 / 3, 0, -2e-8, 1e-300, 0.123456789012345, 1, -1][i],
  p: [1, 5.118445923885388e-24, 0.5, 0, 1e-320, 0.9953434977385361, 2 ** -52, 0.25, 0.75][i],
}))

describe('score parquet files', () => {
  it('reads back exactly the rows written, with their key-value metadata', async () => {
    const buffer = scoreRowsToParquet(rows, { 'finehard.scores.model': 'demo', 'finehard.scores.scale': '100' })
    const read = await readScoreParquet(arrayBufferSource(buffer))
    expect(read).toEqual(rows)
    expect(await readScoreMetadata(arrayBufferSource(buffer))).toMatchObject({ 'finehard.scores.model': 'demo', 'finehard.scores.scale': '100' })
  })

  it('writes and reads a file with no rows (a shard whose images are all missing)', async () => {
    expect(await readScoreParquet(arrayBufferSource(scoreRowsToParquet([])))).toEqual([])
  })

  it('names the columns a parquet file lacks', async () => {
    const other = parquetWriteBuffer({ columnData: [{ name: 'file', type: 'STRING', data: ['a'] }, { name: 'url', type: 'STRING', data: ['u'] }] })
    await expect(readScoreParquet(arrayBufferSource(other))).rejects.toThrow(/not a score file: columns record, f_path, region, text_index, key, text, cosine, p missing/)
  })
})

describe('score CSV', () => {
  it('quotes exactly the fields holding a comma, a quote, CR or LF, doubling quotes', () => {
    expect(csvField('plain text')).toBe('plain text')
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('x\ny')).toBe('"x\ny"')
    expect(csvField('x\ry')).toBe('"x\ry"')
    expect(csvField(' kept ')).toBe(' kept ')
    expect(csvField(null)).toBe('')
    expect(csvField(0.30000000000000004)).toBe('0.30000000000000004')
  })

  it('writes a header and CRLF-terminated records that an RFC 4180 reader splits back into the same fields', () => {
    const csv = scoreRowsToCsv(rows)
    expect(csv.startsWith('file,record,f_path,region,text_index,key,text,cosine,p\r\n')).toBe(true)
    const parsed = parseCsv(csv)
    expect(parsed).toHaveLength(rows.length + 1)
    parsed.slice(1).forEach((fields, i) => {
      const r = rows[i]
      expect(fields).toEqual([r.file, String(r.record), r.f_path ?? '', String(r.region), String(r.text_index), r.key, r.text, String(r.cosine), String(r.p)])
      expect(Number(fields[7])).toBe(r.cosine)
    })
  })
})

/** A strict RFC 4180 reader, independent of the writer: quoted fields may hold anything. */
function parseCsv(text: string): string[][] {
  const records: string[][] = []
  let fields: string[] = []
  let i = 0
  while (i < text.length) {
    let field = ''
    if (text[i] === '"') {
      i++
      for (;;) {
        const q = text.indexOf('"', i)
        if (q === -1) throw new Error('unterminated quote')
        field += text.slice(i, q)
        if (text[q + 1] === '"') {
          field += '"'
          i = q + 2
        } else {
          i = q + 1
          break
        }
      }
    } else {
      const stop = text.slice(i).search(/[,\r]/)
      field = stop === -1 ? text.slice(i) : text.slice(i, i + stop)
      if (/["\n]/.test(field)) throw new Error(`unquoted field holds a quote or LF: ${JSON.stringify(field)}`)
      i += field.length
    }
    fields.push(field)
    if (text[i] === ',') i++
    else if (text.startsWith('\r\n', i)) {
      records.push(fields)
      fields = []
      i += 2
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`)
  }
  return records
}
