import { expect, test, type Page } from '@playwright/test'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expectNoErrors, fixtureUrl, guardPage, miniJson, screenshot, viewUrl } from './support.ts'

// SwiftShader runs WebGPU on the CPU here: model loads and first runs are slow.
test.setTimeout(180_000)

async function openDemoSample(page: Page, provider: 'webgpu' | 'wasm', index = 0) {
  await page.goto(`/?i=${index}&r=0&provider=${provider}`)
  const status = page.getByTestId('model-status')
  await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await expect(status).toHaveAttribute('data-provider', provider)
  const rows = page.getByTestId('region-row')
  await expect(page.getByTestId('region-score')).toHaveCount(await rows.count(), { timeout: 60_000 })
}

async function cosines(page: Page): Promise<number[]> {
  const texts = await page.getByTestId('text-score').allInnerTexts()
  return texts.map((t) => Number(t.split('·')[1]))
}

test('the demo model scores every region on WebGPU and on wasm, with the same numbers', async ({ page }) => {
  const guard = guardPage(page)
  await openDemoSample(page, 'webgpu')
  await expect(page.getByTestId('model-status')).toContainText('WebGPU')
  await expect(page.getByTestId('caption-score')).toHaveCount(2)
  await expect(page.getByTestId('caption-score').first()).toContainText('cos')
  const gpu = await cosines(page)
  await screenshot(page, 'model-scores-webgpu')
  await openDemoSample(page, 'wasm')
  const cpu = await cosines(page)
  expect(cpu.length).toBe(gpu.length)
  cpu.forEach((c, i) => expect(Math.abs(c - gpu[i])).toBeLessThanOrEqual(2e-3))
  await expectNoErrors(guard)
})

test('editing a negative rescores it as you type; dragging a box rescores its region', async ({ page }) => {
  await openDemoSample(page, 'wasm')
  const region = page.locator('[data-testid=region-row][data-region="0"]')
  const negative = region.getByTestId('scored-negative').first()
  const key = await negative.getAttribute('data-key')
  const before = await region.locator(`[data-testid=scored-negative][data-key="${key}"] [data-testid=text-score]`).innerText()
  await negative.locator('input').fill('a completely different thing')
  await expect(region.locator(`[data-testid=scored-negative][data-key="${key}"] [data-testid=text-score]`)).not.toHaveText(before)
  await expect(region.locator(`[data-testid=scored-negative][data-key="${key}"] input`)).toHaveValue('a completely different thing')

  await region.getByLabel('Region 0 free query').fill('a tiny green star')
  await expect(region.getByTestId('free-query-score')).toContainText(/\d\.\d{3}/)

  const scoreBefore = await region.getByTestId('scored-positive').getByTestId('text-score').innerText()
  const box = page.locator('[data-testid=box-list] li[data-region="0"]')
  const [x, y, w, h] = await Promise.all(['data-x', 'data-y', 'data-w', 'data-h'].map(async (a) => Number(await box.getAttribute(a))))
  const canvas = await page.getByTestId('sample-canvas').boundingBox()
  if (!canvas) throw new Error('no canvas')
  await page.mouse.move(canvas.x + x + w / 2, canvas.y + y + h / 2)
  await page.mouse.down()
  await page.mouse.move(canvas.x + x + w / 2 + 60, canvas.y + y + h / 2 - 40, { steps: 8 })
  await page.mouse.up()
  await expect(region.getByTestId('scored-positive').getByTestId('text-score')).not.toHaveText(scoreBefore)
  await screenshot(page, 'model-edited')
})

test('a heatmap of any text renders over the image', async ({ page }) => {
  await openDemoSample(page, 'wasm')
  await page.getByLabel('Heatmap text').fill('a large pink striped triangle')
  await expect(page.getByTestId('heatmap-peak')).toBeAttached()
  await screenshot(page, 'model-heatmap')
})

test('a dropped FG-CLIP checkpoint is converted in the browser, then kept for the next visit', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'fgclip-ckpt-'))
  try {
    cpSync(resolve(import.meta.dirname, '../src/model/testdata/checkpoints/tiny-a'), dir, { recursive: true })
    cpSync(resolve(import.meta.dirname, '../../shared/reference/clip-bpe/tokenizer.json'), join(dir, 'tokenizer.json'))
    await page.goto('/?i=0&provider=wasm')
    await page.getByTestId('model-input').setInputFiles(dir)
    const status = page.getByTestId('model-status')
    await expect(status).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
    await expect(status).toHaveAttribute('data-from-cache', 'false')
    await expect(page.getByTestId('region-score').first()).toBeVisible({ timeout: 60_000 })
    await page.getByTestId('model-input').setInputFiles(dir)
    await expect(status).toHaveAttribute('data-from-cache', 'true', { timeout: 120_000 })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a remote picture is scored when its host allows CORS; without CORS the sample says why not', async ({ page }) => {
  for (const server of ['ranged', 'nocors'] as const) {
    await page.goto(viewUrl([fixtureUrl(miniJson)], { images: fixtureUrl('grit-12m', server), i: '0', model: '/demo/model/', provider: 'wasm' }))
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
    await expect(page.getByTestId('box-convention')).toContainText('prepared folder')
    if (server === 'ranged') {
      await expect(page.getByTestId('region-score')).toHaveCount(await page.getByTestId('region-row').count(), { timeout: 60_000 })
    } else {
      await expect(page.getByTestId('score-error')).toContainText('pixels cannot be read')
      await expect(page.getByTestId('score-error')).toContainText('prepared image folder')
      await screenshot(page, 'model-no-cors')
    }
  }
})
