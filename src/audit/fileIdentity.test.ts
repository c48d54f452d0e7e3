import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FIXTURES } from '../formats/testdata/fixtures.ts'
import { describeIdentity, fileIdentity, IDENTITY_HEAD_BYTES, urlIdentity } from './fileIdentity.ts'

describe('fileIdentity', () => {
  it("names a fixture file by base name, size and the start of node's SHA-256 of its head", async () => {
    const path = join(FIXTURES, 'jsonfiles', '2026-12-01_10-00-00_results_mini.json')
    const bytes = new Uint8Array(await readFile(path))
    const id = await fileIdentity(path, bytes.length, bytes.subarray(0, IDENTITY_HEAD_BYTES))
    const hex = createHash('sha256').update(bytes.subarray(0, IDENTITY_HEAD_BYTES)).digest('hex').slice(0, 16)
    expect(id).toBe(`2026-12-01_10-00-00_results_mini.json|${bytes.length}|sha256:${hex}`)
    expect(describeIdentity(id)).toBe('2026-12-01_10-00-00_results_mini.json')
  })

  it('tells files apart by size and content, and ignores bytes past the head', async () => {
    const head = new Uint8Array(IDENTITY_HEAD_BYTES + 10).fill(7)
    const a = await fileIdentity('C:\\data\\x.json', 5, head)
    expect(a.startsWith('x.json|5|sha256:')).toBe(true)
    expect(await fileIdentity('other/x.json', 5, head.subarray(0, IDENTITY_HEAD_BYTES))).toBe(a)
    expect(await fileIdentity('x.json', 6, head)).not.toBe(a)
    const changed = head.slice()
    changed[IDENTITY_HEAD_BYTES - 1] = 8
    expect(await fileIdentity('x.json', 5, changed)).not.toBe(a)
  })

  it('hashes a view into a larger buffer by its own bytes only', async () => {
    const backing = new Uint8Array([1, 2, 3, 4, 5, 6])
    expect(await fileIdentity('f', 3, backing.subarray(2, 5))).toBe(await fileIdentity('f', 3, new Uint8Array([3, 4, 5])))
  })
})

describe('urlIdentity and describeIdentity', () => {
  it('keys a URL without its fragment and describes it by the URL', () => {
    const id = urlIdentity('https://example.org/a/results.json?x=1#record=5')
    expect(id).toBe('url:https://example.org/a/results.json?x=1')
    expect(describeIdentity(id)).toBe('https://example.org/a/results.json?x=1')
  })

  it('describes a name that itself holds a bar, and anything else as given', async () => {
    const id = await fileIdentity('odd|name.json', 1, new Uint8Array([1]))
    expect(describeIdentity(id)).toBe('odd|name.json')
    expect(describeIdentity('something else')).toBe('something else')
  })
})
