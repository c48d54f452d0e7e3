import { describe, expect, it } from 'vitest'
import { parseScoreArgs, parseShard, selects } from './args.ts'

const required = ['in.json', '--images', 'imgs', '--model', 'pkg', '--out', 'o.parquet']

describe('score command line', () => {
  it('reads the required arguments with defaults for the rest', () => {
    expect(parseScoreArgs(required)).toEqual({
      input: 'in.json', images: ['imgs'], model: 'pkg', out: 'o.parquet', csv: null,
      shard: { index: 0, count: 1 }, limit: null, batch: 8, provider: 'cpu', threads: null,
    })
  })

  it('takes --name value and --name=value, and repeated --images in order', () => {
    const options = parseScoreArgs([...required, '--images=shard.parquet', '--shard', '3/8', '--limit=20', '--csv', 'o.csv', '--batch', '1', '--provider', 'cuda', '--threads', '4'])
    expect(options).toMatchObject({ images: ['imgs', 'shard.parquet'], shard: { index: 3, count: 8 }, limit: 20, csv: 'o.csv', batch: 1, provider: 'cuda', threads: 4 })
  })

  it('says what is wrong', () => {
    expect(() => parseScoreArgs([])).toThrow(/no jsonfile/)
    expect(() => parseScoreArgs(required.filter((a) => a !== '--model' && a !== 'pkg'))).toThrow(/--model is required/)
    expect(() => parseScoreArgs([...required, '--limit', '-1'])).toThrow(/--limit must be a whole number/)
    expect(() => parseScoreArgs([...required, '--batch', '0'])).toThrow(/--batch must be a whole number ≥ 1/)
    expect(() => parseScoreArgs([...required, '--fast'])).toThrow(/unknown option --fast/)
    expect(() => parseScoreArgs([...required, '--out'])).toThrow(/--out needs a value/)
    expect(() => parseScoreArgs([...required, 'second.json'])).toThrow(/one jsonfile per run/)
    for (const bad of ['2/2', '1', '0/0', 'a/b', '-1/2']) expect(() => parseShard(bad)).toThrow(/--shard must be i\/n/)
  })

  it('selects records by index % n == i below the limit, so the shards of a run partition it', () => {
    const pick = (index: number, count: number, limit: number | null) =>
      Array.from({ length: 12 }, (_, i) => i).filter((i) => selects({ shard: { index, count }, limit }, i))
    expect(pick(0, 3, null)).toEqual([0, 3, 6, 9])
    expect(pick(2, 3, 10)).toEqual([2, 5, 8])
    expect([...pick(0, 2, 7), ...pick(1, 2, 7)].sort((a, b) => a - b)).toEqual(pick(0, 1, 7))
  })
})
