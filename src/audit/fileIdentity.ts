import { fileNameOf } from '../formats/fileName.ts'
import type { FileIdentity } from './decisions.ts'

/** Bytes hashed to recognise a file: enough to tell files apart without reading gigabytes. */
export const IDENTITY_HEAD_BYTES = 1024 * 1024

const LOCAL_IDENTITY = /^(.*)\|\d+\|sha256:[0-9a-f]{16}$/
const URL_PREFIX = 'url:'

/** A local file's identity: base name, size and the SHA-256 of its first MiB (the caller reads it). */
export async function fileIdentity(name: string, size: number, head: Uint8Array): Promise<FileIdentity> {
  // Copying gives digest an ArrayBuffer-backed view, and a longer head cannot change the identity.
  const bytes = head.slice(0, IDENTITY_HEAD_BYTES)
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  const hex = Array.from(digest.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('')
  return `${fileNameOf(name)}|${size}|sha256:${hex}`
}

/** A remote file's identity: its URL, without the fragment (which never reaches the server). */
export function urlIdentity(url: string): FileIdentity {
  const hash = url.indexOf('#')
  return URL_PREFIX + (hash === -1 ? url : url.slice(0, hash))
}

/** The file's name or URL, for messages. */
export function describeIdentity(id: FileIdentity): string {
  if (id.startsWith(URL_PREFIX)) return id.slice(URL_PREFIX.length)
  return LOCAL_IDENTITY.exec(id)?.[1] ?? id
}
