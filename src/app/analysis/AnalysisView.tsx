import { useMemo, useState } from 'react'
import { accuracyByConfidence, accuracyByNegativeKey, fgovdAccuracy, histogram, overallAccuracy } from '../../analysis/aggregate.ts'
import { scoreRowsToCsv } from '../../analysis/scoresCsv.ts'
import { scoreRowsToParquet } from '../../analysis/scoresParquet.ts'
import { saveBlob } from '../components/saveBlob.ts'
import type { Dataset } from '../data/dataset.ts'
import { useModel } from '../model/ModelContext.tsx'
import type { ViewState } from '../viewState.ts'
import { AccuracyTable, FgovdTable } from './AccuracyTables.tsx'
import { Histogram } from './Histogram.tsx'
import { RegionTable } from './RegionTable.tsx'
import { RunControls } from './RunControls.tsx'
import { filterRows, MARGIN_RANGE, sortRows, type RowFilter, type TableRow } from './tableRows.ts'
import type { ScoreResults, ScoreSource } from './useScoreResults.ts'

const button = 'rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-200 hover:bg-slate-700 disabled:opacity-40'
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`)

function FileScoresNote({ source }: { source: Extract<ScoreSource, { kind: 'files' }> }) {
  return (
    <p className="text-xs text-slate-300" data-testid="file-scores" role="status">
      Scores from {source.names.join(', ')}
      {source.loading && ' — reading…'}
      {source.unmatched.length > 0 && <span className="text-amber-200"> · no open record file is named {source.unmatched.join(', ')}</span>}
      {source.error && <span role="alert" className="text-red-300"> · {source.error}</span>}
    </p>
  )
}

/**
 * Whole-shard analysis: run controls, histograms of margin and p(positive) whose bars filter the
 * table (and the gallery), accuracy by negative key and confidence band (and FG-OVD test type),
 * the sortable table of every scored region, and the scores as parquet or CSV.
 */
export function AnalysisView(props: {
  dataset: Dataset
  results: ScoreResults
  rows: TableRow[]
  view: ViewState
  setView: (patch: Partial<ViewState>, options?: { replace?: boolean }) => void
}) {
  const { results, rows, view, setView } = props
  const { source, records, version } = results
  const model = useModel()
  const [text, setText] = useState('')
  const [outcome, setOutcome] = useState<RowFilter['outcome']>('all')
  const filtered = useMemo(() => filterRows(rows, { bin: view.bin, text, outcome }), [rows, view.bin, text, outcome])
  const sorted = useMemo(() => sortRows(filtered, view.sort.column, view.sort.descending), [filtered, view.sort])
  // The run appends to one array in place: `version` is what changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const scoreRows = useMemo(() => records.flatMap((r) => r.scores.rows), [records, version])
  const stats = useMemo(() => {
    const margins = rows.flatMap((r) => (r.margin === null ? [] : [r.margin]))
    const fgovd = rows.some((r) => r.test_type !== null) ? fgovdAccuracy(rows) : null
    return {
      margin: histogram(margins, MARGIN_RANGE[0], MARGIN_RANGE[1], 24),
      p: histogram(rows.map((r) => r.p_positive), 0, 1, 20),
      overall: overallAccuracy(rows),
      byKey: accuracyByNegativeKey(scoreRows),
      byConfidence: accuracyByConfidence(rows).filter((band) => band.total > 0),
      fgovd,
    }
  }, [rows, scoreRows])
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const failures = useMemo(() => records.filter((r) => r.failure !== null), [records, version])

  if (source.kind === 'run' && !model) return <p className="p-6 text-sm text-slate-400">Load a model (the bar above) to score every region of these files, or open score parquet files (from <code>npm run score</code>) with them.</p>
  if (source.kind === 'run' && (!source.run || !source.progress)) return <p className="p-6 text-sm text-slate-400" role="status">Waiting for the model and for indexing to finish…</p>

  const exportName = `scores-${props.dataset.label.replace(/[^\w.-]+/g, '_')}`
  return (
    <div className="flex h-full min-h-0 flex-col" data-testid="analysis-view">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-800 px-3 py-1.5">
        {source.kind === 'run' && source.run && source.progress ? <RunControls run={source.run} progress={source.progress} /> : source.kind === 'files' && <FileScoresNote source={source} />}
        <span className="ml-auto flex items-center gap-1.5">
          <button type="button" className={button} disabled={scoreRows.length === 0} onClick={() => saveBlob(new Blob([scoreRowsToParquet(scoreRows)], { type: 'application/vnd.apache.parquet' }), `${exportName}.parquet`)}>
            Export scores (parquet)
          </button>
          <button type="button" className={button} disabled={scoreRows.length === 0} onClick={() => saveBlob(new Blob([scoreRowsToCsv(scoreRows)], { type: 'text/csv' }), `${exportName}.csv`)}>
            Export scores (CSV)
          </button>
        </span>
      </div>
      <div className="flex min-h-0 flex-1">
        <aside className="w-[26rem] shrink-0 space-y-4 overflow-y-auto border-r border-slate-800 p-3" data-testid="analysis-stats">
          <p className="text-sm text-slate-200" data-testid="overall-accuracy">
            Positive ranks first in <strong>{pct(stats.overall.accuracy)}</strong> of {stats.overall.total.toLocaleString()} regions with negatives
          </p>
          <Histogram title="Margin" metric="margin" counts={stats.margin} selected={view.bin} onSelect={(bin) => setView({ bin }, { replace: true })} />
          <Histogram title="p(positive)" metric="p" counts={stats.p} selected={view.bin} onSelect={(bin) => setView({ bin }, { replace: true })} />
          {view.bin && (
            <p className="text-xs text-amber-200">
              Table and gallery show regions with {view.bin.metric === 'margin' ? 'margin' : 'p(positive)'} in [{view.bin.lo.toFixed(2)}, {view.bin.hi.toFixed(2)}).{' '}
              <button type="button" className="underline" onClick={() => setView({ bin: null }, { replace: true })}>Clear</button>
            </p>
          )}
          {stats.fgovd && <FgovdTable types={stats.fgovd.types} total={stats.fgovd.total} />}
          <AccuracyTable title="Accuracy by negative key" label="key" testId="accuracy-by-key" rows={stats.byKey.map((k) => ({ ...k, name: k.key }))} />
          <AccuracyTable title="Accuracy by detector confidence" label="band" testId="accuracy-by-confidence" rows={stats.byConfidence.map((b) => ({ ...b, name: b.label }))} />
          {failures.length > 0 && (
            <details className="text-xs text-amber-200">
              <summary className="cursor-pointer">{failures.length} records not scored</summary>
              <ul className="mt-1 space-y-0.5 text-slate-300">
                {failures.slice(0, 50).map((r) => <li key={r.global}>#{r.global}: {r.failure}</li>)}
              </ul>
            </details>
          )}
        </aside>
        <section className="flex min-w-0 flex-1 flex-col">
          <div className="flex items-center gap-3 px-2 py-1 text-xs text-slate-400">
            <input
              type="search"
              aria-label="Search phrases and negatives"
              placeholder="search phrases and top negatives"
              className="w-64 rounded border border-slate-700 bg-slate-950 px-1.5 py-0.5 text-slate-100 focus:border-sky-500 focus:outline-none"
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <label className="flex items-center gap-1">
              show
              <select aria-label="Outcome" className="rounded border border-slate-700 bg-slate-950 px-1 text-slate-100" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value as RowFilter['outcome'])}>
                <option value="all">all regions</option>
                <option value="fails">a negative wins</option>
                <option value="passes">the positive wins</option>
              </select>
            </label>
            <span data-testid="table-count">{sorted.length.toLocaleString()} of {rows.length.toLocaleString()} regions</span>
          </div>
          <RegionTable rows={sorted} sort={view.sort} onSort={(sort) => setView({ sort }, { replace: true })} onOpen={(row) => setView({ index: row.global, region: row.region })} />
        </section>
      </div>
    </div>
  )
}
