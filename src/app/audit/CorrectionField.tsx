import { TextDiff } from './TextDiff.tsx'

/**
 * An editable copy of a text from the file. Every keystroke is a decision (saved at once);
 * the diff against the file's text shows what changed.
 */
export function CorrectionField(props: { label: string; original: string | null; value: string | null; rows?: number; onChange: (text: string) => void }) {
  const original = props.original ?? ''
  const value = props.value ?? original
  return (
    <label className="block text-xs text-slate-400">
      {props.label}
      <textarea
        className="mt-0.5 block w-full resize-y rounded border border-slate-600 bg-slate-950 px-1.5 py-1 text-sm text-slate-100 focus:border-sky-500 focus:outline-none"
        rows={props.rows ?? 1}
        value={value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      />
      <TextDiff before={original} after={value} />
    </label>
  )
}
