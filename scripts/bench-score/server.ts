/**
 * The real app: built with the project's Vite config into the OS temp folder (so `dist/` of
 * whoever else works here is left alone), served by `vite preview` with the model packages at
 * /packages/<key>/ on the same origin, and headless Debian Chromium with the e2e suite's flags.
 */
import { chromium, type Browser } from '@playwright/test'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, preview, type PreviewServer } from 'vite'
import playwrightConfig from '../../playwright.config.ts'
import { servePackages } from '../bench-model/browser.ts'

// Not the e2e suite's 4173, so a preview someone else runs does not collide.
const port = 4175
export const appOrigin = `http://127.0.0.1:${port}`

export interface AppServer {
  browser: Browser
  packageUrl(key: string): string
  close(): Promise<void>
}

export async function openApp(root: string, packages: Record<string, string>, log: (msg: string) => void): Promise<AppServer> {
  const outDir = join(tmpdir(), 'finehard-bench-score', 'app-dist')
  const config = { configFile: join(root, 'vite.config.ts'), root, logLevel: 'warn' as const, plugins: [servePackages(packages)] }
  log(`building the app (vite build → ${outDir}) …`)
  await build({ ...config, build: { outDir, emptyOutDir: true } })
  const server: PreviewServer = await preview({ ...config, build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: true } })
  const launch = playwrightConfig.use?.launchOptions ?? {}
  let browser: Browser
  try {
    browser = await chromium.launch({ ...launch, executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' })
  } catch (error) {
    await server.close()
    throw error
  }
  return {
    browser,
    packageUrl: (key) => `${appOrigin}/packages/${key}/`,
    async close() {
      await browser.close()
      await server.close()
    },
  }
}
