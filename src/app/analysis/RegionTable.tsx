import { useVirtualizer } from '@tanstack/react-virtual'
import { useRef } from 'react'
import { UntrustedText } from '../components/UntrustedText.tsx'
import type { SortColumn, ViewState } from '../viewState.ts'
import type { TableRow } from './tableRows.ts'

const columns: { id: SortColumn | null; label: string; width: string; title?: string }[] = [
  { id: 'record', label: 'record · region', width: 'w-28' },
  { id: null, label: 'phrase (positive)', width: 'flex-1 min-w-0' },
  { id: 'p', label: 'p(pos)', width: 'w-16', title: 'softmax probability of the positive at s = 100' },
  { id: 'rank', label: 'rank', width: 'w-12' },
  { id: 'margin', label: 'margin', width: 'w-16', title: 'cos(positive) − max cos(negative)' },
  { id: 'confidence', label: 'conf', width: 'w-12', title: 'detector confidence' },
  { id: 'top', label: 'top negative', width: 'flex-1 min-w-0' },
]

const rowHeight = 30

/** The scored regions, virtualised (a shard has hundreds of thousands), sortable by any number. */
export function RegionTable(props: { rows: readonly TableRow[]; sort: ViewState['sort']; onSort: (sort: ViewState['sort']) => void; onOpen: (row: TableRow) => void }) {
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: props.rows.length, getScrollElement: () => scroller.current, estimateSize: () => rowHeight, overscan: 12 })
  return (
    <div role="table" aria-label="Scored regions" aria-rowcount={props.rows.length + 1} className="flex min-h-0 flex-1 flex-col text-xs" data-testid="region-table">
      <div role="row" className="flex shrink-0 gap-2 border-b border-slate-700 px-2 py-1 text-slate-400">
        {columns.map((column) => {
          const active = column.id !== null && props.sort.column === column.id
          return (
            <div key={column.label} role="columnheader" className={column.width} title={column.title} aria-sort={active ? (props.sort.descending ? 'descending' : 'ascending') : undefined}>
              {column.id ? (
                <button
                  type="button"
                  className={`hover:text-white ${active ? 'text-sky-300' : ''}`}
                  onClick={() => props.onSort({ column: column.id as SortColumn, descending: active ? !props.sort.descending : false })}
                >
                  {column.label} {active ? (props.sort.descending ? '▼' : '▲') : ''}
                </button>
              ) : (
                column.label
              )}
            </div>
          )
        })}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="region-table-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = props.rows[item.index]
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                tabIndex={0}
                data-testid="table-row"
                data-record={row.global}
                data-region={row.region}
                data-margin={row.margin ?? undefined}
                data-p={row.p_positive}
                className="absolute left-0 flex w-full cursor-pointer items-center gap-2 border-b border-slate-800 px-2 hover:bg-slate-800 focus:bg-slate-800 focus:outline-none"
                style={{ top: item.start, height: rowHeight }}
                onClick={() => props.onOpen(row)}
                onKeyDown={(e) => e.key === 'Enter' && props.onOpen(row)}
              >
                <div role="cell" className="w-28 font-mono text-slate-400">#{row.global} · {row.region}</div>
                <div role="cell" className="min-w-0 flex-1 truncate text-slate-100"><UntrustedText text={row.phrase} fallback="" /></div>
                <div role="cell" className="w-16 text-right tabular-nums">{(row.p_positive * 100).toFixed(1)}%</div>
                <div role="cell" className={`w-12 text-right tabular-nums ${row.passes ? 'text-emerald-300' : 'text-red-300'}`}>{row.rank}/{row.negatives + 1}</div>
                <div role="cell" className={`w-16 text-right tabular-nums ${row.margin !== null && row.margin <= 0 ? 'text-red-300' : 'text-slate-200'}`}>{row.margin === null ? '—' : row.margin.toFixed(3)}</div>
                <div role="cell" className="w-12 text-right tabular-nums text-slate-400">{row.confidence === null ? '—' : row.confidence.toFixed(2)}</div>
                <div role="cell" className="min-w-0 flex-1 truncate text-slate-300" title={row.topText ?? ''}>
                  {row.top_negative_key !== null && <span className="mr-1 font-mono text-[10px] text-slate-500">{row.top_negative_key}</span>}
                  <UntrustedText text={row.topText} fallback="" />
                </div>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
