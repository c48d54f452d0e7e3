export type VerdictTone = 'good' | 'bad' | 'warn'

const pressedStyle: Record<VerdictTone, string> = {
  good: 'border-emerald-400 bg-emerald-700 text-emerald-50',
  bad: 'border-red-400 bg-red-700 text-red-50',
  warn: 'border-amber-400 bg-amber-700 text-amber-50',
}

/** A verdict as a toggle button: its state is `aria-pressed`, its name the verdict itself. */
export function VerdictToggle(props: { label: string; pressed: boolean; tone: VerdictTone; shortcut?: string; disabled?: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={props.pressed}
      aria-keyshortcuts={props.shortcut}
      disabled={props.disabled}
      title={props.shortcut ? `${props.label} (key ${props.shortcut})` : props.label}
      onClick={props.onToggle}
      className={`rounded border px-1.5 py-0.5 text-[11px] leading-4 transition-colors disabled:opacity-40 ${
        props.pressed ? pressedStyle[props.tone] : 'border-slate-600 text-slate-300 hover:bg-slate-700'
      }`}
    >
      {props.label}
    </button>
  )
}
