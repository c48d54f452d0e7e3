import { useRef } from 'react'
import type { ProviderChoice } from '../../workers/modelProtocol.ts'
import { HiddenFileInput } from '../components/HiddenFileInput.tsx'
import { useModel } from './ModelContext.tsx'

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`
const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`

/** Which model scores the view, on which provider, and how to load another. */
export function ModelBar(props: { provider: ProviderChoice; onProvider: (provider: ProviderChoice) => void; onPackageFiles: (files: File[]) => void }) {
  const model = useModel()
  const folderRef = useRef<HTMLInputElement>(null)
  const status = model?.status
  return (
    <div className="flex items-center gap-2 text-xs text-slate-400" data-testid="model-bar">
      <span className="font-semibold text-slate-300">Model</span>
      {!status && <span>none</span>}
      {status?.state === 'loading' && (
        <span data-testid="model-status" data-state="loading">
          {status.loaded > 0 ? 'loading ' : ''}{status.file ?? 'loading manifest'}{status.loaded > 0 && ` ${mb(status.loaded)}${status.total ? ` of ${mb(status.total)}` : ''}`}…
        </span>
      )}
      {status?.state === 'failed' && <span className="text-red-300" data-testid="model-status" data-state="failed" role="alert">failed: {status.message}</span>}
      {status?.state === 'ready' && (
        <span data-testid="model-status" data-state="ready" data-provider={status.info.provider} data-from-cache={String(status.info.fromCache)} title={`adapter: ${status.info.adapter}\nsession ${seconds(status.info.timings.sessionMs)}, warm-up ${seconds(status.info.timings.warmupMs)}, download ${seconds(status.info.timings.downloadMs)}${status.info.fromCache ? ' (from cache)' : ''}`}>
          <span className="text-slate-200">{status.info.manifest.source.name ?? status.info.manifest.family}</span>
          {' · '}
          <span className="font-mono">{status.info.provider === 'webgpu' ? 'WebGPU' : 'wasm'}</span>
          {status.info.provider === 'webgpu' && <span className="text-slate-500"> ({status.info.adapter})</span>}
          {status.info.manifest.randomWeights && <span className="ml-1 rounded bg-amber-700 px-1 text-amber-50" data-testid="random-weights">random weights: scores are meaningless</span>}
          {status.notice && <span className="ml-1 text-amber-300" role="alert">{status.notice}</span>}
        </span>
      )}
      <select
        aria-label="Execution provider"
        className="rounded border border-slate-600 bg-slate-900 px-1 py-0.5 text-slate-200"
        value={props.provider}
        onChange={(e) => props.onProvider(e.currentTarget.value === 'wasm' ? 'wasm' : 'webgpu')}
      >
        <option value="webgpu">WebGPU</option>
        <option value="wasm">wasm</option>
      </select>
      <button type="button" className="rounded border border-slate-600 px-1.5 py-0.5 text-slate-200 hover:bg-slate-700" onClick={() => folderRef.current?.click()}>
        Load model…
      </button>
      <HiddenFileInput ref={folderRef} folder testId="model-input" onFiles={(files) => props.onPackageFiles(Array.from(files))} />
    </div>
  )
}
