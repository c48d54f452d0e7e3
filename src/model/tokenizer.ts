// Text → token ids for the text tower, from a checkpoint's Hugging Face tokenizer.json.
import { Tokenizer } from '@huggingface/tokenizers'

export type { Tokenizer }

export interface EncodeOptions {
  /** Total length including the start and end token: 77 (short texts) or 248 (long texts). */
  maxLength: number
  bosTokenId: number
  eosTokenId: number
}

type JsonObject = Record<string, unknown>

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Builds a tokenizer from tokenizer.json text or its parsed object. Keys the library insists on
 * but a minimal file may omit are filled with their "absent" value.
 */
export function loadTokenizer(json: string | JsonObject): Tokenizer {
  const parsed: unknown = typeof json === 'string' ? JSON.parse(json) : json
  if (!isJsonObject(parsed) || !isJsonObject(parsed.model)) {
    throw new Error('tokenizer.json: expected an object with a "model"')
  }
  const model = parsed.model
  const complete = {
    normalizer: null,
    pre_tokenizer: null,
    post_processor: null,
    decoder: null,
    added_tokens: [],
    ...parsed,
  }
  // The library runs a WordLevel model through its generic "Legacy" model, which takes the
  // unknown token from the tokenizer config rather than from the model section.
  const config = typeof model.unk_token === 'string' ? { unk_token: model.unk_token } : {}
  return new Tokenizer(complete, config)
}

/**
 * Ids as the text tower expects them: exactly one start token first and one end token last.
 * The body is encoded without the file's post-processor (whose special tokens vary between
 * checkpoints) and special ids typed literally into the text are dropped, so the first end token
 * — where the tower pools — is always the real end. Too-long bodies are cut so the end token
 * survives, as CLIP/FG-CLIP truncation does (ids[:max-1] + [eos]).
 */
export function encodeText(tokenizer: Tokenizer, text: string, options: EncodeOptions): Int32Array {
  const { maxLength, bosTokenId, eosTokenId } = options
  if (!Number.isInteger(maxLength) || maxLength < 2) {
    throw new Error(`encodeText: maxLength must be an integer ≥ 2, got ${maxLength}`)
  }
  const { ids, tokens } = tokenizer.encode(text, { add_special_tokens: false })
  const body: number[] = []
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i]
    // Unknown words come back as undefined when the vocabulary has no unknown token.
    if (typeof id !== 'number') {
      throw new Error(`encodeText: token ${JSON.stringify(tokens[i])} is not in the vocabulary`)
    }
    if (id !== bosTokenId && id !== eosTokenId) body.push(id)
  }
  const kept = Math.min(body.length, maxLength - 2)
  const out = new Int32Array(kept + 2)
  out[0] = bosTokenId
  for (let i = 0; i < kept; i++) out[i + 1] = body[i]
  out[kept + 1] = eosTokenId
  return out
}
