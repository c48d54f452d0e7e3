/** Keys are 9-digit strings; a writer that stored them as numbers lost the leading zeros. */
function keyText(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (typeof v === 'number' && Number.isInteger(v)) return String(v).padStart(9, '0')
  return null
}

const EXPECTED = 'expected an object {"<url>": "<key>"}, a list of [url, key] pairs or a list of {url, key} objects'

/**
 * Parses a `url2key_coyo_image_N.json` map into key → url (the direction the viewer looks up).
 * Throws with a message naming the first entry that does not fit.
 */
export function parseUrl2Key(text: string): Map<string, string> {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new Error(`url2key file is not valid JSON: ${err instanceof Error ? err.message : String(err)}`)
  }
  const out = new Map<string, string>()
  const add = (url: unknown, key: unknown, where: string): void => {
    const k = keyText(key)
    if (typeof url !== 'string' || k === null) {
      throw new Error(`url2key file: entry ${where} is not a (url, key) pair of text; ${EXPECTED}`)
    }
    out.set(k, url)
  }
  if (Array.isArray(parsed)) {
    parsed.forEach((item: unknown, i) => {
      if (Array.isArray(item) && item.length === 2) add(item[0], item[1], `#${i}`)
      else if (typeof item === 'object' && item !== null && 'url' in item && 'key' in item) add(item.url, item.key, `#${i}`)
      else add(null, null, `#${i}`)
    })
    return out
  }
  if (typeof parsed === 'object' && parsed !== null) {
    for (const [url, key] of Object.entries(parsed)) add(url, key, JSON.stringify(url))
    return out
  }
  throw new Error(`url2key file holds ${parsed === null ? 'null' : typeof parsed}; ${EXPECTED}`)
}
