import { expect, test } from '@playwright/test'
import { screenshot } from './support.ts'

// The trained demo model (public/demo/model/) through the whole page: decode, preprocess, graphs on
// WebGPU (SwiftShader here) or wasm, RoIAlign, scoring. A bug anywhere drops it to chance.
test.setTimeout(180_000)

for (const provider of ['webgpu', 'wasm'] as const) {
  test(`the demo's first sample ranks the positive first for most regions (${provider})`, async ({ page }) => {
    await page.goto(`/?i=0&provider=${provider}`)
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
    await expect(page.getByTestId('model-status')).toHaveAttribute('data-provider', provider)
    await expect(page.getByTestId('random-weights')).toHaveCount(0)
    const regions = await page.getByTestId('region-row').count()
    const scores = page.getByTestId('region-score')
    await expect(scores).toHaveCount(regions, { timeout: 60_000 })
    const ranks = await scores.evaluateAll((elements) => elements.map((e) => Number(e.getAttribute('data-rank'))))
    expect(ranks.filter((rank) => rank === 1).length).toBeGreaterThan(regions / 2)
    await screenshot(page, `demo-model-${provider}`)
  })
}

test('a query naming an object puts the heatmap peak inside that object', async ({ page }) => {
  await page.goto('/?i=0&provider=wasm')
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  const rows = page.getByTestId('region-row')
  await expect(rows.first()).toBeVisible()
  const phrases = await rows.getByTestId('short-expr').allInnerTexts()
  // Each region's normalised box as the region list prints it: "bbox [x1, y1, x2, y2, conf]".
  const boxes = (await rows.locator('p', { hasText: /^bbox \[/ }).allInnerTexts()).map((t) => t.replace(/^bbox \[|\]$/g, '').split(',').map(Number))
  const hits: string[] = []
  for (const [region, phrase] of phrases.entries()) {
    await page.getByLabel('Heatmap text').fill(phrase)
    await expect(page.getByTestId('heatmap-state')).toHaveAttribute('data-text', phrase, { timeout: 60_000 })
    const peak = page.getByTestId('heatmap-peak')
    const [col, row, grid] = await Promise.all(['data-x', 'data-y', 'data-grid'].map(async (a) => Number(await peak.getAttribute(a))))
    const [x, y] = [(col + 0.5) / grid, (row + 0.5) / grid]
    const [x1, y1, x2, y2] = boxes[region]
    if (x >= x1 && x <= x2 && y >= y1 && y <= y2) hits.push(phrase)
  }
  expect(hits.length, `objects whose phrase peaks inside them: ${hits.join('; ')}`).toBeGreaterThanOrEqual(1)
  await screenshot(page, 'demo-model-heatmap')
})

test('with the model loaded, review starts where the positive is beaten or the margin is smallest', async ({ page }) => {
  await page.goto('/?i=0&provider=wasm')
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  const rows = page.getByTestId('region-row')
  const regions = await rows.count()
  await expect(page.getByTestId('region-score')).toHaveCount(regions, { timeout: 60_000 })
  const margins = await rows.evaluateAll((elements) =>
    elements.map((row) => Number(row.querySelector('[data-testid=region-score]')?.getAttribute('data-margin') ?? Infinity)),
  )
  const hardest = margins.indexOf(Math.min(...margins))
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-saved', 'true')
  await page.keyboard.press('u')
  await expect(page).toHaveURL(new RegExp(`[?&]r=${hardest}(&|$)`))
  await expect(page.getByRole('button', { name: 'True negative', exact: true })).toHaveCount(margins[hardest] === Infinity ? 0 : 10)
  await screenshot(page, 'demo-model-review')
})
