/// <reference types="vitest/config" />
import { defaultClientConditions, defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'

// Cross-origin isolation lets onnxruntime-web's wasm use threads; `credentialless` (not
// `require-corp`) keeps remote images without CORP headers displayable.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
}

// Captions are untrusted: the built page forbids inline and foreign scripts. The dev server
// needs React Refresh's inline preamble, so the policy is added to the production build only.
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  'img-src * data: blob:',
  'connect-src * data: blob:',
  "object-src 'none'",
  "base-uri 'none'",
].join('; ')

function cspInBuild(): Plugin {
  return {
    name: 'csp-in-build',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy },
        injectTo: 'head-prepend',
      },
    ],
  }
}

export default defineConfig({
  // One page: a missing file must answer 404, not the app's index.html.
  appType: 'mpa',
  plugins: [react(), tailwindcss(), cspInBuild()],
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  worker: { format: 'es' },
  // onnxruntime-web without its inlined runtime: the runtime loads from the URLs the worker sets.
  resolve: { conditions: ['onnxruntime-web-use-extern-wasm', ...defaultClientConditions] },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 120_000,
  },
})
