import { defineConfig } from '@playwright/test'

const appPort = 4173
const fixturePort = 4174

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${appPort}/`,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // Debian's Chromium: there is no browser download on these machines.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--enable-unsafe-webgpu',
      ],
    },
  },
  webServer: [
    {
      command: `npx vite preview --host 127.0.0.1 --port ${appPort} --strictPort`,
      url: `http://127.0.0.1:${appPort}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx tsx e2e/fixtureServer.ts`,
      url: `http://127.0.0.1:${fixturePort}/health`,
      env: { FIXTURE_PORT: String(fixturePort) },
      reuseExistingServer: !process.env.CI,
    },
  ],
})
