/**
 * The same jobs in the real app in headless Chromium: a local file opened through the page's file
 * input, indexed by the record-file worker. Times are taken inside the page (performance.now() at
 * the input's change event → first gallery cell showing record 0 → the index marked ready), so
 * Playwright's polling adds nothing. Baseline: File.text() + JSON.parse in the same page.
 */
import { chromium, type Page } from '@playwright/test'
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

export interface BrowserOpen {
  firstRecordMs: number
  indexMs: number
  records: number
}

const port = 4185

async function startPreview(root: string): Promise<() => void> {
  if (!existsSync(`${root}/dist/index.html`)) throw new Error('dist/ is missing: run `npm run build` before the browser benchmark')
  const server = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort'], { cwd: root, stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return () => server.kill()
    } catch {
      await sleep(100)
    }
  }
  server.kill()
  throw new Error('vite preview did not start')
}

/** Records page-side timestamps for the change event, record 0 on screen, and the index ready. */
async function instrument(page: Page, name: string) {
  await page.evaluate((name) => {
    const file = `[data-testid=index-progress] [data-file="${CSS.escape(name)}"]`
    const marks: Record<string, number> = {}
    Object.assign(window, { benchMarks: marks })
    document.addEventListener('change', () => (marks.change = performance.now()), true)
    new MutationObserver(() => {
      // Until the new file is listed, the gallery on screen is still the previous dataset's.
      if (marks.change === undefined || !document.querySelector(file)) return
      if (marks.first === undefined && document.querySelector('[data-testid=gallery-cell][data-index="0"] [data-testid=region-count]')) marks.first = performance.now()
      if (marks.ready === undefined && document.querySelector(`${file} [data-status=ready]`)) marks.ready = performance.now()
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
  }, name)
}

async function openInApp(page: Page, path: string): Promise<BrowserOpen> {
  // No model: its loading would compete with the indexing measured here.
  await page.goto(`http://127.0.0.1:${port}/?model=none`)
  await page.getByTestId('gallery-cell').first().waitFor()
  const name = basename(path)
  await instrument(page, name)
  await page.getByTestId('file-input').setInputFiles(path)
  await page.locator(`[data-testid=index-progress] [data-file="${name}"] [data-status=ready]`).waitFor({ timeout: 600_000 })
  const marks = await page.evaluate(() => (window as unknown as { benchMarks: Record<string, number> }).benchMarks)
  const records = Number((await page.getByTestId('match-count').innerText()).replace(/[^0-9]/g, ''))
  return { firstRecordMs: marks.first - marks.change, indexMs: marks.ready - marks.change, records }
}

async function parseInPage(page: Page, path: string): Promise<number> {
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.evaluate(() => {
    const input = document.createElement('input')
    input.type = 'file'
    input.id = 'bench-baseline'
    document.body.append(input)
  })
  await page.locator('#bench-baseline').setInputFiles(path)
  return page.evaluate(async () => {
    const file = (document.getElementById('bench-baseline') as HTMLInputElement).files?.[0]
    if (!file) throw new Error('no file')
    const start = performance.now()
    const records = JSON.parse(await file.text()) as unknown[]
    if (records.length === 0) throw new Error('empty')
    return performance.now() - start
  })
}

export async function measureBrowser(root: string, smallPath: string, bigPath: string) {
  const stop = await startPreview(root)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  })
  try {
    const page = await browser.newPage()
    const parseSmallMs = await parseInPage(page, smallPath)
    const small = await openInApp(page, smallPath)
    const big = await openInApp(page, bigPath)
    return { parseSmallMs, small, big }
  } finally {
    await browser.close()
    stop()
  }
}
