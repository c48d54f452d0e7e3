import { expect, type Page } from '@playwright/test'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'

export const fixtureRoot = resolve(import.meta.dirname, '../../shared/fixtures/finehard-mini')
export const fixtureUrl = (path: string, server: 'ranged' | 'norange' | 'nocors' = 'ranged') =>
  `http://127.0.0.1:4174/${server === 'ranged' ? '' : `${server}/`}fixtures/finehard-mini/${path}`

export const miniJson = 'jsonfiles/2026-12-01_10-00-00_results_mini.json'
export const miniJsonl = 'jsonfiles/2026-12-01_10-10-00_results_mini.jsonl'
export const defectsJson = 'jsonfiles/2026-12-01_10-05-00_results_defects.json'
export const metadataShard = 'coyo_image_0/00000.parquet'
export const inlineShard = 'embedded_images/00000.parquet'
export const url2key = 'url2key_jsons/url2key_coyo_image_0.json'

export function fixtureRecords(path: string): { caption: string; short_caption: string; bbox_info: { short_expr: string; short_expr_negs?: Record<string, string> }[] }[] {
  return JSON.parse(readFileSync(resolve(fixtureRoot, path), 'utf8'))
}

export function viewUrl(sources: string[], params: Record<string, string> = {}): string {
  const search = new URLSearchParams()
  for (const source of sources) search.append('src', source)
  for (const [key, value] of Object.entries(params)) search.set(key, value)
  return `/?${search}`
}

/** The shard's image URLs point at images.example.org, which does not exist: answer them here. */
export async function serveExampleImages(page: Page, options: { fail?: string[] } = {}) {
  const files: Record<string, string> = { 'cat_dfclor.jpg': '000000000.jpg', 'part.jpg': '000000001.jpg', 'df_cups.jpg': '000000002.jpg' }
  await page.route('https://images.example.org/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop() ?? ''
    if (options.fail?.includes(name) || !files[name]) return route.fulfill({ status: 404, body: 'not found' })
    return route.fulfill({
      status: 200,
      contentType: 'image/jpeg',
      headers: { 'Access-Control-Allow-Origin': '*' },
      body: readFileSync(resolve(fixtureRoot, 'grit-12m/coyo_image_0/00000', files[name])),
    })
  })
}

/** Fails the test on any dialog (an injected alert) or uncaught page error. */
export function guardPage(page: Page): { errors: string[] } {
  const errors: string[] = []
  page.on('dialog', (dialog) => {
    errors.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  return { errors }
}

export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-results/screenshots/${name}.png` })
}

export async function expectNoErrors(guard: { errors: string[] }) {
  expect(guard.errors).toEqual([])
}
