import { useEffect, useMemo, useRef } from 'react'
import type { Region } from '../../formats/types.ts'
import { UntrustedText } from '../components/UntrustedText.tsx'
import { INVERTED_STROKE, regionColor } from './regionColors.ts'
import { RegionScores, type ScoredText } from '../model/RegionScores.tsx'
import { NegativeVerdicts, RegionVerdicts, type RegionDecisions } from '../audit/RegionVerdicts.tsx'
import { ReviewBadges } from '../audit/ReviewBadges.tsx'

/** The reviewer's side of the list: decisions per region of the file, the keyboard's current negative. */
export interface RegionReview {
  decisionsFor: (index: number) => RegionDecisions | null
  activeNegative: string | null
  onRedraw: () => void
}

/** Present when a model is loaded: each region's feature, the softmax scale, and text edits. */
export interface RegionScoring {
  features: (Float32Array | null)[]
  scale: number
  edits: Record<string, string>
  onEdit: (region: number, key: string, text: string) => void
}

function scoredTexts(region: Region, edits: Record<string, string>): ScoredText[] {
  const entry = (key: string, text: string): ScoredText => {
    const edited = edits[`${region.index}/${key}`]
    return { key, text: edited ?? text, edited: edited !== undefined && edited !== text }
  }
  return [entry('positive', region.shortExpr ?? ''), ...region.negatives.map((n) => entry(n.key, n.text))]
}

function formatBox(region: Region): string {
  if (!Array.isArray(region.rawBbox)) return String(JSON.stringify(region.rawBbox) ?? 'missing')
  return `[${region.rawBbox.map((v) => (typeof v === 'number' ? v.toFixed(3) : JSON.stringify(v))).join(', ')}]`
}

function RegionRow(props: {
  region: Region
  review: RegionReview | null
  scoring: RegionScoring | null
  hovered: boolean
  selected: boolean
  onHover: (index: number | null) => void
  onSelect: (index: number | null) => void
}) {
  const { region } = props
  const ref = useRef<HTMLLIElement>(null)
  useEffect(() => {
    if (props.selected) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [props.selected])
  const edits = props.scoring?.edits
  const texts = useMemo(() => scoredTexts(region, edits ?? {}), [region, edits])
  const broken = region.defects.length > 0
  const color = broken ? INVERTED_STROKE : regionColor(region.index).stroke
  const decisions = props.review?.decisionsFor(region.index) ?? null
  const reviewing = props.selected && decisions !== null
  const negativeExtra = reviewing
    ? (key: string) => <NegativeVerdicts negativeKey={key} decisions={decisions} active={props.review?.activeNegative === key} />
    : undefined
  return (
    <li
      ref={ref}
      tabIndex={0}
      data-testid="region-row"
      data-region={region.index}
      data-hovered={props.hovered || undefined}
      data-selected={props.selected || undefined}
      aria-selected={props.selected}
      onMouseEnter={() => props.onHover(region.index)}
      onMouseLeave={() => props.onHover(null)}
      onFocus={() => props.onSelect(region.index)}
      onClick={() => props.onSelect(region.index)}
      className={`cursor-pointer rounded-md border-l-4 px-3 py-2 outline-none transition-colors ${
        props.selected ? 'bg-slate-700' : props.hovered ? 'bg-slate-800' : 'bg-slate-900'
      } focus-visible:ring-2 focus-visible:ring-sky-400`}
      style={{ borderLeftColor: color }}
    >
      <div className="flex items-baseline gap-2">
        <span className="font-mono text-xs text-slate-400">{region.index}</span>
        <span className="font-medium text-slate-100" data-testid="short-expr"><UntrustedText text={region.shortExpr} fallback="(no short_expr)" /></span>
        {decisions && <ReviewBadges state={decisions.state} negatives={region.negatives.length} />}
        <span className="ml-auto shrink-0 font-mono text-xs text-slate-400" title="detector confidence (5th bbox value)">
          {region.confidence === null ? 'conf —' : `conf ${region.confidence.toFixed(2)}`}
        </span>
      </div>
      <p className="mt-0.5 text-sm text-slate-300" data-testid="long-expr"><UntrustedText text={region.longExpr} fallback="(no long_expr)" /></p>
      <p className="mt-0.5 font-mono text-[11px] text-slate-500">bbox {formatBox(region)}</p>
      {Object.keys(region.extra).length > 0 && (
        <p className="mt-0.5 break-all font-mono text-[11px] text-slate-500" data-testid="region-extra">
          {Object.entries(region.extra).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(' · ')}
        </p>
      )}
      {region.defects.length > 0 && (
        <ul className="mt-1 space-y-0.5" data-testid="region-defects">
          {region.defects.map((defect, i) => (
            <li key={i} className="text-xs text-red-300">⚠ {defect.message}</li>
          ))}
        </ul>
      )}
      {reviewing && props.review && <RegionVerdicts region={decisions.original} decisions={decisions} onRedraw={props.review.onRedraw} />}
      {props.scoring && region.shortExpr !== null ? (
        <RegionScores
          regionIndex={region.index}
          feature={props.scoring.features[region.index] ?? null}
          texts={texts}
          scale={props.scoring.scale}
          onEdit={(key, text) => props.scoring?.onEdit(region.index, key, text)}
          negativeExtra={negativeExtra}
        />
      ) : region.negatives.length > 0 ? (
        <table className="mt-1.5 w-full text-sm" data-testid="negatives">
          <tbody>
            {region.negatives.map((negative) => (
              <tr key={negative.key} className="align-baseline">
                <td className="w-px whitespace-nowrap pr-2 font-mono text-[11px] text-slate-500">{negative.key}</td>
                <td className="text-slate-300">
                  <span data-testid="negative"><UntrustedText text={negative.text} fallback="" /></span>
                  {negativeExtra?.(negative.key)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-1 text-xs text-slate-500">no hard negatives (flag_short_neg {region.flagShortNeg ?? '—'})</p>
      )}
    </li>
  )
}

export function RegionList(props: {
  regions: Region[]
  review: RegionReview | null
  scoring: RegionScoring | null
  hovered: number | null
  selected: number | null
  onHover: (index: number | null) => void
  onSelect: (index: number | null) => void
}) {
  if (props.regions.length === 0) return <p className="text-sm text-slate-400">No regions (bbox_info is empty or missing).</p>
  return (
    <ul className="space-y-2" data-testid="region-list">
      {props.regions.map((region) => (
        <RegionRow
          key={region.index}
          region={region}
          review={props.review}
          scoring={props.scoring}
          hovered={props.hovered === region.index}
          selected={props.selected === region.index}
          onHover={props.onHover}
          onSelect={props.onSelect}
        />
      ))}
    </ul>
  )
}
