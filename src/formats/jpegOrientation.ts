/**
 * Pictures are scored and drawn in their stored orientation, as FG-CLIP's PIL loader and the CLI
 * (sharp) read them and as FineHARD's boxes were made. Browsers rotate JPEGs by their EXIF
 * Orientation tag and offer no way to decline, so the tag is reset to 1 ("as stored") in the bytes.
 */

const ORIENTATION_TAG = 0x0112

/** Where the Orientation value sits in a JPEG's EXIF, and its byte order; null when there is none. */
function orientationField(bytes: Uint8Array): { at: number; little: boolean } | null {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 2
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]
    const length = view.getUint16(at + 2)
    // Start of scan: no metadata segments follow.
    if (marker === 0xda) return null
    const body = at + 4
    if (marker === 0xe1 && body + 14 <= bytes.length && String.fromCharCode(...bytes.subarray(body, body + 6)) === 'Exif\0\0') {
      const tiff = body + 6
      const little = bytes[tiff] === 0x49
      const ifd = tiff + view.getUint32(tiff + 4, little)
      if (ifd + 2 > bytes.length) return null
      const entries = view.getUint16(ifd, little)
      for (let k = 0; k < entries; k++) {
        const entry = ifd + 2 + 12 * k
        if (entry + 12 > bytes.length) return null
        if (view.getUint16(entry, little) === ORIENTATION_TAG) return { at: entry + 8, little }
      }
      return null
    }
    at = body + length - 2
  }
  return null
}

/** The JPEG's EXIF Orientation (1 = as stored), or null when it has none. */
export function jpegOrientation(bytes: Uint8Array): number | null {
  const field = orientationField(bytes)
  return field && new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint16(field.at, field.little)
}

/** The bytes with Orientation set to 1 (a copy), or the same bytes when there is nothing to change. */
export function withStoredOrientation(bytes: Uint8Array): Uint8Array {
  const field = orientationField(bytes)
  if (!field) return bytes
  const copy = bytes.slice()
  new DataView(copy.buffer).setUint16(field.at, 1, field.little)
  return copy
}
