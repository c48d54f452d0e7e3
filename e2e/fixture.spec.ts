import { expect, test } from '@playwright/test'
import {
  defectsJson, expectNoErrors, fixtureRecords, fixtureUrl, guardPage, inlineShard, metadataShard, miniJson, miniJsonl,
  screenshot, serveExampleImages, url2key, viewUrl,
} from './support.ts'

const mini = fixtureRecords(miniJson)

test('shared fixture by ?src= URLs: record 0, region 0 captions and negatives, picture from the shard URL', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(viewUrl([fixtureUrl(miniJson), fixtureUrl(metadataShard), fixtureUrl(url2key)], { i: '0', r: '0' }))
  await expect(page.getByTestId('long-caption')).toHaveText(mini[0].caption)
  await expect(page.getByTestId('short-caption')).toHaveText(mini[0].short_caption)
  const row = page.locator('[data-testid=region-row][data-region="0"]')
  await expect(row).toHaveAttribute('data-selected', 'true')
  await expect(row.getByTestId('short-expr')).toHaveText(mini[0].bbox_info[0].short_expr)
  const negatives = Object.values(mini[0].bbox_info[0].short_expr_negs ?? {})
  await expect(row.getByTestId('negative')).toHaveText(negatives)
  await expect(page.getByTestId('box-convention')).toContainText('normalised [x1, y1, x2, y2]')
  await expect(page.getByTestId('box-convention')).toContainText('https://images.example.org/coyo/00000/cat_dfclor.jpg')
  await expect(page.getByTestId('image-error')).toHaveCount(0)
  await expect(page.locator('[data-testid=box-list] li')).toHaveCount(mini[0].bbox_info.length)
  await screenshot(page, 'fixture-sample-record0')
  await expectNoErrors(guard)
})

test('the JSON Lines copy and a server without range support show the same record', async ({ page }) => {
  await serveExampleImages(page)
  await page.goto(viewUrl([fixtureUrl(miniJsonl, 'norange'), fixtureUrl(metadataShard, 'norange')], { i: '2' }))
  await expect(page.getByTestId('long-caption')).toHaveText(mini[2].caption)
  await expect(page.getByTestId('region-row')).toHaveCount(mini[2].bbox_info.length)
})

test('a failed download is explained in place of the picture; captions and regions still show', async ({ page }) => {
  await serveExampleImages(page)
  await page.goto(viewUrl([fixtureUrl(miniJson), fixtureUrl(metadataShard), fixtureUrl(url2key)], { i: '3' }))
  await expect(page.getByTestId('image-error')).toContainText('failed_to_download')
  await expect(page.getByTestId('image-error')).toContainText('HTTP Error 404')
  await expect(page.getByTestId('long-caption')).toHaveText(mini[3].caption)
  await expect(page.getByTestId('region-row')).toHaveCount(mini[3].bbox_info.length)
  await screenshot(page, 'fixture-failed-image')
})

test('an image URL that answers 404 says so', async ({ page }) => {
  await serveExampleImages(page, { fail: ['df_cups.jpg'] })
  await page.goto(viewUrl([fixtureUrl(miniJson), fixtureUrl(url2key)], { i: '2' }))
  await expect(page.getByTestId('image-error')).toContainText('HTTP 404')
})

test('inline image bytes from a parquet shard, and the prepared folder by &images=', async ({ page }) => {
  await page.goto(viewUrl([fixtureUrl(miniJson), fixtureUrl(inlineShard)], { i: '1' }))
  await expect(page.getByTestId('box-convention')).toContainText('inline bytes')
  await page.goto(viewUrl([fixtureUrl(miniJson)], { images: fixtureUrl('grit-12m'), i: '0' }))
  await expect(page.getByTestId('box-convention')).toContainText('prepared folder')
})

test('the defects file: valid records work, bad ones are marked with the reason, no caption script runs', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(viewUrl([fixtureUrl(defectsJson), fixtureUrl(metadataShard)]))
  const cells = page.getByTestId('gallery-cell')
  await expect(cells.first()).toBeVisible()
  await expect(page.locator('[data-testid=gallery-cell][data-invalid=true]').first()).toBeVisible()
  await expect(page.locator('[data-testid=gallery-cell][data-index="0"]')).not.toHaveAttribute('data-invalid', 'true')
  await expect(cells.first().locator('img')).toBeVisible()
  await screenshot(page, 'fixture-defects-gallery')

  await page.getByLabel('invalid records only').check()
  await expect(page.getByTestId('match-count')).toContainText(/\d+ of \d+ match/)
  await expect(page.locator('[data-testid=gallery-cell]:not([data-invalid=true])')).toHaveCount(0)

  await page.locator('[data-testid=gallery-cell][data-index="1"]').click()
  await expect(page.getByTestId('record-defects')).toContainText(/x1.*x2|inverted/i)
  await expect(page.getByTestId('record-defects')).toContainText(/outside|range/i)
  await screenshot(page, 'fixture-defects-sample')

  await page.getByLabel('invalid records only').uncheck()
  const last = await page.evaluate(() => new URLSearchParams(location.search).get('i'))
  expect(last).toBe('1')
  await page.goto(viewUrl([fixtureUrl(defectsJson)], { i: '4' }))
  await expect(page.getByTestId('long-caption')).toContainText("<script>alert('xss')</script>")
  await expect(page.locator('[data-testid=region-row] [data-testid=short-expr]')).toHaveText('<script>alert(2)</script>')
  await page.goto(viewUrl([fixtureUrl(defectsJson)], { i: '6' }))
  await expect(page.getByTestId('record-defects')).toContainText(/cut off|truncated|ends mid-record/i)
  await expectNoErrors(guard)
})

test('the built page ships a Content-Security-Policy and is cross-origin isolated', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin')
  expect(response?.headers()['cross-origin-embedder-policy']).toBe('credentialless')
  await expect(page.locator('meta[http-equiv=Content-Security-Policy]')).toHaveAttribute('content', /script-src 'self'/)
  expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true)
})

test('a slow download shows its progress in bytes and can be cancelled', async ({ page }) => {
  await page.goto(viewUrl(['http://127.0.0.1:4174/slow/records.jsonl?count=20000']))
  const progress = page.getByTestId('index-progress')
  await expect(progress).toContainText(/downloading [\d.]+ MB of [\d.]+ MB/)
  await progress.getByRole('button', { name: 'Cancel' }).click()
  await expect(progress).toContainText('indexing cancelled')
  await expect(progress.getByRole('button', { name: 'Cancel' })).toHaveCount(0)
})
