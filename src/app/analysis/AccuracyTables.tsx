import type { Accuracy } from '../../analysis/aggregate.ts'

const pct = (a: Accuracy) => (a.accuracy === null ? '—' : `${(a.accuracy * 100).toFixed(1)}%`)

/** Accuracy per group as a small table: group, regions, solved share with a bar. */
export function AccuracyTable(props: { title: string; label: string; rows: (Accuracy & { name: string })[]; testId: string }) {
  return (
    <table className="w-full text-xs" data-testid={props.testId}>
      <caption className="mb-1 text-left font-semibold uppercase tracking-wide text-slate-400">{props.title}</caption>
      <thead>
        <tr className="text-left text-slate-500">
          <th className="font-normal">{props.label}</th>
          <th className="text-right font-normal">regions</th>
          <th className="w-32 text-right font-normal">accuracy</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={row.name} className="border-t border-slate-800">
            <td className="py-0.5 font-mono text-slate-300">{row.name}</td>
            <td className="text-right tabular-nums text-slate-400">{row.total.toLocaleString()}</td>
            <td className="relative text-right tabular-nums text-slate-100">
              <span className="absolute inset-y-0.5 left-0 rounded-sm bg-emerald-600/40" style={{ width: `${(row.accuracy ?? 0) * 100}%` }} aria-hidden />
              <span className="relative pr-1">{pct(row)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** FG-OVD per test_type laid out as in the FG-CLIP paper: one row, a column per test type. */
export function FgovdTable(props: { types: (Accuracy & { test_type: string })[]; total: Accuracy }) {
  return (
    <table className="w-full text-xs" data-testid="fgovd-table">
      <caption className="mb-1 text-left font-semibold uppercase tracking-wide text-slate-400">FG-OVD accuracy by test_type (positive has the highest score)</caption>
      <thead>
        <tr className="text-slate-500">
          <th className="text-left font-normal">model</th>
          {props.types.map((t) => <th key={t.test_type} className="px-1 text-right font-mono font-normal">{t.test_type}</th>)}
          <th className="text-right font-normal">all</th>
        </tr>
      </thead>
      <tbody>
        <tr className="border-t border-slate-800 text-slate-100">
          <td className="py-0.5 text-slate-300">this model</td>
          {props.types.map((t) => <td key={t.test_type} className="px-1 text-right tabular-nums" title={`${t.solved} of ${t.total}`}>{pct(t)}</td>)}
          <td className="text-right font-semibold tabular-nums">{pct(props.total)}</td>
        </tr>
      </tbody>
    </table>
  )
}
