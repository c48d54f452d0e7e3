const shortcuts: [string, string][] = [
  ['j / → ', 'next sample'],
  ['k / ←', 'previous sample'],
  ['Tab / Shift+Tab', 'next / previous region'],
  ['Enter', 'open the focused gallery cell'],
  ['Esc', 'close this sheet, clear the region, back to the gallery'],
  ['wheel / drag', 'zoom / pan the image; double-click fits'],
  ['1 / 2', 'box correct / box wrong (then drag its handles, or b to redraw it)'],
  ['3 / 4', 'phrase correct / phrase wrong (then edit short_expr, long_expr)'],
  ['5 / 6 / 7', 'current negative: true negative / actually true / nonsense'],
  ['↓ / ↑', 'move the current negative'],
  ['t', 'the remaining negatives are true negatives'],
  ['8 / 9', 'caption correct / caption has errors'],
  ['u', 'next unreviewed region (hardest first with a model), then next sample'],
  ['Ctrl+Z / Ctrl+Y', 'undo / redo a decision'],
  ['?', 'this sheet'],
]

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="fixed inset-0 z-30 flex items-center justify-center bg-black/60" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="w-[30rem] rounded-lg border border-slate-600 bg-slate-800 p-5 shadow-2xl" onClick={(e) => e.stopPropagation()}>
        <h2 className="mb-3 text-base font-semibold text-slate-100">Keyboard shortcuts</h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {shortcuts.map(([keys, action]) => (
            <div key={keys} className="contents">
              <dt><kbd className="rounded border border-slate-500 bg-slate-900 px-1.5 font-mono text-xs text-slate-200">{keys}</kbd></dt>
              <dd className="text-slate-300">{action}</dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  )
}
