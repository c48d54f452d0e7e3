import { useCallback, useEffect, useRef, useState } from 'react'
import type { RecordFilter } from '../formats/recordFilter.ts'

export type ScoreMetric = 'margin' | 'p'

/** A histogram bar clicked in the analysis view: regions whose metric lies in [lo, hi). */
export interface ScoreBin {
  metric: ScoreMetric
  lo: number
  hi: number
}

export type SortColumn = 'record' | 'p' | 'rank' | 'margin' | 'confidence' | 'top'

/** Everything a shared link reproduces: the sources, the open sample and region, the filters. */
export interface ViewState {
  sources: string[]
  images: string | null
  index: number | null
  region: number | null
  filter: RecordFilter
  /** URL of a model package folder; null: the embedded demo model. */
  model: string | null
  provider: 'webgpu' | 'wasm'
  /** Gallery or the whole-shard analysis (when no sample is open). */
  tab: 'gallery' | 'analysis'
  bin: ScoreBin | null
  sort: { column: SortColumn; descending: boolean }
}

const sortColumns: readonly SortColumn[] = ['record', 'p', 'rank', 'margin', 'confidence', 'top']

function parseBin(value: string | null): ScoreBin | null {
  const match = /^(margin|p):(-?[\d.e+-]+):(-?[\d.e+-]+)$/.exec(value ?? '')
  if (!match) return null
  const [lo, hi] = [Number(match[2]), Number(match[3])]
  return Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? { metric: match[1] as ScoreMetric, lo, hi } : null
}

function parseSort(value: string | null): ViewState['sort'] {
  const descending = value?.startsWith('-') ?? false
  const column = (descending ? value?.slice(1) : value) as SortColumn
  return sortColumns.includes(column) ? { column, descending } : { column: 'record', descending: false }
}

const numberParam = (params: URLSearchParams, name: string): number | null => {
  const value = params.get(name)
  if (value === null || value.trim() === '') return null
  const n = Number(value)
  return Number.isFinite(n) ? n : null
}

const indexParam = (params: URLSearchParams, name: string): number | null => {
  const n = numberParam(params, name)
  return n !== null && Number.isInteger(n) && n >= 0 ? n : null
}

export function parseViewState(search: string): ViewState {
  const params = new URLSearchParams(search)
  return {
    sources: params.getAll('src').filter((s) => s.trim() !== ''),
    images: params.get('images'),
    index: indexParam(params, 'i'),
    region: indexParam(params, 'r'),
    filter: {
      text: params.get('q') ?? '',
      hasNegatives: params.get('neg') === '1',
      minBoxes: indexParam(params, 'bmin'),
      maxBoxes: indexParam(params, 'bmax'),
      minConfidence: numberParam(params, 'cmin'),
      maxConfidence: numberParam(params, 'cmax'),
      invalidOnly: params.get('bad') === '1',
    },
    model: params.get('model'),
    provider: params.get('provider') === 'wasm' ? 'wasm' : 'webgpu',
    tab: params.get('tab') === 'analysis' ? 'analysis' : 'gallery',
    bin: parseBin(params.get('bin')),
    sort: parseSort(params.get('sort')),
  }
}

export function viewStateToSearch(state: ViewState): string {
  const params = new URLSearchParams()
  for (const source of state.sources) params.append('src', source)
  const set = (name: string, value: string | number | null, omit: string | number | null = null) => {
    if (value !== null && value !== omit) params.set(name, String(value))
  }
  set('images', state.images)
  set('i', state.index)
  set('r', state.region)
  const f = state.filter
  set('q', f.text, '')
  if (f.hasNegatives) params.set('neg', '1')
  set('bmin', f.minBoxes)
  set('bmax', f.maxBoxes)
  set('cmin', f.minConfidence)
  set('cmax', f.maxConfidence)
  if (f.invalidOnly) params.set('bad', '1')
  set('model', state.model)
  set('provider', state.provider, 'webgpu')
  set('tab', state.tab, 'gallery')
  if (state.bin) params.set('bin', `${state.bin.metric}:${state.bin.lo}:${state.bin.hi}`)
  set('sort', `${state.sort.descending ? '-' : ''}${state.sort.column}`, 'record')
  const search = params.toString()
  return search ? `?${search}` : ''
}

/** The view state lives in the URL: updates push (or replace) history entries; Back restores. */
export function useViewState(): [ViewState, (patch: Partial<ViewState>, options?: { replace?: boolean }) => void] {
  const [state, setState] = useState(() => parseViewState(window.location.search))
  const current = useRef(state)
  useEffect(() => {
    const onPop = () => {
      current.current = parseViewState(window.location.search)
      setState(current.current)
    }
    window.addEventListener('popstate', onPop)
    return () => window.removeEventListener('popstate', onPop)
  }, [])
  const update = useCallback((patch: Partial<ViewState>, options?: { replace?: boolean }) => {
    const next = { ...current.current, ...patch }
    current.current = next
    const url = `${window.location.pathname}${viewStateToSearch(next)}${window.location.hash}`
    if (options?.replace) window.history.replaceState(null, '', url)
    else window.history.pushState(null, '', url)
    setState(next)
  }, [])
  return [state, update]
}
