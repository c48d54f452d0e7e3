import { useCallback, useMemo, useRef, useState } from 'react'
import type { Box, SampleRecord } from '../../formats/types.ts'
import type { DecisionField } from '../../audit/decisions.ts'
import { nextInOrder, reviewOrder } from '../../audit/reviewOrder.ts'
import { useAudit } from '../audit/AuditContext.tsx'
import { RecordReview, recordDecisions } from '../audit/RecordReview.tsx'
import { regionDecisions } from '../audit/RegionVerdicts.tsx'
import { boxText, isRegionDone, reviewedRecord } from '../audit/reviewedRecord.ts'
import { useReviewKeys } from '../audit/useReviewKeys.ts'
import { useRegionMargins } from '../model/useRegionMargins.ts'
import { firstRow, type TableRow } from '../analysis/tableRows.ts'
import type { Dataset } from '../data/dataset.ts'
import { useRecordImage } from '../data/recordImage.ts'
import { useElementSize } from '../components/useElementSize.ts'
import { UntrustedText } from '../components/UntrustedText.tsx'
import { RegionList, type RegionReview } from './RegionList.tsx'
import { CaptionScores } from '../model/CaptionScores.tsx'
import { HeatmapControls, useHeatmap, type HeatmapSettings } from '../model/HeatmapControls.tsx'
import { useLiveScoring } from '../model/useLiveScoring.ts'
import { SampleCanvas } from './SampleCanvas.tsx'

const conventionNote = {
  finehard: 'Boxes: normalised [x1, y1, x2, y2], 0–1 of image width and height (FineHARD bbox; 5th value = detector confidence).',
  fgovd: 'Boxes: FG-OVD pixel [x, y, w, h], converted to normalised [x1, y1, x2, y2] with the record’s width and height.',
}

function Caption({ label, text, testId }: { label: string; text: string | null; testId: string }) {
  return (
    <section>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-400">{label}</h3>
      <p className="mt-1 whitespace-pre-wrap text-sm leading-relaxed text-slate-200" data-testid={testId}>
        <UntrustedText text={text} fallback="(null)" />
      </p>
    </section>
  )
}

export function SampleView(props: {
  dataset: Dataset
  record: SampleRecord
  region: number | null
  onSelectRegion: (index: number | null) => void
  /** Opens the next sample (after the last unreviewed region of this one). */
  onNextSample: () => void
  onOpenRegion: (index: number, region: number) => void
  /** Scored regions of the whole shard: once this sample is done, "next unreviewed" goes to the hardest of them. */
  scoredRows: readonly TableRow[]
  /** The shortcut sheet is open: review keys are off. */
  keysEnabled: boolean
}) {
  const { record } = props
  const { session, slotOf, slotAt } = useAudit()
  const slot = slotOf(record)
  const lookup = useCallback(
    (region: number | null, field: DecisionField) => (slot ? session.get(slot, region, field) : undefined),
    [slot, session],
  )
  const shown = useMemo(() => reviewedRecord(record, lookup), [record, lookup])
  const [hovered, setHovered] = useState<number | null>(null)
  const stageRef = useRef<HTMLDivElement>(null)
  const size = useElementSize(stageRef)
  const image = useRecordImage(props.dataset.id, record.image, props.dataset.catalog)
  const loaded = image.data ?? null
  const imageKey = record.image ? `${props.dataset.id}:${record.image.path}` : null
  const live = useLiveScoring(shown, loaded, imageKey)
  const { manifest, features, regions } = live
  const [drawMode, setDrawMode] = useState(false)
  /** The region whose box the reviewer is redrawing; null: a drawn box is a new what-if region. */
  const [redrawing, setRedrawing] = useState<number | null>(null)
  const [activeNegative, setActiveNegative] = useState<{ region: number | null; key: string | null }>({ region: null, key: null })
  const selected = props.region !== null && props.region < record.regions.length ? props.region : null
  const selectedDecisions = selected === null ? null : regionDecisions(session, slot, record.regions[selected])
  const margins = useRegionMargins(shown.regions, live.scoring)
  const order = useMemo(() => reviewOrder(record.regions.length, margins), [record.regions.length, margins])
  const captions = record.format === 'finehard' ? recordDecisions(session, slot, record) : null
  const boxWrong = (index: number) => lookup(index, 'bbox')?.verdict === 'wrong'

  const startRedraw = () => {
    if (selected === null) return
    setRedrawing(selected)
    setDrawMode(true)
  }
  const onBoxChange = (index: number, box: Box, phase: 'move' | 'end') => {
    if (index >= record.regions.length || !boxWrong(index)) return live.onBoxChange(index, box)
    if (phase === 'move') return live.onBoxChange(index, box)
    live.forgetBox(index)
    regionDecisions(session, slot, record.regions[index]).edit('bbox', boxText(box, record.regions[index].confidence))
  }
  const review: RegionReview = {
    decisionsFor: (index) => (index < record.regions.length ? regionDecisions(session, slot, record.regions[index]) : null),
    activeNegative: activeNegative.region === selected ? activeNegative.key : null,
    onRedraw: startRedraw,
  }
  useReviewKeys(
    {
      region: selectedDecisions,
      activeNegative: review.activeNegative,
      setActiveNegative: (key) => setActiveNegative({ region: selected, key }),
      setCaption: captions?.setCaption ?? null,
      nextUnreviewed: () => {
        const next = nextInOrder(order, selected, (i) => isRegionDone(record.regions[i], lookup))
        if (next !== null && next !== selected) return props.onSelectRegion(next)
        // With whole-shard scores, the hardest region nobody has judged yet, wherever it is.
        const elsewhere = firstRow(props.scoredRows, 'margin', false, (row) => {
          const at = row.global === record.index ? null : slotAt(row.global, row.f_path)
          return at !== null && !session.get(at, row.region, 'bbox')?.verdict && !session.get(at, row.region, 'short_expr')?.verdict
        })
        if (elsewhere) props.onOpenRegion(elsewhere.global, elsewhere.region)
        else props.onNextSample()
      },
      redraw: startRedraw,
      undo: session.undo,
      redo: session.redo,
      disabled: session.status.state !== 'ready' || slot === null,
    },
    props.keysEnabled,
  )
  const [heatmapSettings, setHeatmapSettings] = useState<HeatmapSettings>({ text: '', opacity: 0.5 })
  const shownHeatmap = useHeatmap(heatmapSettings, features.data, manifest)
  const selectedPhrase = props.region === null ? null : (regions[props.region]?.shortExpr ?? null)

  return (
    <div className="flex h-full min-h-0" data-testid="sample-view" data-index={record.index}>
      <div className="flex min-w-0 flex-1 flex-col">
        {manifest && (
          <div className="flex flex-wrap items-center gap-3 border-b border-slate-800 px-3 py-1.5">
            <HeatmapControls settings={heatmapSettings} onChange={setHeatmapSettings} suggestion={selectedPhrase || null} />
            <button
              type="button"
              aria-pressed={drawMode}
              className={`rounded border px-2 py-0.5 text-xs ${drawMode ? 'border-sky-400 bg-sky-900 text-sky-100' : 'border-slate-600 text-slate-300 hover:bg-slate-700'}`}
              onClick={() => setDrawMode((on) => !on)}
            >
              Draw box
            </button>
            {live.edited && (
              <button type="button" className="rounded border border-slate-600 px-2 py-0.5 text-xs text-slate-300 hover:bg-slate-700" onClick={live.reset}>
                Reset edits
              </button>
            )}
            <span className="text-xs text-slate-500">drag or resize the selected box, or edit any text: scores follow</span>
          </div>
        )}
        <div ref={stageRef} className="relative min-h-0 flex-1 bg-slate-950">
          {size.width > 0 && (
            <SampleCanvas
              image={loaded?.element ?? null}
              imageSize={loaded ? { width: loaded.width, height: loaded.height } : null}
              regions={regions}
              hovered={hovered}
              selected={props.region}
              onHover={setHovered}
              onSelect={props.onSelectRegion}
              width={size.width}
              height={size.height}
              editable={manifest !== null || (selected !== null && boxWrong(selected))}
              onBoxChange={onBoxChange}
              drawMode={drawMode}
              onBoxDrawn={(box) => {
                setDrawMode(false)
                if (redrawing !== null) {
                  regionDecisions(session, slot, record.regions[redrawing]).edit('bbox', boxText(box, record.regions[redrawing].confidence))
                  setRedrawing(null)
                } else {
                  live.onBoxDrawn(box)
                  props.onSelectRegion(regions.length)
                }
              }}
              heatmap={shownHeatmap?.heatmap ?? null}
            />
          )}
          {image.isError && (
            <div role="alert" data-testid="image-error" className="absolute left-4 right-16 top-4 rounded-md border border-amber-500/60 bg-amber-950/90 px-3 py-2 text-sm text-amber-100">
              <strong>Image unavailable.</strong> {image.error.message}
            </div>
          )}
          {shownHeatmap && <div data-testid="heatmap-state" className="sr-only" data-text={shownHeatmap.text} />}
          {image.isLoading && <div className="absolute left-4 top-4 text-sm text-slate-400">loading image…</div>}
        </div>
        <p className="border-t border-slate-800 px-3 py-1.5 text-xs text-slate-400" data-testid="box-convention">
          {conventionNote[record.format]}
          {loaded && <span className="ml-2 text-slate-500">· {loaded.width}×{loaded.height} px · {loaded.origin}</span>}
        </p>
      </div>
      <aside className="flex w-[32rem] shrink-0 flex-col gap-4 overflow-y-auto border-l border-slate-800 bg-slate-900 p-4" data-testid="sample-panel">
        <header>
          <h2 className="text-sm font-semibold text-slate-100">
            Record #{record.index}
            {record.isCn && <span className="ml-2 rounded bg-slate-700 px-1.5 text-xs">is_cn</span>}
          </h2>
          <p className="break-all font-mono text-[11px] text-slate-500">{record.fPath ?? '(no f_path)'}</p>
        </header>
        {record.defects.length > 0 && (
          <section role="alert" data-testid="record-defects" className="rounded-md border border-red-500/60 bg-red-950/60 p-3">
            <h3 className="text-sm font-semibold text-red-200">⚠ This record breaks the format</h3>
            <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-red-100">
              {record.defects.map((defect, i) => (
                <li key={i}>{defect.message}</li>
              ))}
            </ul>
          </section>
        )}
        {record.format === 'finehard' ? (
          <>
            <Caption label="Long caption" text={record.caption} testId="long-caption" />
            <Caption label="Short caption" text={record.shortCaption} testId="short-caption" />
            <RecordReview record={record} session={session} slot={slot} />
          </>
        ) : (
          <p className="text-xs text-slate-400">FG-OVD: one region a line, grouped by img_path; pos_expression is the positive, neg_expression the negatives.</p>
        )}
        {manifest && record.format === 'finehard' && (
          <CaptionScores imageEmbedding={features.data?.imageEmbeds ?? null} unavailable={features.isError} caption={record.caption} shortCaption={record.shortCaption} logitScale={manifest.logitScale} />
        )}
        <section>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-400">
            Regions ({record.regions.length}) · short_expr, long_expr, hard negatives
          </h3>
          {features.isError && (
            <p role="alert" data-testid="score-error" className="mb-2 rounded border border-amber-500/60 bg-amber-950/70 px-2 py-1 text-xs text-amber-100">
              Scores unavailable: {features.error.message}
            </p>
          )}
          <RegionList regions={regions} review={review} scoring={live.scoring} hovered={hovered} selected={props.region} onHover={setHovered} onSelect={props.onSelectRegion} />
        </section>
        <details data-testid="raw-view">
          <summary className="cursor-pointer text-xs font-semibold uppercase tracking-wide text-slate-400">Raw record (all fields)</summary>
          <pre className="mt-2 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-950 p-2 font-mono text-[11px] text-slate-300">
            {typeof record.raw === 'string' ? record.raw : JSON.stringify(record.raw, null, 2)}
          </pre>
        </details>
      </aside>
    </div>
  )
}
