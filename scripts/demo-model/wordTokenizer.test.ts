import { describe, expect, it } from 'vitest'
import { encodeText, loadTokenizer } from '../../src/model/tokenizer.ts'
import { buildWordTokenizer } from './wordTokenizer.ts'

describe('the demo word tokenizer', () => {
  const built = buildWordTokenizer(['A large red striped circle, to the left.', 'two small blue squares'])
  const tokenizer = loadTokenizer(built.json)
  const encode = (text: string, maxLength = 77) => Array.from(encodeText(tokenizer, text, { maxLength, bosTokenId: built.bosTokenId, eosTokenId: built.eosTokenId }))
  const vocab = (built.json.model as { vocab: Record<string, number> }).vocab

  it('wraps words in CLIP-style start and end tokens, end being the highest id', () => {
    expect(built.eosTokenId).toBe(built.vocabSize - 1)
    expect(encode('a Large red circle')).toEqual([built.bosTokenId, vocab.a, vocab.large, vocab.red, vocab.circle, built.eosTokenId])
  })

  it('splits punctuation off words and maps unseen words to <unk>', () => {
    expect(encode('circle, purple')).toEqual([built.bosTokenId, vocab.circle, vocab[','], vocab['<unk>'], built.eosTokenId])
  })

  it('truncates keeping the end token', () => {
    expect(encode('a a a a a a', 4)).toEqual([built.bosTokenId, vocab.a, vocab.a, built.eosTokenId])
  })
})
