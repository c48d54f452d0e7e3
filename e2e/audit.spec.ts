import { chromium, expect, test, type Page } from '@playwright/test'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import config from '../playwright.config.ts'
import { recordFromText } from '../src/formats/finehardRecord.ts'
import {
  expectNoErrors, fixtureRecords, fixtureRoot, fixtureUrl, guardPage, metadataShard, miniJson, screenshot, serveExampleImages, url2key, viewUrl,
} from './support.ts'

const mini = fixtureRecords(miniJson)
const sources = [fixtureUrl(miniJson), fixtureUrl(metadataShard), fixtureUrl(url2key)]
const open = (params: Record<string, string>) => viewUrl(sources, { model: 'none', ...params })

const pressed = (page: Page, name: string) => page.getByRole('button', { name, exact: true })
const row = (page: Page, region: number) => page.locator(`[data-testid=region-row][data-region="${region}"]`)
const negativeVerdicts = (page: Page, key: string) => page.locator(`[data-testid=negative-verdicts][data-key="${key}"]`)

async function waitSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-saved', 'true')
}

/** Verdicts and edits on record 0, region 0, made with the mouse and the text fields. */
async function reviewRecordZero(page: Page) {
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-saved', 'true')
  await pressed(page, 'Box correct').click()
  await pressed(page, 'Phrase wrong').click()
  await page.getByLabel('short_expr').fill('a black-and-white tuxedo cat')
  const firstKey = Object.keys(mini[0].bbox_info[0].short_expr_negs ?? {})[0]
  await negativeVerdicts(page, firstKey).getByRole('button', { name: 'Actually true' }).click()
  await pressed(page, 'Caption has errors').click()
  await page.getByLabel('short_caption').fill('a photo of two kittens and a laptop')
  await page.getByLabel('Note').fill('the laptop box also covers the desk')
  await waitSaved(page)
  return firstKey
}

async function expectRecordZeroReviewed(page: Page, firstKey: string, note = 'the laptop box also covers the desk') {
  await expect(pressed(page, 'Box correct')).toHaveAttribute('aria-pressed', 'true')
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'false')
  await expect(pressed(page, 'Phrase wrong')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByLabel('short_expr')).toHaveValue('a black-and-white tuxedo cat')
  await expect(negativeVerdicts(page, firstKey).getByRole('button', { name: 'Actually true' })).toHaveAttribute('aria-pressed', 'true')
  await expect(pressed(page, 'Caption has errors')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByLabel('short_caption')).toHaveValue('a photo of two kittens and a laptop')
  await expect(page.getByLabel('Note')).toHaveValue(note)
}

test('verdicts and edits are stored at once and come back after a reload', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(open({ i: '0', r: '0' }))
  const firstKey = await reviewRecordZero(page)
  await expect(page.getByTestId('phrase-correction').getByTestId('text-diff').first()).toContainText('cat')
  await expect(page.getByTestId('progress-negatives')).toHaveAttribute('data-done', '1')
  await expect(page.getByTestId('progress-negatives')).toHaveAttribute('data-total', String(mini.flatMap((r) => r.bbox_info).reduce((n, b) => n + Object.keys(b.short_expr_negs ?? {}).length, 0)))
  await screenshot(page, 'audit-record-0')
  await page.reload()
  await expectRecordZeroReviewed(page, firstKey)
  await expectNoErrors(guard)
})

test('closing the browser in the middle of an edit loses nothing', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'finehard-profile-'))
  const launch = () =>
    chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, baseURL: config.use?.baseURL, viewport: config.use?.viewport })
  try {
    let context = await launch()
    let page = context.pages()[0] ?? (await context.newPage())
    await serveExampleImages(page)
    await page.goto(open({ i: '0', r: '0' }))
    const firstKey = await reviewRecordZero(page)
    // Still typing in the note when the browser goes away: each keystroke was already a decision.
    await page.getByLabel('Note').pressSequentially(' and the chair', { delay: 20 })
    await waitSaved(page)
    await context.close()

    context = await launch()
    page = context.pages()[0] ?? (await context.newPage())
    await serveExampleImages(page)
    await page.goto(open({ i: '0', r: '0' }))
    await expectRecordZeroReviewed(page, firstKey, 'the laptop box also covers the desk and the chair')
    await context.close()
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
})

test('export, clear and import restore the same decisions; a second reviewer\'s disagreements are listed side by side', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(open({ i: '0', r: '0' }))
  await page.getByLabel('Reviewer').fill('ada')
  const firstKey = await reviewRecordZero(page)

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export verdicts' }).click()])
  expect(download.suggestedFilename()).toMatch(/^verdicts-.*ada.*\.jsonl$/)
  const exported = readFileSync(await download.path(), 'utf8')
  const lines = exported.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
  expect(lines.length).toBe(6)
  for (const line of lines) {
    expect(Object.keys(line)).toEqual(['file', 'record', 'f_path', 'region', 'field', 'verdict', 'old_text', 'new_text', 'reviewer', 'time'])
    expect(line.reviewer).toBe('ada')
    expect(line.f_path).toBe((mini[0] as unknown as { f_path: string }).f_path)
  }

  await page.getByRole('button', { name: 'Clear verdicts…' }).click()
  await page.getByRole('button', { name: 'Delete' }).click()
  await expect(pressed(page, 'Box correct')).toHaveAttribute('aria-pressed', 'false')
  await expect(pressed(page, 'Caption has errors')).toHaveAttribute('aria-pressed', 'false')
  await expect(page.getByTestId('progress-negatives')).toHaveAttribute('data-done', '0')
  await page.reload()
  await expect(pressed(page, 'Box correct')).toHaveAttribute('aria-pressed', 'false')

  const dir = mkdtempSync(join(tmpdir(), 'verdicts-'))
  const mine = join(dir, 'ada.jsonl')
  writeFileSync(mine, exported)
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Import verdicts' }).click()])
  await chooser.setFiles(mine)
  await expect(page.getByTestId('transfer-status')).toContainText('Imported 6 decisions')
  await expectRecordZeroReviewed(page, firstKey)
  const [again] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export verdicts' }).click()])
  expect(readFileSync(await again.path(), 'utf8')).toBe(exported)

  // Bob disagrees on the box and adds a verdict nobody else made.
  const theirs = join(dir, 'bob.jsonl')
  const bob: Record<string, unknown>[] = lines.map((line) => ({ ...line, reviewer: 'bob', time: '2026-12-05T10:00:00.000Z', ...(line.field === 'bbox' ? { verdict: 'wrong' } : {}) }))
  bob.push({ ...bob[0], region: 1, field: 'bbox', verdict: 'correct', old_text: JSON.stringify([0.565, 0.13, 0.955, 0.955, 0.92]), new_text: null })
  writeFileSync(theirs, `${bob.map((line) => JSON.stringify(line)).join('\n')}\n{"not": "a decision"}\n`)
  await page.getByTestId('import-verdicts-input').setInputFiles(theirs)
  await expect(page.getByTestId('transfer-status')).toContainText('1 conflict')
  await expect(page.getByTestId('transfer-status')).toContainText('line 8')
  const conflict = page.getByTestId('conflict')
  await expect(conflict).toHaveCount(1)
  await expect(conflict.getByTestId('conflict-alternative')).toHaveCount(2)
  await expect(conflict).toContainText('ada')
  await expect(conflict).toContainText('bob')
  await screenshot(page, 'audit-conflicts')
  await expect(pressed(page, 'Box correct')).toHaveAttribute('aria-pressed', 'true')
  await conflict.getByRole('button', { name: 'Use this' }).click()
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('conflict')).toHaveCount(0)
  await row(page, 1).click()
  await expect(pressed(page, 'Box correct')).toHaveAttribute('aria-pressed', 'true')
  rmSync(dir, { recursive: true, force: true })
  await expectNoErrors(guard)
})

test('the keyboard alone reviews a whole sample, with undo and redo', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(open({ i: '2' }))
  await expect(page.getByTestId('save-state')).toHaveAttribute('data-saved', 'true')
  const regions = mini[2].bbox_info.length
  await expect(row(page, regions - 1)).toBeVisible()
  await page.keyboard.press('Tab')
  await expect(row(page, 0)).toHaveAttribute('data-selected', 'true')
  for (let region = 0; region < regions; region++) {
    await expect(row(page, region)).toHaveAttribute('data-selected', 'true')
    await page.keyboard.press('1')
    await page.keyboard.press('3')
    // Negatives one by one: the current one is outlined and moves on after each verdict.
    await page.keyboard.press('5')
    await page.keyboard.press('7')
    await page.keyboard.press('t')
    if (region < regions - 1) await page.keyboard.press('u')
  }
  await page.keyboard.press('8')
  for (let region = 0; region < regions; region++) await expect(row(page, region).getByTestId('review-badges')).toHaveAttribute('data-reviewed', 'true')
  await expect(page.getByTestId('progress-regions')).toHaveAttribute('data-done', String(regions))
  await expect(page.getByTestId('progress-negatives')).toHaveAttribute('data-done', String(regions * 10))
  await expect(page.getByTestId('verdict-counts')).toContainText(`nonsense ${regions}`)
  await expect(pressed(page, 'Caption correct')).toHaveAttribute('aria-pressed', 'true')
  await screenshot(page, 'audit-keyboard')

  await page.keyboard.press('Control+z')
  await expect(pressed(page, 'Caption correct')).toHaveAttribute('aria-pressed', 'false')
  await page.keyboard.press('Control+y')
  await expect(pressed(page, 'Caption correct')).toHaveAttribute('aria-pressed', 'true')
  // Every region done: "next unreviewed" moves on to the next sample; the gallery marks the sample.
  await page.keyboard.press('u')
  await expect(page).toHaveURL(/[?&]i=3/)
  await page.keyboard.press('Escape')
  await expect(page.locator('[data-testid=gallery-cell][data-index="2"]').getByTestId('review-mark')).toHaveText('✓ reviewed')
  await expectNoErrors(guard)
})

test('the corrected jsonfile applies the edits, reads back with zero defects and differs only where edited', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(open({ i: '0', r: '0' }))
  await reviewRecordZero(page)
  // Region 2: the box is wrong and is redrawn on the canvas.
  await row(page, 2).click()
  await pressed(page, 'Box wrong').click()
  await page.getByRole('button', { name: 'Redraw box' }).click()
  const canvas = await page.getByTestId('sample-canvas').boundingBox()
  if (!canvas) throw new Error('no canvas')
  await page.mouse.move(canvas.x + canvas.width * 0.3, canvas.y + canvas.height * 0.3)
  await page.mouse.down()
  await page.mouse.move(canvas.x + canvas.width * 0.5, canvas.y + canvas.height * 0.5, { steps: 5 })
  await page.mouse.up()
  await expect(page.getByTestId('box-correction')).toContainText('→')
  await waitSaved(page)

  await expect(page.getByTestId('index-progress')).toContainText('records')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export corrected jsonfile' }).click()])
  expect(download.suggestedFilename()).toBe('2026-12-01_10-00-00_results_mini.corrected.json')
  await expect(page.getByTestId('transfer-status')).toContainText('1 corrected')
  const corrected = JSON.parse(readFileSync(await download.path(), 'utf8')) as typeof mini
  expect(corrected.length).toBe(mini.length)
  corrected.forEach((record, i) => expect(recordFromText(JSON.stringify(record), i).defects).toEqual([]))
  expect(corrected.slice(1)).toEqual(mini.slice(1))
  const [before, after] = [mini[0] as unknown as Record<string, unknown>, corrected[0] as unknown as Record<string, unknown>]
  expect(after.short_caption).toBe('a photo of two kittens and a laptop')
  expect(after.caption).toBe(before.caption)
  const regionsBefore = before.bbox_info as Record<string, unknown>[]
  const regionsAfter = after.bbox_info as Record<string, unknown>[]
  expect(regionsAfter[0].short_expr).toBe('a black-and-white tuxedo cat')
  expect(Object.keys(regionsAfter[0].short_expr_negs as object).length).toBe(9)
  expect(regionsAfter[0].flag_short_neg).toBe(0)
  expect(regionsAfter[1]).toEqual(regionsBefore[1])
  const box = regionsAfter[2].bbox as number[]
  expect(box.length).toBe(5)
  expect(box[4]).toBe((regionsBefore[2].bbox as number[])[4])
  expect(box.slice(0, 4)).not.toEqual((regionsBefore[2].bbox as number[]).slice(0, 4))
  expect(regionsAfter.slice(3)).toEqual(regionsBefore.slice(3))
  await expectNoErrors(guard)
})

test('a full storage is reported where the reviewer looks; the decision stays and is saved once there is room', async ({ page }) => {
  const guard = guardPage(page)
  await serveExampleImages(page)
  await page.goto(open({ i: '3', r: '0' }))
  await waitSaved(page)
  const cdp = await page.context().newCDPSession(page)
  const origin = new URL(page.url()).origin
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 1 })
  await pressed(page, 'Box wrong').click()
  await expect(page.getByTestId('save-error')).toContainText('not saved')
  await expect(page.getByRole('alert').filter({ hasText: 'not saved' })).toBeVisible()
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'true')
  await screenshot(page, 'audit-quota')
  await cdp.send('Storage.overrideQuotaForOrigin', { origin })
  await page.getByRole('button', { name: 'Retry saving' }).click()
  await waitSaved(page)
  await page.reload()
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'true')
  await expectNoErrors(guard)
})

test('a local file is recognised again by name, size and content when it is opened anew', async ({ page }) => {
  const guard = guardPage(page)
  const file = join(fixtureRoot, miniJson)
  await page.goto('/?model=none')
  await page.getByTestId('file-input').setInputFiles(file)
  await page.locator('[data-testid=gallery-cell][data-index="1"]').click()
  await row(page, 0).click()
  await pressed(page, 'Box wrong').click()
  await waitSaved(page)
  await page.goto('/?model=none')
  await page.getByTestId('file-input').setInputFiles(file)
  await page.locator('[data-testid=gallery-cell][data-index="1"]').click()
  await row(page, 0).click()
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'true')
  await expect(page.getByTestId('progress-regions')).toHaveAttribute('data-done', '0')
  // The same name with other content is another file: nothing carries over.
  const dir = mkdtempSync(join(tmpdir(), 'renamed-'))
  const changed = join(dir, basename(miniJson))
  writeFileSync(changed, readFileSync(file, 'utf8').replace('office chair', 'office stool'))
  await page.goto('/?model=none')
  await page.getByTestId('file-input').setInputFiles(changed)
  await page.locator('[data-testid=gallery-cell][data-index="1"]').click()
  await row(page, 0).click()
  await expect(pressed(page, 'Box wrong')).toHaveAttribute('aria-pressed', 'false')
  rmSync(dir, { recursive: true, force: true })
  await expectNoErrors(guard)
})
