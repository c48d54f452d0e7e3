/**
 * The sample's image with its region boxes and labels on a Konva stage: fitted (contain) and
 * centred, wheel zoom around the pointer, drag to pan, double-click or "Fit" to reset. Hover and
 * selection are owned by the parent, which links them to its region list.
 */
import { useMemo, type ReactNode } from 'react'
import { Group, Image as KonvaImage, Layer, Rect, Stage } from 'react-konva'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Region } from '../../formats/types.ts'
import { drawnBoxes, fitContain, PLACEHOLDER_SIZE, type DrawnBox } from './boxGeometry.ts'
import { BoxLabels } from './BoxLabels.tsx'
import { RegionBox, RegionHighlight } from './RegionBox.tsx'
import { useStageZoom } from './useStageZoom.ts'

export interface SampleCanvasProps {
  image: HTMLImageElement | ImageBitmap | null
  /** Natural pixel size; null when the image failed, and boxes go on a neutral 4:3 placeholder. */
  imageSize: { width: number; height: number } | null
  regions: Region[]
  hovered: number | null
  selected: number | null
  onHover: (index: number | null) => void
  onSelect: (index: number | null) => void
  /** The stage's CSS size; the parent measures its container. */
  width: number
  height: number
  /** Konva nodes drawn above the image in natural image pixels (e.g. a heatmap). */
  overlay?: ReactNode
}

// Neutral mid grey while the image loads or after it failed (the parent says which).
const PLACEHOLDER_FILL = '#a1a1aa'

// The Fit button's corner (top-right, with margin), which labels must not hide under.
const FIT_BUTTON_ZONE = { width: 52, height: 34 }

// Big boxes first so smaller ones, often nested inside, stay on top and remain hoverable.
function byAreaDescending(a: DrawnBox, b: DrawnBox): number {
  return b.rect.width * b.rect.height - a.rect.width * a.rect.height
}

/** Hidden list of the drawn boxes in stage pixels (after fit, before zoom), for e2e tests. */
function BoxList({ boxes }: { boxes: readonly DrawnBox[] }) {
  const px = (v: number) => v.toFixed(2)
  return (
    <ul data-testid="box-list" className="sr-only">
      {boxes.map(({ index, rect, shortExpr }) => (
        <li key={index} data-region={index} data-x={px(rect.x)} data-y={px(rect.y)} data-w={px(rect.width)}
          data-h={px(rect.height)}>
          {`Region ${index}: ${shortExpr ?? ''}`}
        </li>
      ))}
    </ul>
  )
}

export function SampleCanvas(props: SampleCanvasProps) {
  const { image, imageSize, regions, hovered, selected, onHover, onSelect, width, height, overlay } = props
  const { width: naturalWidth, height: naturalHeight } = imageSize ?? PLACEHOLDER_SIZE
  const stage = useMemo(() => ({ width, height }), [width, height])
  // Keyed on numbers, not the imageSize object, which a parent may rebuild on every render.
  const fit = useMemo(
    () => fitContain({ width: naturalWidth, height: naturalHeight }, stage),
    [naturalWidth, naturalHeight, stage],
  )
  const { view, onWheel, dragBoundFunc, onDragEnd, fit: resetView } = useStageZoom(fit, stage, [
    image,
    fit.x,
    fit.y,
    fit.width,
    fit.height,
  ])

  const reserved = useMemo(
    () => [{ x: width - FIT_BUTTON_ZONE.width, y: 0, ...FIT_BUTTON_ZONE }],
    [width],
  )
  const boxes = useMemo(() => drawnBoxes(regions, fit), [regions, fit])
  const hitOrder = useMemo(() => [...boxes].sort(byAreaDescending), [boxes])
  const emphasised = boxes.filter((box) => box.index === hovered || box.index === selected)

  const clearSelection = (e: KonvaEventObject<MouseEvent | TouchEvent>) => {
    if (e.target === e.target.getStage()) onSelect(null)
  }

  return (
    <div data-testid="sample-canvas" className="relative overflow-hidden" style={{ width, height }}>
      <Stage
        width={width}
        height={height}
        x={view.x}
        y={view.y}
        scaleX={view.zoom}
        scaleY={view.zoom}
        draggable
        dragBoundFunc={dragBoundFunc}
        onDragEnd={onDragEnd}
        onWheel={onWheel}
        onClick={clearSelection}
        onTap={clearSelection}
        onDblClick={resetView}
        onDblTap={resetView}
      >
        <Layer listening={false}>
          {image ? (
            <KonvaImage image={image} x={fit.x} y={fit.y} width={fit.width} height={fit.height} perfectDrawEnabled={false} />
          ) : (
            <Rect x={fit.x} y={fit.y} width={fit.width} height={fit.height} fill={PLACEHOLDER_FILL} />
          )}
          {overlay && (
            <Group x={fit.x} y={fit.y} scaleX={fit.scale} scaleY={fit.scale}>
              {overlay}
            </Group>
          )}
        </Layer>
        <Layer>
          {hitOrder.map((box) => (
            <RegionBox key={box.index} box={box} emphasised={box.index === hovered || box.index === selected}
              dimmed={selected !== null && box.index !== selected && box.index !== hovered}
              onHover={onHover} onSelect={onSelect} />
          ))}
        </Layer>
        <Layer listening={false}>
          {emphasised.map((box) => (
            <RegionHighlight key={box.index} box={box} />
          ))}
          <BoxLabels boxes={boxes} hovered={hovered} selected={selected} view={view} stage={stage}
            reserved={reserved} />
        </Layer>
      </Stage>
      <button
        type="button"
        onClick={resetView}
        title="Fit the image to the view (or double-click the image)"
        className="absolute top-2 right-2 rounded bg-black/60 px-2 py-0.5 text-xs text-white hover:bg-black/80 focus-visible:outline-2 focus-visible:outline-white"
      >
        Fit
      </button>
      <BoxList boxes={boxes} />
    </div>
  )
}
