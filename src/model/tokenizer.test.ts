import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { encodeText, loadTokenizer } from './tokenizer'

// Shared reference data is read in place, never copied into the project.
const referenceFile = (name: string) => fileURLToPath(new URL(`../../../shared/reference/clip-bpe/${name}`, import.meta.url))
const clipJson = readFileSync(referenceFile('tokenizer.json'), 'utf8')
const golden = JSON.parse(readFileSync(referenceFile('golden-ids.json'), 'utf8')) as {
  text: string
  ids: number[]
}[]

const BOS = 49406
const EOS = 49407
const short = { maxLength: 77, bosTokenId: BOS, eosTokenId: EOS }
const long = { maxLength: 248, bosTokenId: BOS, eosTokenId: EOS }

describe('CLIP BPE tokenizer.json', () => {
  const tokenizer = loadTokenizer(clipJson)

  it('reproduces every golden id sequence', () => {
    expect(golden.length).toBeGreaterThan(0)
    for (const { text, ids } of golden) {
      expect([...encodeText(tokenizer, text, long)], JSON.stringify(text)).toEqual(ids)
    }
  })

  it('accepts the parsed object as well as the text', () => {
    const fromObject = loadTokenizer(JSON.parse(clipJson) as Record<string, unknown>)
    expect([...encodeText(fromObject, 'white cat', short)]).toEqual([BOS, 1579, 2368, EOS])
  })

  it('encodes the empty text as [bos, eos]', () => {
    expect([...encodeText(tokenizer, '', short)]).toEqual([BOS, EOS])
    expect([...encodeText(tokenizer, '   ', short)]).toEqual([BOS, EOS])
  })

  it.each([77, 248])('truncates to %i and keeps the end token last', (maxLength) => {
    const text = Array.from({ length: 300 }, (_, i) => `word${i % 10}`).join(' ')
    const full = encodeText(tokenizer, text, { ...short, maxLength: 10_000 })
    const cut = encodeText(tokenizer, text, { ...short, maxLength })
    expect(full.length).toBeGreaterThan(maxLength)
    expect(cut.length).toBe(maxLength)
    expect([...cut]).toEqual([...full.slice(0, maxLength - 1), EOS])
  })

  it('leaves texts that fit exactly untouched', () => {
    const ids = encodeText(tokenizer, 'a photo of a cat', { ...short, maxLength: 7 })
    expect([...ids]).toEqual(golden[0].ids)
    expect([...encodeText(tokenizer, 'a photo of a cat', { ...short, maxLength: 6 })]).toEqual([
      BOS, 320, 1125, 539, 320, EOS,
    ])
  })

  it('has exactly one start and one end token even when the text spells them out', () => {
    const ids = [...encodeText(tokenizer, 'a <|endoftext|> cat <|startoftext|>', short)]
    expect(ids).toEqual([BOS, 320, 2368, EOS])
  })

  it('rejects a maxLength with no room for the special tokens', () => {
    expect(() => encodeText(tokenizer, 'x', { ...short, maxLength: 1 })).toThrow()
  })
})

describe('word-level tokenizer.json', () => {
  // The shape `tokenizers` writes for a WordLevel model with a template post-processor.
  const wordLevel = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [
      { id: 0, content: '[UNK]', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      { id: 1, content: '<s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
      { id: 2, content: '</s>', single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    ],
    normalizer: { type: 'Lowercase' },
    pre_tokenizer: { type: 'Whitespace' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '<s>', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '</s>', type_id: 0 } },
      ],
      pair: [],
      special_tokens: {
        '<s>': { id: '<s>', ids: [1], tokens: ['<s>'] },
        '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] },
      },
    },
    decoder: null,
    model: {
      type: 'WordLevel',
      vocab: { '[UNK]': 0, '<s>': 1, '</s>': 2, red: 3, blue: 4, circle: 5, square: 6, a: 7, '.': 8 },
      unk_token: '[UNK]',
    },
  }
  const options = { maxLength: 6, bosTokenId: 1, eosTokenId: 2 }

  it('maps words to ids, unknown words to [UNK], wrapped once in start/end', () => {
    const tokenizer = loadTokenizer(JSON.stringify(wordLevel))
    expect([...encodeText(tokenizer, 'A red circle.', options)]).toEqual([1, 7, 3, 5, 8, 2])
    expect([...encodeText(tokenizer, 'a green square', options)]).toEqual([1, 7, 0, 6, 2])
    expect([...encodeText(tokenizer, '', options)]).toEqual([1, 2])
  })

  it('truncates keeping the end token', () => {
    const tokenizer = loadTokenizer(wordLevel)
    expect([...encodeText(tokenizer, 'a red circle a blue square', options)]).toEqual([1, 7, 3, 5, 7, 2])
  })

  it('works without a post-processor and with omitted optional sections', () => {
    const bare = { model: wordLevel.model, added_tokens: wordLevel.added_tokens, pre_tokenizer: { type: 'WhitespaceSplit' } }
    const tokenizer = loadTokenizer(bare)
    expect([...encodeText(tokenizer, 'red square', options)]).toEqual([1, 3, 6, 2])
  })

  it('fails clearly on unknown words when there is no unknown token', () => {
    const noUnk = { ...wordLevel, model: { type: 'WordLevel', vocab: { red: 0, '<s>': 1, '</s>': 2 } } }
    const tokenizer = loadTokenizer(noUnk)
    expect(() => encodeText(tokenizer, 'red green', options)).toThrow(/green/)
  })
})
