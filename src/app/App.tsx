import { useEffect, useMemo, useState, type DragEvent } from 'react'
import { ShortcutSheet } from './components/ShortcutSheet.tsx'
import { DatasetView } from './DatasetView.tsx'
import type { DatasetInput } from './data/openDataset.ts'
import { useOpenDataset, type DatasetRequest } from './data/useOpenDataset.ts'
import { inputsFromDrop } from './sources/collectFiles.ts'
import { OpenControls } from './sources/OpenControls.tsx'
import { useViewState } from './viewState.ts'
import { ModelBar } from './model/ModelBar.tsx'
import { ModelProvider } from './model/ModelContext.tsx'
import type { PackageSource } from '../workers/modelProtocol.ts'

const demoModel = new URL('demo/model/', document.baseURI).href

/** A model package (manifest.json + graphs) or an FG-CLIP checkpoint (config.json + weights) rather than data. */
function isModelFolder(files: File[]): boolean {
  const names = new Set(files.map((f) => f.name))
  return (names.has('manifest.json') && names.has('image.onnx')) || (names.has('config.json') && (names.has('model.safetensors') || names.has('model.safetensors.index.json')))
}

function localLabel(inputs: DatasetInput[]): string {
  const roots = new Set(inputs.map((input) => ('file' in input ? input.path.split('/')[0] : input.url)))
  return roots.size === 1 ? [...roots][0] : `${inputs.length} local files`
}

export function App() {
  const [view, setView] = useViewState()
  const [local, setLocal] = useState<DatasetInput[] | null>(null)
  const [sheetOpen, setSheetOpen] = useState(false)
  const [dragging, setDragging] = useState(false)
  const [notice, setNotice] = useState<string | null>(null)

  const sourcesKey = JSON.stringify([view.sources, view.images])
  const request = useMemo<DatasetRequest>(() => {
    if (local) return { kind: 'local', inputs: local, label: localLabel(local) }
    const [urls, images] = JSON.parse(sourcesKey) as [string[], string | null]
    return urls.length > 0 ? { kind: 'urls', urls, images } : { kind: 'demo' }
  }, [local, sourcesKey])
  const { dataset, error } = useOpenDataset(request)
  const [localModel, setLocalModel] = useState<File[] | null>(null)
  // The demo model knows the demo's synthetic scenes only: other data gets a model when asked for.
  const modelSource = useMemo<PackageSource | null>(() => {
    if (localModel) return { files: localModel }
    if (view.model === 'none') return null
    if (view.model) return { url: new URL(view.model, document.baseURI).href }
    return request.kind === 'demo' ? { url: demoModel } : null
  }, [localModel, view.model, request.kind])

  const openLocal = (inputs: DatasetInput[]) => {
    if (inputs.length === 0) return setNotice('Nothing to open: the drop held no files.')
    setNotice(null)
    setLocal(inputs)
    setView({ sources: [], images: null, index: null, region: null })
  }

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA'].includes(event.target.tagName)
      if (event.key === '?' && !typing) setSheetOpen((open) => !open)
      else if (event.key === 'Escape' && sheetOpen) setSheetOpen(false)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [sheetOpen])

  const onDrop = (event: DragEvent) => {
    event.preventDefault()
    setDragging(false)
    inputsFromDrop(event.dataTransfer).then(
      (inputs) => {
        const files = inputs.flatMap((input) => ('file' in input ? [input.file] : []))
        if (isModelFolder(files)) setLocalModel(files)
        else openLocal(inputs)
      },
      (e: unknown) => setNotice(`Could not read the drop: ${String(e)}`),
    )
  }

  return (
    <ModelProvider source={modelSource} provider={view.provider}>
      <div
        className="flex h-screen flex-col bg-slate-900 text-slate-100"
        onDragOver={(e) => {
          e.preventDefault()
          setDragging(true)
        }}
        onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
        onDrop={onDrop}
      >
        <header className="flex items-center gap-4 border-b border-slate-700 bg-slate-950 px-3 py-2">
          <h1 className="text-base font-semibold tracking-tight">
            FineHARD <span className="text-sky-400">Explorer</span>
          </h1>
          <span className="text-xs text-slate-500">drop files or a FineHARD folder anywhere</span>
          <div className="ml-auto flex items-center gap-2">
            <OpenControls
              onFiles={openLocal}
              onUrls={(urls, images) => {
                setLocal(null)
                setView({ sources: urls, images, index: null, region: null })
              }}
              onError={setNotice}
            />
            <button type="button" aria-label="Keyboard shortcuts" className="rounded-md border border-slate-600 px-2.5 py-1 text-sm hover:bg-slate-700" onClick={() => setSheetOpen(true)}>?</button>
          </div>
        </header>
        <div className="border-b border-slate-800 bg-slate-950 px-3 py-1">
          <ModelBar
            provider={view.provider}
            onProvider={(provider) => setView({ provider }, { replace: true })}
            onPackageFiles={(files) => setLocalModel(files)}
          />
        </div>
        {notice && (
          <p role="alert" className="flex items-center gap-2 bg-amber-900/60 px-3 py-1 text-sm text-amber-100">
            {notice}
            <button type="button" className="ml-auto text-amber-200 hover:text-white" onClick={() => setNotice(null)} aria-label="Dismiss">×</button>
          </p>
        )}
        {error && <p role="alert" className="p-6 text-sm text-red-300" data-testid="open-error">Could not open the data: {error}</p>}
        {!dataset && !error && <p className="p-6 text-sm text-slate-400" role="status">Opening…</p>}
        {dataset && <DatasetView key={dataset.id} dataset={dataset} view={view} setView={setView} sheetOpen={sheetOpen} />}
        {sheetOpen && <ShortcutSheet onClose={() => setSheetOpen(false)} />}
        {dragging && (
          <div className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center border-4 border-dashed border-sky-400 bg-sky-950/60 text-xl text-sky-100">
            Drop FineHARD files or a whole release folder
          </div>
        )}
      </div>
    </ModelProvider>
  )
}
