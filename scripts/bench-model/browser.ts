/**
 * In-browser numbers: the bench page (page/) is built with the project's own Vite config (same
 * onnxruntime resolve conditions, worker format, COOP/COEP headers and CSP as the app), served by
 * `vite preview` together with the model packages, and driven in headless Debian Chromium. Every
 * measurement gets a fresh browser context, so nothing is cached between them (a cold start).
 */
import { chromium, type Browser } from '@playwright/test'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join, normalize } from 'node:path'
import { build, preview, type Plugin, type PreviewServer } from 'vite'
import type { AppLoadResult, BenchApi, LatencyRequest, LatencyResult, Provider } from './page/protocol.ts'
import type { RoiResult } from './roiBench.ts'

// Chromium refuses to fetch from some ports (4190 is on its blocked list); 4186 is allowed.
const port = 4186
const origin = `http://127.0.0.1:${port}`

const types: Record<string, string> = { '.json': 'application/json', '.onnx': 'application/octet-stream' }

async function sendFile(res: ServerResponse, path: string): Promise<void> {
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) {
    res.statusCode = 404
    res.end()
    return
  }
  res.setHeader('Content-Length', info.size)
  res.setHeader('Content-Type', types[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream')
  createReadStream(path).pipe(res)
}

/** Serves each package folder at /packages/<key>/ from the same origin as the page (no CORS). */
export function servePackages(folders: Record<string, string>): Plugin {
  return {
    name: 'bench-model-packages',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        const match = /^\/packages\/([^/]+)\/([^/?]+)$/.exec(req.url ?? '')
        const folder = match ? folders[match[1]] : undefined
        if (!match || !folder || normalize(match[2]).includes('..')) return next()
        sendFile(res, join(folder, match[2])).catch(next)
      })
    },
  }
}

export interface BrowserBench {
  packageUrl(key: string): string
  latency(request: LatencyRequest): Promise<LatencyResult>
  appLoad(url: string, provider: Provider): Promise<AppLoadResult>
  roi(iterations: number): Promise<RoiResult>
  chromiumVersion: string
  close(): Promise<void>
}

export async function openBrowserBench(root: string, folders: Record<string, string>, log: (msg: string) => void): Promise<BrowserBench> {
  const pageRoot = join(root, 'scripts/bench-model/page')
  const outDir = join(tmpdir(), 'finehard-bench-model', 'page-dist')
  const config = { configFile: join(root, 'vite.config.ts'), root: pageRoot, logLevel: 'warn' as const, plugins: [servePackages(folders)] }
  log('building the bench page (vite build) …')
  await build({ ...config, build: { outDir, emptyOutDir: true } })
  const server: PreviewServer = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } })
  let browser: Browser
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-webgpu'],
    })
  } catch (error) {
    await server.close()
    throw error
  }

  /** A fresh context per call: empty HTTP cache, Cache API and compiled-wasm cache. */
  async function inFreshPage<K extends keyof BenchApi>(method: K, args: Parameters<BenchApi[K]>): Promise<Awaited<ReturnType<BenchApi[K]>>> {
    const context = await browser.newContext()
    try {
      const page = await context.newPage()
      page.on('pageerror', (error) => log(`page error: ${error.message}`))
      await page.goto(`${origin}/`)
      await page.waitForFunction(() => document.body.dataset.ready === 'true')
      const result: unknown = await page.evaluate(
        ([name, values]) => (window as unknown as { bench: Record<string, (...a: unknown[]) => unknown> }).bench[name](...values),
        [method, args as unknown[]] as const,
      )
      return result as Awaited<ReturnType<BenchApi[K]>>
    } finally {
      await context.close()
    }
  }

  return {
    packageUrl: (key) => `${origin}/packages/${key}/`,
    latency: (request) => inFreshPage('latency', [request]),
    appLoad: (url, provider) => inFreshPage('appLoad', [url, provider]),
    roi: (iterations) => inFreshPage('roi', [iterations]),
    chromiumVersion: browser.version(),
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
