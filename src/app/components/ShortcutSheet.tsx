const shortcuts: [string, string][] = [
  ['j / → ', 'next sample'],
  ['k / ←', 'previous sample'],
  ['Tab / Shift+Tab', 'next / previous region'],
  ['Enter', 'open the focused gallery cell'],
  ['Esc', 'close this sheet, clear the region, back to the gallery'],
  ['wheel / drag', 'zoom / pan the image; double-click fits'],
  ['?', 'this sheet'],
]

export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  return (
    <div className="fixed inset-0 z-30 flex items-center justify-center bg-black/60" onClick={onClose}>
      <div role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" className="w-96 rounded-lg border border-slate-600 bg-slate-800 p-5 shadow-2xl" onClick={(e) => e.stopPropagation()}>
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
