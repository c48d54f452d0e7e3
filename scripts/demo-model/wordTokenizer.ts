/**
 * A word-level tokenizer.json for the demo model, made from the demo generator's own text: every
 * word its captions, phrases and negatives can use, lower-cased and split on word boundaries.
 * Special tokens follow CLIP's names and order (start, then end as the highest id), so the
 * runtime treats it exactly like a CLIP tokenizer.
 */

export const UNK = '<unk>'
export const BOS = '<|startoftext|>'
export const EOS = '<|endoftext|>'

/** Lower-cased words and punctuation runs, as the tokenizer's "Whitespace" pre-tokenizer splits them. */
export function splitWords(text: string): string[] {
  return text.toLowerCase().match(/\w+|[^\w\s]+/g) ?? []
}

export interface WordTokenizer {
  json: Record<string, unknown>
  vocabSize: number
  bosTokenId: number
  eosTokenId: number
}

export function buildWordTokenizer(texts: Iterable<string>): WordTokenizer {
  const words = new Set<string>()
  for (const text of texts) for (const word of splitWords(text)) words.add(word)
  const ordered = [UNK, ...[...words].sort(), BOS, EOS]
  const vocab = Object.fromEntries(ordered.map((token, id) => [token, id]))
  const special = (content: string) => ({ id: vocab[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })
  return {
    json: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: [special(UNK), special(BOS), special(EOS)],
      normalizer: { type: 'Lowercase' },
      pre_tokenizer: { type: 'Whitespace' },
      post_processor: null,
      decoder: null,
      model: { type: 'WordLevel', vocab, unk_token: UNK },
    },
    vocabSize: ordered.length,
    bosTokenId: vocab[BOS],
    eosTokenId: vocab[EOS],
  }
}
