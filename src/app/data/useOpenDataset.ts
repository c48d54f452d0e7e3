import { useEffect, useState } from 'react'
import { disposeDataset, type Dataset } from './dataset.ts'
import { openDataset, type DatasetInput } from './openDataset.ts'
import { messageOf } from '../../io/messageOf.ts'

/** What the page opens: files the user picked, or URLs (from `?src=`), or else the embedded demo. */
export type DatasetRequest =
  | { kind: 'local'; inputs: DatasetInput[]; label: string }
  | { kind: 'urls'; urls: string[]; images: string | null }
  | { kind: 'demo' }

interface DemoManifest {
  name: string
  files: { jsonfiles: string[]; parquet: string[]; url2key: string[]; images: string }
}

const demoBase = new URL('demo/', document.baseURI)

async function openRequest(request: DatasetRequest): Promise<Dataset> {
  if (request.kind === 'local') return openDataset(request.inputs, { label: request.label, imagesBaseUrl: null })
  if (request.kind === 'urls') {
    const inputs = request.urls.map((url) => ({ url: new URL(url, document.baseURI).href }))
    return openDataset(inputs, { label: `${request.urls.length} URL${request.urls.length === 1 ? '' : 's'}`, imagesBaseUrl: request.images })
  }
  const response = await fetch(new URL('manifest.json', demoBase))
  if (!response.ok) throw new Error(`The embedded demo is missing (HTTP ${response.status} for demo/manifest.json)`)
  const manifest = (await response.json()) as DemoManifest
  const files = [...manifest.files.jsonfiles, ...manifest.files.parquet, ...manifest.files.url2key]
  return openDataset(
    files.map((path) => ({ url: new URL(path, demoBase).href })),
    { label: manifest.name, imagesBaseUrl: new URL(manifest.files.images, demoBase).href.replace(/\/$/, '') },
  )
}

export function useOpenDataset(request: DatasetRequest): { dataset: Dataset | null; error: string | null } {
  const [result, setResult] = useState<{ dataset: Dataset | null; error: string | null }>({ dataset: null, error: null })
  useEffect(() => {
    let opened: Dataset | null = null
    let cancelled = false
    setResult({ dataset: null, error: null })
    openRequest(request).then(
      (dataset) => {
        if (cancelled) return disposeDataset(dataset)
        opened = dataset
        setResult({ dataset, error: null })
      },
      (error: unknown) => !cancelled && setResult({ dataset: null, error: messageOf(error) }),
    )
    return () => {
      cancelled = true
      if (opened) disposeDataset(opened)
    }
  }, [request])
  return result
}
