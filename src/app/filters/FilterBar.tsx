import { useEffect, useState } from 'react'
import type { RecordFilter } from '../../formats/recordFilter.ts'
import type { FilterProgress } from '../data/records.ts'

const inputClass = 'w-16 rounded border border-slate-600 bg-slate-900 px-1.5 py-0.5 text-sm text-slate-100'

function NumberField(props: { label: string; value: number | null; step?: number; onChange: (value: number | null) => void }) {
  return (
    <label className="flex items-center gap-1 text-xs text-slate-400">
      {props.label}
      <input
        type="number"
        aria-label={props.label}
        className={inputClass}
        step={props.step ?? 1}
        min={0}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.currentTarget.value === '' ? null : Number(e.currentTarget.value))}
      />
    </label>
  )
}

/** Filters write straight into the URL; the text box waits for a pause in typing first. */
export function FilterBar(props: {
  filter: RecordFilter
  onChange: (filter: RecordFilter) => void
  total: number
  matches: number | null
  scanning: boolean
  progress: FilterProgress | null
}) {
  const { filter, onChange } = props
  const [text, setText] = useState(filter.text)
  useEffect(() => setText(filter.text), [filter.text])
  useEffect(() => {
    if (text === filter.text) return
    const timer = setTimeout(() => onChange({ ...filter, text }), 250)
    return () => clearTimeout(timer)
  }, [text, filter, onChange])
  const set = (patch: Partial<RecordFilter>) => onChange({ ...filter, ...patch })

  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-slate-800 px-3 py-2" data-testid="filter-bar">
      <input
        type="search"
        placeholder="Search captions, region phrases, negatives…"
        aria-label="Search"
        className="w-80 rounded border border-slate-600 bg-slate-900 px-2 py-1 text-sm text-slate-100"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <label className="flex items-center gap-1 text-xs text-slate-300">
        <input type="checkbox" checked={filter.hasNegatives} onChange={(e) => set({ hasNegatives: e.currentTarget.checked })} />
        has negatives
      </label>
      <NumberField label="boxes ≥" value={filter.minBoxes} onChange={(minBoxes) => set({ minBoxes })} />
      <NumberField label="≤" value={filter.maxBoxes} onChange={(maxBoxes) => set({ maxBoxes })} />
      <NumberField label="confidence ≥" step={0.05} value={filter.minConfidence} onChange={(minConfidence) => set({ minConfidence })} />
      <NumberField label="≤" step={0.05} value={filter.maxConfidence} onChange={(maxConfidence) => set({ maxConfidence })} />
      <label className="flex items-center gap-1 text-xs text-slate-300">
        <input type="checkbox" checked={filter.invalidOnly} onChange={(e) => set({ invalidOnly: e.currentTarget.checked })} />
        invalid records only
      </label>
      <span className="ml-auto text-xs tabular-nums text-slate-400" data-testid="match-count">
        {props.matches === null
          ? `${props.total.toLocaleString()} records`
          : `${props.matches.toLocaleString()} of ${props.total.toLocaleString()} match`}
        {props.scanning && props.progress && ` · scanning ${props.progress.scanned.toLocaleString()} (${props.progress.matches.toLocaleString()} so far)`}
        {props.scanning && !props.progress && ' · scanning…'}
      </span>
    </div>
  )
}
