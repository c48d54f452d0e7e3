/**
 * One whole-shard run in the app, in a fresh browser context (no stored scores, no cached model):
 * open the Analysis tab, wait for the model, click "Score all records", and time the progress the
 * page shows between two of its updates — the first at or after `warmRecords` records and the
 * last one seen before `untilRecords`, the end of the run, or `capSeconds`. The page publishes
 * progress after every 16 stored records (src/app/analysis/shardRun.ts), so that is the resolution.
 */
import type { Browser, Page } from '@playwright/test'
import { loadavg } from 'node:os'
import { appOrigin } from './server.ts'
import type { AppMeasurement, Provider } from './types.ts'

export interface AppRunRequest {
  provider: Provider
  /** A package folder URL; null = the embedded demo model (the app's default for demo data). */
  modelUrl: string | null
  warmRecords: number
  /** Stop once this many records are done; null = run to the end. */
  untilRecords: number | null
  capSeconds: number
  /** For the model to load (download, sessions, warm-up). */
  loadTimeoutSeconds: number
}

/** A progress update as the page showed it; `atMs` is the page's performance.now(). */
interface Point {
  done: number
  regions: number
  atMs: number
}

interface Watched {
  first: Point | null
  last: Point | null
  total: number
  state: string
}

interface WatchArgs {
  warm: number
  until: number
  capMs: number
  firstTimeoutMs: number
}

/** Runs in the page: observes the run controls until the interval is complete. */
function watchProgress({ warm, until, capMs, firstTimeoutMs }: WatchArgs): Promise<Watched> {
  const terminal = ['done', 'failed', 'cancelled', 'paused']
  return new Promise((resolve) => {
    const watched: Watched = { first: null, last: null, total: 0, state: '' }
    let seen = -1
    const started = performance.now()
    const finish = () => {
      observer.disconnect()
      clearInterval(timer)
      resolve(watched)
    }
    const check = () => {
      const controls = document.querySelector<HTMLElement>('[data-testid=run-controls]')
      const text = document.querySelector('[data-testid=run-progress]')?.textContent ?? ''
      if (!controls) return
      const done = Number(controls.dataset.done)
      watched.total = Number(controls.dataset.total)
      watched.state = controls.dataset.state ?? ''
      const regions = /([\d,.\s\u202f]+) regions/.exec(text)
      if (done !== seen && regions) {
        seen = done
        const point = { done, regions: Number(regions[1].replace(/\D/g, '')), atMs: performance.now() }
        if (done >= warm && !watched.first) watched.first = point
        if (watched.first) watched.last = point
      }
      const now = performance.now()
      if (terminal.includes(watched.state) && watched.state !== '') return finish()
      if (watched.first && (done >= until || now - watched.first.atMs >= capMs)) return finish()
      if (!watched.first && now - started >= firstTimeoutMs) return finish()
    }
    const observer = new MutationObserver(check)
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true })
    const timer = setInterval(check, 500)
    check()
  })
}

function appUrl(request: AppRunRequest): string {
  const params = new URLSearchParams({ tab: 'analysis', provider: request.provider })
  if (request.modelUrl !== null) params.set('model', request.modelUrl)
  return `${appOrigin}/?${params}`
}

async function modelReady(page: Page, timeoutSeconds: number): Promise<{ provider: string; adapter: string }> {
  const status = page.locator('[data-testid=model-status][data-state=ready]')
  await status.waitFor({ timeout: timeoutSeconds * 1000 })
  const title = (await status.getAttribute('title')) ?? ''
  return { provider: (await status.getAttribute('data-provider')) ?? '?', adapter: /adapter: (.*)/.exec(title)?.[1] ?? '?' }
}

export async function measureApp(browser: Browser, request: AppRunRequest, log: (msg: string) => void): Promise<AppMeasurement> {
  const context = await browser.newContext()
  try {
    const page = await context.newPage()
    page.on('pageerror', (error) => log(`page error: ${error.message}`))
    // tsx compiles with esbuild's keepNames, which wraps watchProgress's inner functions in
    // __name(…); the page needs that helper to run the function's source.
    await page.addInitScript('globalThis.__name = (fn) => fn')
    const loadStart = loadavg()[0]
    const opened = performance.now()
    await page.goto(appUrl(request))
    const model = await modelReady(page, request.loadTimeoutSeconds)
    const modelReadySeconds = (performance.now() - opened) / 1000
    log(`  model ready after ${modelReadySeconds.toFixed(1)} s (${model.provider}, ${model.adapter}); scoring …`)
    await page.getByRole('button', { name: 'Score all records' }).click()
    const args: WatchArgs = {
      warm: request.warmRecords,
      until: request.untilRecords ?? Number.MAX_SAFE_INTEGER,
      capMs: request.capSeconds * 1000,
      firstTimeoutMs: request.capSeconds * 1000,
    }
    const watched = await page.evaluate(watchProgress, args)
    const { first, last } = watched
    if (!first || !last || last.done <= first.done) {
      throw new Error(`no progress interval to measure (state ${watched.state}, first ${JSON.stringify(first)}, last ${JSON.stringify(last)})`)
    }
    const cancelled = watched.state === 'running'
    if (cancelled) await page.getByRole('button', { name: 'Cancel' }).click()
    const seconds = (last.atMs - first.atMs) / 1000
    const regions = last.regions - first.regions
    return {
      requested: request.provider,
      provider: model.provider,
      adapter: model.adapter,
      modelReadySeconds,
      warmRecords: first.done,
      totalRecords: watched.total,
      rate: { records: last.done - first.done, regions, seconds, regionsPerSecond: regions / seconds },
      endState: watched.state,
      cancelled,
      load: { start: loadStart, end: loadavg()[0] },
    }
  } finally {
    await context.close()
  }
}
