import { expect, test } from '@playwright/test'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { readScoreParquet } from '../src/analysis/scoresParquet.ts'
import type { ScoreRow } from '../src/analysis/scoreRows.ts'
import { openNodeFile } from '../src/io/nodeFileBuffer.ts'
import { expectNoErrors, guardPage, screenshot } from './support.ts'

const demo = resolve(import.meta.dirname, '../public/demo')
const rowKey = (row: ScoreRow) => `${row.record}/${row.region}/${row.text_index}`

test.setTimeout(300_000)

test('the demo shard is scored in the worker with progress, cancelled and resumed, then sorted, filtered by a histogram bar and opened', async ({ page }) => {
  const guard = guardPage(page)
  await page.goto('/?tab=analysis&provider=wasm')
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  const controls = page.getByTestId('run-controls')
  await expect(controls).toHaveAttribute('data-state', 'idle')
  const total = Number(await controls.getAttribute('data-total'))
  expect(total).toBe(300)
  await page.getByRole('button', { name: 'Score all records' }).click()
  await expect(controls).toHaveAttribute('data-state', 'running')
  await expect(page.getByTestId('run-progress')).toContainText('records/s')
  await expect(page.getByTestId('run-progress')).toContainText('left')
  await expect.poll(async () => Number(await controls.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThanOrEqual(32)
  await screenshot(page, 'analysis-running')
  await page.getByRole('button', { name: 'Cancel' }).click()
  await expect(controls).toHaveAttribute('data-state', 'cancelled')
  const cancelledAt = Number(await controls.getAttribute('data-done'))
  expect(cancelledAt).toBeLessThan(total)

  // Scores are stored per (model, file): a reload shows them at once, and scoring resumes after them.
  await page.reload()
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await expect(controls).toHaveAttribute('data-done', String(cancelledAt))
  await page.getByRole('button', { name: 'Resume scoring' }).click()
  await expect(controls).toHaveAttribute('data-state', 'done', { timeout: 240_000 })
  await expect(controls).toHaveAttribute('data-done', String(total))
  await expect(page.getByTestId('overall-accuracy')).toContainText('%')
  await expect(page.getByTestId('accuracy-by-key').locator('tbody tr')).not.toHaveCount(0)
  const accuracy = await page.getByTestId('overall-accuracy').innerText()

  // The export holds exactly the numbers the CLI computes from the same files (Node, onnxruntime-node).
  const dir = mkdtempSync(join(tmpdir(), 'scores-'))
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scores (parquet)' }).click()])
  const exported = join(dir, download.suggestedFilename())
  await download.saveAs(exported)
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scores (CSV)' }).click()])
  const csvLines = readFileSync(await csv.path(), 'utf8').trim().split(/\r?\n/)
  const browserRows = await readScoreParquet(await openNodeFile(exported))
  expect(csvLines.length).toBe(browserRows.length + 1)
  const cliOut = join(dir, 'cli.parquet')
  execFileSync('npx', ['tsx', 'scripts/score.ts', join(demo, 'jsonfiles/demo_results.json'), '--images', join(demo, 'grit-12m'), '--images', join(demo, 'coyo_image_0/00000.parquet'), '--model', join(demo, 'model'), '--out', cliOut], { stdio: 'pipe' })
  const cliRows = new Map((await readScoreParquet(await openNodeFile(cliOut))).map((row) => [rowKey(row), row]))
  expect(cliRows.size).toBe(browserRows.length)
  const worst = { cosine: 0, p: 0 }
  for (const row of browserRows) {
    const cli = cliRows.get(rowKey(row))
    expect(cli?.text).toBe(row.text)
    worst.cosine = Math.max(worst.cosine, Math.abs((cli?.cosine ?? Infinity) - row.cosine))
    worst.p = Math.max(worst.p, Math.abs((cli?.p ?? Infinity) - row.p))
  }
  console.log(`browser (wasm) vs CLI (onnxruntime-node): ${browserRows.length} rows, max |Δcosine| ${worst.cosine.toExponential(2)}, max |Δp| ${worst.p.toExponential(2)}`)
  expect(worst.cosine).toBeLessThan(1e-5)
  expect(worst.p).toBeLessThan(1e-4)

  // Sort by margin: the hardest region first.
  await page.getByRole('columnheader', { name: /margin/ }).getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=margin/)
  const rows = page.getByTestId('table-row')
  const margins = await rows.evaluateAll((elements) => elements.map((e) => Number(e.getAttribute('data-margin'))))
  expect(margins.length).toBeGreaterThan(5)
  expect([...margins].sort((a, b) => a - b)).toEqual(margins)
  await screenshot(page, 'analysis-done')

  // Reviewing with scores: once a sample is done, "next unreviewed" goes to the hardest region left in the shard.
  const hardest = await rows.evaluateAll((elements) => elements.map((e) => [Number(e.getAttribute('data-record')), Number(e.getAttribute('data-region'))]))
  const [top] = hardest
  const next = hardest.find(([record]) => record !== top[0])
  await rows.first().click()
  await expect(page).toHaveURL(new RegExp(`[?&]i=${top[0]}&r=${top[1]}`))
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-saved', 'true')
  for (let k = 0; k < 8 && new URL(page.url()).searchParams.get('i') === String(top[0]); k++) {
    await page.keyboard.press('1')
    await page.keyboard.press('3')
    await page.keyboard.press('t')
    await page.keyboard.press('u')
  }
  await expect(page).toHaveURL(new RegExp(`[?&]i=${next?.[0]}&r=${next?.[1]}`))
  await page.goto('/?tab=analysis&provider=wasm&sort=margin')
  await expect(controls).toHaveAttribute('data-state', 'done', { timeout: 120_000 })

  // A histogram bar filters the table, and the gallery to the records holding those regions.
  const bars = page.getByTestId('histogram-margin').getByRole('button')
  const counts = await bars.evaluateAll((elements) => elements.map((e) => Number(e.getAttribute('data-count'))))
  const bar = counts.findIndex((count) => count > 0 && count < 50)
  await bars.nth(bar).click()
  await expect(page).toHaveURL(/[?&]bin=margin/)
  await expect(page.getByTestId('table-count')).toHaveText(new RegExp(`^${counts[bar]} of`))
  await expect(rows).toHaveCount(counts[bar])
  const records = new Set(await rows.evaluateAll((elements) => elements.map((e) => e.getAttribute('data-record'))))
  await page.getByRole('tab', { name: 'Gallery' }).click()
  await expect(page.getByTestId('gallery-cell')).toHaveCount(records.size)

  // Any row opens its sample with the region selected.
  await page.getByRole('tab', { name: 'Analysis' }).click()
  const first = rows.first()
  const [record, region] = [await first.getAttribute('data-record'), await first.getAttribute('data-region')]
  await first.click()
  await expect(page).toHaveURL(new RegExp(`[?&]i=${record}&r=${region}`))
  await expect(page.locator(`[data-testid=region-row][data-region="${region}"]`)).toHaveAttribute('data-selected', 'true')

  // The score file opens beside the records (no model needed) and gives the same analysis.
  await page.goto('/?model=none&tab=analysis')
  await page.getByTestId('file-input').setInputFiles([join(demo, 'jsonfiles/demo_results.json'), cliOut])
  await expect(page.getByTestId('file-scores')).toContainText('cli.parquet')
  await expect(page.getByTestId('table-count')).toHaveText(new RegExp(`of ${browserRows.filter((r) => r.text_index === 0).length} regions`))
  await expect(page.getByTestId('overall-accuracy')).toHaveText(accuracy)
  // … and by URL, like the outputs of a distributed run on a web server.
  await page.route('http://127.0.0.1:4173/scores/cli.parquet', (route) => route.fulfill({ body: readFileSync(cliOut), contentType: 'application/octet-stream' }))
  await page.goto('/?src=demo/jsonfiles/demo_results.json&src=http://127.0.0.1:4173/scores/cli.parquet&model=none&tab=analysis')
  await expect(page.getByTestId('file-scores')).toContainText('cli.parquet')
  await expect(page.getByTestId('overall-accuracy')).toHaveText(accuracy)
  rmSync(dir, { recursive: true, force: true })
  await expectNoErrors(guard)
})

test('FG-OVD lines with their pictures give accuracy per test_type, as FG-CLIP evaluates it', async ({ page }) => {
  const guard = guardPage(page)
  const dir = mkdtempSync(join(tmpdir(), 'fgovd-'))
  const records = JSON.parse(readFileSync(join(demo, 'jsonfiles/demo_results.json'), 'utf8')) as { f_path: string; bbox_info: { bbox: number[]; short_expr: string; short_expr_negs: Record<string, string> }[] }[]
  const types = ['color', 'pattern', 'shape']
  const lines: string[] = []
  const pictures: string[] = []
  records.slice(0, 12).forEach((record, r) => {
    const name = record.f_path.split('/').pop() ?? ''
    const picture = join(demo, 'grit-12m/coyo_image_0/00000', name)
    // The demo's failed downloads have no picture.
    if (!existsSync(picture)) return
    pictures.push(picture)
    record.bbox_info.forEach((region, k) => {
      const [x1, y1, x2, y2] = region.bbox
      lines.push(JSON.stringify({
        img_path: `val2017/${name}`, bbox: [x1 * 320, y1 * 240, (x2 - x1) * 320, (y2 - y1) * 240], pos_expression: [region.short_expr],
        neg_expression: Object.values(region.short_expr_negs), category_id: 1, neg_category_ids: [], width: 320, height: 240,
        image_id: r, sent_id: r * 10 + k, test_type: types[(r + k) % types.length],
      }))
    })
  })
  const file = join(dir, 'fgovd_test.jsonl')
  writeFileSync(file, `${lines.join('\n')}\n`)
  await page.goto('/?tab=analysis&provider=wasm&model=demo/model/')
  await page.getByTestId('file-input').setInputFiles([file, ...pictures])
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await page.getByRole('button', { name: 'Score all records' }).click()
  await expect(page.getByTestId('run-controls')).toHaveAttribute('data-state', 'done', { timeout: 120_000 })
  const table = page.getByTestId('fgovd-table')
  await expect(table.locator('thead th')).toHaveText(['model', ...types, 'all'])
  const margins = await page.getByTestId('table-row').evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-margin'))))
  expect(margins.length).toBe(lines.length)
  // Solved when the positive's softmax score is the highest (a tie counts, as in FG-CLIP's fgovd_eval.py).
  const solved = margins.filter((m) => m >= 0).length
  await expect(table.locator('tbody td').last()).toHaveText(`${((solved / lines.length) * 100).toFixed(1)}%`)
  await screenshot(page, 'analysis-fgovd')
  rmSync(dir, { recursive: true, force: true })
  await expectNoErrors(guard)
})

test('whole-shard scoring runs on WebGPU too', async ({ page }) => {
  const guard = guardPage(page)
  await page.goto('/?tab=analysis')
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-state', 'ready', { timeout: 120_000 })
  await expect(page.getByTestId('model-status')).toHaveAttribute('data-provider', 'webgpu')
  const controls = page.getByTestId('run-controls')
  await page.getByRole('button', { name: 'Score all records' }).click()
  await expect.poll(async () => Number(await controls.getAttribute('data-done')), { timeout: 120_000 }).toBeGreaterThanOrEqual(16)
  await page.getByRole('button', { name: 'Pause' }).click()
  await expect(controls).toHaveAttribute('data-state', 'paused')
  await expect(page.getByTestId('table-row').first()).toBeVisible()
  await expect(page.getByTestId('overall-accuracy')).toContainText('%')
  await expectNoErrors(guard)
})
