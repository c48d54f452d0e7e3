import { useMemo } from 'react'
import type { ImageFeatures } from '../../model/inference.ts'
import type { ModelManifest } from '../../model/packageManifest.ts'
import { similarityHeatmap } from '../../model/scoring.ts'
import type { Heatmap } from '../sample/SampleCanvas.tsx'
import { useTextEmbeddings } from './modelQueries.ts'

export interface HeatmapSettings {
  text: string
  opacity: number
}

/** FG-CLIP's dense-feature view: cosine of a text with every grid cell of the image. */
export function useHeatmap(settings: HeatmapSettings, features: ImageFeatures | undefined, manifest: ModelManifest | null): { heatmap: Heatmap; text: string } | null {
  const text = settings.text.trim()
  // No stand-in from the previous text: the map shown must be the map of the text typed.
  const [embedding] = useTextEmbeddings(useMemo(() => (text ? [{ text, path: 'short' as const }] : []), [text]), { keepPrevious: false })
  return useMemo(() => {
    if (!text || !embedding || !features || !manifest) return null
    const values = similarityHeatmap(embedding, features.dense, manifest.grid, manifest.projectionDim)
    return { heatmap: { values, grid: manifest.grid, opacity: settings.opacity }, text }
  }, [text, embedding, features, manifest, settings.opacity])
}

export function HeatmapControls(props: { settings: HeatmapSettings; onChange: (settings: HeatmapSettings) => void; suggestion: string | null }) {
  const { settings, onChange } = props
  return (
    <div className="flex items-center gap-2 text-xs text-slate-300" data-testid="heatmap-controls">
      <label className="flex items-center gap-1">
        Heatmap
        <input
          type="search"
          aria-label="Heatmap text"
          placeholder={props.suggestion ? `e.g. ${props.suggestion}` : 'text to locate in the image'}
          className="w-64 rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-slate-100"
          value={settings.text}
          onChange={(e) => onChange({ ...settings, text: e.currentTarget.value })}
        />
      </label>
      {props.suggestion && settings.text !== props.suggestion && (
        <button type="button" className="rounded border border-slate-600 px-1.5 py-0.5 hover:bg-slate-700" onClick={() => onChange({ ...settings, text: props.suggestion ?? '' })}>
          use selected phrase
        </button>
      )}
      <label className="flex items-center gap-1">
        opacity
        <input type="range" aria-label="Heatmap opacity" min={0} max={1} step={0.05} value={settings.opacity} onChange={(e) => onChange({ ...settings, opacity: Number(e.currentTarget.value) })} />
      </label>
    </div>
  )
}
