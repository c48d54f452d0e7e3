import { expect, test } from '@playwright/test'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { screenshot } from './support.ts'

const count = 100_000
let dir: string
let path: string

test.beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'finehard-e2e-'))
  path = join(dir, 'large_results.jsonl')
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    lines.push(JSON.stringify({
      caption: `record ${i}: a long caption about ${i % 7 === 0 ? 'a striped cat' : 'a plain box'}`,
      short_caption: `record ${i}`,
      f_path: `grit-20m/data-12m/coyo_image_0/00000/${String(i).padStart(9, '0')}.jpg`,
      bbox_info: [{ bbox: [0.1, 0.1, 0.5, 0.6, 0.8], short_expr: 'a box', long_expr: 'a box on the left', flag_short_neg: 0 }],
    }))
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
})

test.afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('100k records: indexed in the worker, the grid stays virtual and scrolls to the last record', async ({ page }) => {
  await page.goto('/')
  await page.getByTestId('file-input').setInputFiles(path)
  await expect(page.getByTestId('match-count')).toHaveText(`${count.toLocaleString('en-US')} records`, { timeout: 30_000 })
  const gallery = page.getByTestId('gallery')
  expect(await page.getByTestId('gallery-cell').count()).toBeLessThan(200)
  await gallery.evaluate((element) => element.scrollTo({ top: element.scrollHeight }))
  await expect(page.locator(`[data-testid=gallery-cell][data-index="${count - 1}"]`)).toBeVisible()
  expect(await page.getByTestId('gallery-cell').count()).toBeLessThan(200)
  await screenshot(page, 'large-gallery-end')

  await page.getByLabel('Search').fill('striped cat')
  await expect(page.getByTestId('match-count')).toHaveText(`${Math.ceil(count / 7).toLocaleString('en-US')} of ${count.toLocaleString('en-US')} match`, { timeout: 30_000 })
})
