import type { Dataset } from '../data/dataset.ts'
import { useRecord } from '../data/records.ts'
import { useRecordImage } from '../data/recordImage.ts'
import { INVERTED_STROKE, regionColor } from '../sample/regionColors.ts'
import type { SampleRecord } from '../../formats/types.ts'
import { UntrustedText } from '../components/UntrustedText.tsx'
import { useAudit } from '../audit/AuditContext.tsx'
import { isRegionDone } from '../audit/reviewedRecord.ts'

/** How far the record's review is: regions done (box, phrase, every negative) of all. */
function ReviewMark({ record }: { record: SampleRecord }) {
  const { session, slotOf } = useAudit()
  const slot = slotOf(record)
  if (!slot || record.regions.length === 0) return null
  const done = record.regions.filter((region) => isRegionDone(region, (r, field) => session.get(slot, r, field))).length
  if (done === 0) return null
  const all = done === record.regions.length
  return (
    <span className={`absolute bottom-1 right-1 rounded px-1.5 text-xs font-medium ${all ? 'bg-emerald-700 text-emerald-50' : 'bg-black/70 text-slate-100'}`} data-testid="review-mark" title={`${done} of ${record.regions.length} regions reviewed`}>
      {all ? '✓ reviewed' : `reviewed ${done}/${record.regions.length}`}
    </span>
  )
}

const thumbHeight = 150

function BoxOverlay({ record, aspect }: { record: SampleRecord; aspect: number }) {
  return (
    <svg viewBox={`0 0 ${aspect} 1`} preserveAspectRatio="none" className="pointer-events-none absolute inset-0 h-full w-full">
      {record.regions.map((region) => {
        const box = region.box
        if (!box) return null
        const x = Math.min(box.x1, box.x2) * aspect
        const y = Math.min(box.y1, box.y2)
        const broken = region.defects.length > 0
        return (
          <rect
            key={region.index}
            x={x}
            y={y}
            width={Math.abs(box.x2 - box.x1) * aspect}
            height={Math.abs(box.y2 - box.y1)}
            fill="none"
            stroke={broken ? INVERTED_STROKE : regionColor(region.index).stroke}
            strokeWidth={2}
            strokeDasharray={broken ? '4 3' : undefined}
            vectorEffect="non-scaling-stroke"
          />
        )
      })}
    </svg>
  )
}

export function GalleryCell(props: { dataset: Dataset; index: number; total: number; width: number; onOpen: (index: number) => void }) {
  const { record } = useRecord(props.dataset, props.index, props.total)
  const image = useRecordImage(props.dataset.id, record?.image ?? null, props.dataset.catalog)
  const loaded = image.data
  const aspect = loaded ? loaded.width / loaded.height : 4 / 3
  const broken = (record?.defects.length ?? 0) > 0
  return (
    <button
      type="button"
      onClick={() => props.onOpen(props.index)}
      data-testid="gallery-cell"
      data-index={props.index}
      data-invalid={broken ? 'true' : undefined}
      className={`flex shrink-0 flex-col overflow-hidden rounded-md border bg-slate-800 text-left hover:border-sky-400 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${broken ? 'border-red-500/70' : 'border-slate-700'}`}
      style={{ width: props.width }}
      title={record?.shortCaption ?? undefined}
    >
      <div className="relative flex w-full items-center justify-center bg-slate-950" style={{ height: thumbHeight }}>
        <div className="relative max-h-full max-w-full" style={{ aspectRatio: `${aspect}`, height: Math.min(thumbHeight, props.width / aspect) }}>
          {loaded ? (
            <img src={loaded.src} alt="" className="h-full w-full" draggable={false} />
          ) : (
            <div className="flex h-full w-full items-center justify-center bg-slate-800 text-xs text-slate-400" title={image.error?.message}>
              {image.isError ? 'no image' : 'loading…'}
            </div>
          )}
          {record && <BoxOverlay record={record} aspect={aspect} />}
        </div>
        <span className="absolute left-1 top-1 rounded bg-black/70 px-1.5 text-xs tabular-nums text-slate-100">#{props.index}</span>
        {record && (
          <span className="absolute right-1 top-1 rounded bg-black/70 px-1.5 text-xs text-slate-100" data-testid="region-count">
            {record.regions.length} {record.regions.length === 1 ? 'region' : 'regions'}
          </span>
        )}
        {record && <ReviewMark record={record} />}
        {broken && (
          <span className="absolute bottom-1 left-1 rounded bg-red-600 px-1.5 text-xs font-medium text-white" title={record?.defects.map((d) => d.message).join('\n')}>
            ⚠ {record?.defects.length} {record?.defects.length === 1 ? 'defect' : 'defects'}
          </span>
        )}
      </div>
      <div className="line-clamp-3 h-[4.5em] px-2 py-1 text-xs leading-[1.5em] text-slate-300">
        {record && <UntrustedText text={record.shortCaption ?? record.caption} fallback="(no caption)" />}
      </div>
    </button>
  )
}
