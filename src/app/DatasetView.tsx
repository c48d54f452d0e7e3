import { useCallback, useEffect, useMemo, useState } from 'react'
import type { RecordFilter } from '../formats/recordFilter.ts'
import { useDatasetState, type Dataset } from './data/dataset.ts'
import { useFilteredIndices, useRecord } from './data/records.ts'
import { FilterBar } from './filters/FilterBar.tsx'
import { Gallery } from './gallery/Gallery.tsx'
import { SampleView } from './sample/SampleView.tsx'
import { IndexProgress } from './sources/IndexProgress.tsx'
import { AuditBar } from './audit/AuditBar.tsx'
import { AuditProvider } from './audit/AuditContext.tsx'
import { AnalysisView } from './analysis/AnalysisView.tsx'
import { filterRows, intersectSorted, recordsOf, tableRows as toTableRows } from './analysis/tableRows.ts'
import { useScoreResults } from './analysis/useScoreResults.ts'
import type { ViewState } from './viewState.ts'

/** First position in the sorted `matches` whose value is ≥ `index`. */
function lowerBound(matches: Uint32Array, index: number): number {
  let lo = 0
  let hi = matches.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (matches[mid] < index) lo = mid + 1
    else hi = mid
  }
  return lo
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

/** Tab walks the regions unless focus is on a control, where it keeps its usual job of moving focus. */
function onControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['BUTTON', 'A', 'SUMMARY'].includes(target.tagName)
}

export function DatasetView(props: {
  dataset: Dataset
  view: ViewState
  setView: (patch: Partial<ViewState>, options?: { replace?: boolean }) => void
  sheetOpen: boolean
}) {
  const { dataset, view, setView } = props
  const state = useDatasetState(dataset)
  const filtered = useFilteredIndices(dataset, view.filter, state.ready)
  // Stored or file scores are read once the analysis is first wanted, not when the data opens.
  const [analysisWanted, setAnalysisWanted] = useState(view.tab === 'analysis' || view.bin !== null)
  useEffect(() => {
    if (view.tab === 'analysis' || view.bin !== null) setAnalysisWanted(true)
  }, [view.tab, view.bin])
  const scores = useScoreResults(dataset, analysisWanted)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const tableRows = useMemo(() => toTableRows(scores.records), [scores.records, scores.version])
  // A histogram bar picked in the analysis view narrows the gallery too.
  const binRecords = useMemo(() => (view.bin ? recordsOf(filterRows(tableRows, { bin: view.bin, text: '', outcome: 'all' })) : null), [tableRows, view.bin])
  const matches = useMemo(
    () => (binRecords && filtered.matches ? intersectSorted(binRecords, filtered.matches) : (binRecords ?? filtered.matches)),
    [binRecords, filtered.matches],
  )
  const length = matches ? matches.length : state.total
  const indexAt = useCallback((position: number) => (matches ? matches[position] : position), [matches])
  const { record, error } = useRecord(dataset, view.index, state.total)

  const step = useCallback(
    (delta: 1 | -1) => {
      if (length === 0) return
      const current = view.index
      let position: number
      if (current === null) position = 0
      else if (!matches) position = current + delta
      else {
        const at = lowerBound(matches, current)
        position = matches[at] === current ? at + delta : delta > 0 ? at : at - 1
      }
      position = Math.min(Math.max(position, 0), length - 1)
      setView({ index: indexAt(position), region: null }, { replace: true })
    },
    [length, matches, view.index, indexAt, setView],
  )

  const regionCount = record?.regions.length ?? 0
  const selectRegion = useCallback((region: number | null) => setView({ region }, { replace: true }), [setView])

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (props.sheetOpen || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return
      if (event.key === 'j' || event.key === 'ArrowRight') step(1)
      else if (event.key === 'k' || event.key === 'ArrowLeft') step(-1)
      else if (event.key === 'Tab' && view.index !== null && regionCount > 0 && !onControl(event.target)) {
        event.preventDefault()
        const current = view.region ?? (event.shiftKey ? regionCount : -1)
        selectRegion((current + (event.shiftKey ? -1 : 1) + regionCount) % regionCount)
      } else if (event.key === 'Escape') {
        if (view.region !== null) selectRegion(null)
        else if (view.index !== null) setView({ index: null })
      } else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [props.sheetOpen, step, view.index, view.region, regionCount, selectRegion, setView])

  const onFilter = useCallback((filter: RecordFilter) => setView({ filter }, { replace: true }), [setView])
  const positionOf = useCallback(
    (index: number | null) => {
      if (index === null || !matches) return index
      const at = lowerBound(matches, index)
      return matches[at] === index ? at : null
    },
    [matches],
  )
  const position = positionOf(view.index)
  // Back in the gallery, the sample just viewed is scrolled into view.
  const [lastViewed, setLastViewed] = useState<number | null>(null)
  useEffect(() => {
    if (view.index !== null) setLastViewed(view.index)
  }, [view.index])

  return (
    <AuditProvider dataset={dataset}>
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-start gap-x-6 gap-y-1 border-b border-slate-800 px-3 py-2">
        <IndexProgress files={dataset.files} states={state.files} />
        <details className="text-xs text-slate-400" data-testid="source-notes">
          <summary className="cursor-pointer">
            {dataset.label}: {dataset.sources.length} source{dataset.sources.length === 1 ? '' : 's'}
            {dataset.sources.some((s) => s.error) && <span className="ml-1 text-red-300">(some failed)</span>}
          </summary>
          <ul className="mt-1 space-y-0.5">
            {dataset.sources.map((source) => (
              <li key={source.name} className="font-mono">
                <span className="text-slate-500">{source.kind}</span> {source.name}
                {source.error && <span className="ml-2 text-red-300">— {source.error}</span>}
              </li>
            ))}
          </ul>
        </details>
      </div>
      <div className="flex items-center border-b border-slate-800">
        <div role="tablist" aria-label="View" className="flex shrink-0 gap-1 px-2">
          {(['gallery', 'analysis'] as const).map((tab) => (
            <button
              key={tab}
              type="button"
              role="tab"
              aria-selected={view.index === null && view.tab === tab}
              className={`rounded px-2 py-0.5 text-xs ${view.index === null && view.tab === tab ? 'bg-sky-800 text-sky-50' : 'text-slate-300 hover:bg-slate-800'}`}
              onClick={() => setView({ tab, index: null, region: null })}
            >
              {tab === 'gallery' ? 'Gallery' : 'Analysis'}
            </button>
          ))}
        </div>
        <div className="min-w-0 flex-1">
          <FilterBar filter={view.filter} onChange={onFilter} total={state.total} matches={matches ? matches.length : null} scanning={filtered.isScanning} progress={filtered.progress} />
        </div>
      </div>
      {filtered.error && <p role="alert" className="px-3 py-1 text-sm text-red-300">Filter failed: {filtered.error.message}</p>}
      <AuditBar />
      <div className="min-h-0 flex-1">
        {view.index === null && view.tab === 'analysis' ? (
          <AnalysisView dataset={dataset} results={scores} rows={tableRows} view={view} setView={setView} />
        ) : view.index === null ? (
          <Gallery dataset={dataset} total={state.total} length={length} indexAt={indexAt} current={positionOf(lastViewed)} onOpen={(index) => setView({ index, region: null })} />
        ) : (
          <div className="flex h-full flex-col">
            <nav className="flex items-center gap-2 border-b border-slate-800 px-3 py-1.5 text-sm">
              <button type="button" className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={() => setView({ index: null, region: null })}>← Gallery</button>
              <button type="button" aria-label="Previous sample" className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={() => step(-1)}>‹ prev</button>
              <span className="tabular-nums text-slate-400" data-testid="sample-position">
                record {view.index.toLocaleString()}
                {position !== null && ` · ${(position + 1).toLocaleString()} of ${length.toLocaleString()}${matches ? ' matching' : ''}`}
              </span>
              <button type="button" aria-label="Next sample" className="rounded px-2 py-0.5 text-slate-300 hover:bg-slate-800" onClick={() => step(1)}>next ›</button>
            </nav>
            <div className="min-h-0 flex-1">
              {record ? (
                <SampleView key={record.index} dataset={dataset} record={record} region={view.region} onSelectRegion={selectRegion} onNextSample={() => step(1)} onOpenRegion={(index, region) => setView({ index, region })} scoredRows={tableRows} keysEnabled={!props.sheetOpen} />
              ) : (
                <p className="p-6 text-sm text-slate-400" role="status">
                  {error
                    ? `Could not read record ${view.index}: ${error.message}`
                    : state.ready && view.index >= state.total
                      ? `There is no record ${view.index}: the data holds ${state.total.toLocaleString()} records.`
                      : `Loading record ${view.index}… (${state.total.toLocaleString()} indexed so far)`}
                </p>
              )}
            </div>
          </div>
        )}
      </div>
    </div>
    </AuditProvider>
  )
}
