import { describe, expect, it } from 'vitest'
import type { Decision } from './decisions.ts'
import { decision } from './testdata/decisions.ts'
import { decisionsToJsonl, parseVerdictsJsonl } from './verdictsJsonl.ts'

const EXPECTED_KEYS = ['file', 'record', 'f_path', 'region', 'field', 'verdict', 'old_text', 'new_text', 'reviewer', 'time']

/** A valid exported line with some keys replaced, for the validation cases. */
function lineWith(over: Record<string, unknown>): string {
  return JSON.stringify({ ...JSON.parse(decisionsToJsonl([decision()])), ...over })
}

describe('decisionsToJsonl', () => {
  it('writes nothing for no decisions', () => {
    expect(decisionsToJsonl([])).toBe('')
  })

  it('writes one snake_case line per decision with keys in the documented order', () => {
    const d = decision({ field: 'short_expr', verdict: 'wrong', oldText: 'a cat', newText: 'a dog' })
    const text = decisionsToJsonl([d])
    expect(text.endsWith('\n')).toBe(true)
    expect(text.split('\n')).toHaveLength(2)
    const line = JSON.parse(text)
    expect(Object.keys(line)).toEqual(EXPECTED_KEYS)
    expect(line).toMatchObject({ f_path: d.fPath, old_text: 'a cat', new_text: 'a dog', verdict: 'wrong' })
  })

  it('sorts by file, record, region (record-level first) and field', () => {
    const ds: Decision[] = [
      decision({ file: 'b', record: 0, region: 0, field: 'bbox' }),
      decision({ file: 'a', record: 10, region: 0, field: 'bbox' }),
      decision({ file: 'a', record: 2, region: 1, field: 'bbox' }),
      decision({ file: 'a', record: 2, region: 0, field: 'short_expr' }),
      decision({ file: 'a', record: 2, region: null, field: 'caption' }),
      decision({ file: 'a', record: 2, region: 0, field: 'bbox' }),
    ]
    const slots = decisionsToJsonl(ds)
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l))
      .map((l) => `${l.file}/${l.record}/${l.region}/${l.field}`)
    expect(slots).toEqual(['a/2/null/caption', 'a/2/0/bbox', 'a/2/0/short_expr', 'a/2/1/bbox', 'a/10/0/bbox', 'b/0/0/bbox'])
  })

  it('does not reorder the array it is given', () => {
    const ds = [decision({ record: 5 }), decision({ record: 1 })]
    decisionsToJsonl(ds)
    expect(ds.map((d) => d.record)).toEqual([5, 1])
  })
})

describe('parseVerdictsJsonl', () => {
  it('round-trips every kind of decision', () => {
    const ds: Decision[] = [
      decision({ region: null, field: 'caption', verdict: 'wrong', oldText: 'old', newText: 'new "quoted"\nline' }),
      decision({ region: null, field: 'note', verdict: null, newText: 'blurry image', fPath: null }),
      decision({ region: 2, field: 'short_expr_negs.color', verdict: 'actually-true' }),
      decision({ region: 1, field: 'bbox', verdict: 'wrong', oldText: '[0,0,1,1,0.5]', newText: '[0.1,0.1,0.9,0.9]' }),
      decision({ record: 3, region: 0, field: 'long_expr', verdict: null, oldText: 'x', newText: 'y', reviewer: 'bob' }),
    ]
    const { decisions, errors } = parseVerdictsJsonl(decisionsToJsonl(ds), 'mine.jsonl')
    expect(errors).toEqual([])
    expect(decisions).toHaveLength(ds.length)
    expect(decisions).toEqual(expect.arrayContaining(ds))
  })

  it('skips blank lines, accepts CRLF and a byte-order mark', () => {
    const text = '\uFEFF' + decisionsToJsonl([decision({ record: 1 }), decision({ record: 2 })]).replaceAll('\n', '\r\n\r\n  \n')
    const { decisions, errors } = parseVerdictsJsonl(text, 'crlf.jsonl')
    expect(errors).toEqual([])
    expect(decisions.map((d) => d.record)).toEqual([1, 2])
  })

  it('reports a bad verdict with its line number and imports the other lines', () => {
    const good = lineWith({})
    const text = [good, '', good, '', '', '', lineWith({ verdict: 'maybe' }), good].join('\n')
    const { decisions, errors } = parseVerdictsJsonl(text, 'theirs.jsonl')
    expect(decisions).toHaveLength(3)
    expect(errors).toEqual([
      'theirs.jsonl line 7: verdict "maybe" is not one of correct, wrong, true-negative, actually-true, nonsense or null',
    ])
  })

  it.each([
    ['not JSON', '{"file": ', /not valid JSON/],
    ['not an object', '[1, 2]', /: is not a JSON object/],
    ['empty file', lineWith({ file: '' }), /file "" is not a non-empty text/],
    ['negative record', lineWith({ record: -1 }), /record -1 is not a non-negative integer/],
    ['fractional record', lineWith({ record: 1.5 }), /record 1.5 is not/],
    ['record as text', lineWith({ record: '3' }), /record "3" is not/],
    ['missing record', lineWith({ record: undefined }), /record missing is not/],
    ['unknown field', lineWith({ field: 'colour' }), /field "colour" is not a known field/],
    ['negative region', lineWith({ region: -2 }), /region -2 is not/],
    ['region field without region', lineWith({ region: null }), /field "bbox" needs a region/],
    ['record field with region', lineWith({ field: 'caption', region: 0 }), /field "caption" takes region null/],
    ['verdict of wrong type', lineWith({ verdict: 1 }), /verdict 1 is not one of/],
    ['new_text of wrong type', lineWith({ new_text: ['a'] }), /new_text \["a"\] is not text or null/],
    ['f_path missing', lineWith({ f_path: undefined }), /f_path missing is not text or null/],
    ['reviewer missing', lineWith({ reviewer: undefined }), /reviewer missing is not text/],
    ['time as number', lineWith({ time: 1700000000 }), /time 1700000000 is not text/],
    ['nothing decided', lineWith({ verdict: null, new_text: null }), /holds neither a verdict nor an edit/],
  ])('rejects a line with %s', (_name, line, message) => {
    const { decisions, errors } = parseVerdictsJsonl(`${lineWith({ record: 9 })}\n${line}\n`, 'x.jsonl')
    expect(decisions.map((d) => d.record)).toEqual([9])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/^x\.jsonl line 2: /)
    expect(errors[0]).toMatch(message)
  })

  it('accepts a negative field with any key and keeps a huge bad value short in the message', () => {
    const { decisions } = parseVerdictsJsonl(lineWith({ field: 'short_expr_negs.material_2', verdict: 'nonsense' }), 'n')
    expect(decisions[0].field).toBe('short_expr_negs.material_2')
    const { errors } = parseVerdictsJsonl(lineWith({ verdict: 'x'.repeat(10_000) }), 'n')
    expect(errors[0].length).toBeLessThan(250)
  })
})
