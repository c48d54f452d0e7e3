/**
 * The sample's image with its region boxes and labels on a Konva stage: fitted (contain) and
 * centred, wheel zoom around the pointer, drag to pan, double-click or "Fit" to reset. Hover and
 * selection are owned by the parent, which links them to its region list. Optionally the
 * selected box can be moved and resized, new boxes drawn, and a similarity heatmap shown; the
 * parent owns the boxes and gets every change as a normalised box.
 */
import { useCallback, useMemo, useRef, type ReactNode } from 'react'
import { Group, Image as KonvaImage, Layer, Rect, Stage } from 'react-konva'
import type Konva from 'konva'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Box, Region } from '../../formats/types.ts'
import { drawnBoxes, fitContain, imageTransform, PLACEHOLDER_SIZE, type DrawnBox } from './boxGeometry.ts'
import { BoxEditHandles, BoxEditTarget, type BoxChangePhase } from './BoxEditor.tsx'
import { BoxLabels } from './BoxLabels.tsx'
import { DrawingBand } from './DrawingBand.tsx'
import { HeatmapImage, HeatmapPeak } from './HeatmapImage.tsx'
import type { Heatmap } from './heatmapGrid.ts'
import { RegionBox, RegionHighlight } from './RegionBox.tsx'
import { useBoxDrawing } from './useBoxDrawing.ts'
import { useStageZoom } from './useStageZoom.ts'

export type { Heatmap } from './heatmapGrid.ts'

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
  /** Konva nodes drawn above the image (and heatmap) in natural image pixels. */
  overlay?: ReactNode
  /** The selected region's box can be dragged and resized by its handles. */
  editable?: boolean
  /** While editing: 'move' on every pointer move, 'end' once on release; always clamped to the image. */
  onBoxChange?: (index: number, box: Box, phase: BoxChangePhase) => void
  /** Press-drag on the image draws a new box instead of panning. */
  drawMode?: boolean
  /** A box drawn in draw mode, on release (clicks that barely move are ignored). */
  onBoxDrawn?: (box: Box) => void
  /** A G×G similarity map stretched over the image, under the boxes. */
  heatmap?: Heatmap | null
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

/** The selected region's box when it can be edited: drawn (finite corners) and reported to someone. */
function editTarget(
  regions: readonly Region[],
  boxes: readonly DrawnBox[],
  selected: number | null,
  onChange: SampleCanvasProps['onBoxChange'],
) {
  const box = regions.find((r) => r.index === selected)?.box
  if (selected === null || !box || !onChange || !boxes.some((b) => b.index === selected)) return null
  return { index: selected, box, onChange }
}

export function SampleCanvas(props: SampleCanvasProps) {
  const { image, imageSize, regions, hovered, selected, onHover, onSelect, width, height, overlay, heatmap } = props
  const { editable = false, onBoxChange, drawMode = false, onBoxDrawn } = props
  const { width: naturalWidth, height: naturalHeight } = imageSize ?? PLACEHOLDER_SIZE
  const stage = useMemo(() => ({ width, height }), [width, height])
  const natural = useMemo(() => ({ width: naturalWidth, height: naturalHeight }), [naturalWidth, naturalHeight])
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

  // The click that ends a drawing arrives after draw mode may already be off: it must not deselect.
  const drawingEnded = useRef(false)
  const onDrawn = useCallback(
    (box: Box) => {
      drawingEnded.current = true
      onBoxDrawn?.(box)
    },
    [onBoxDrawn],
  )
  const drawing = useBoxDrawing({ enabled: drawMode, fit, view, image: natural, onBoxDrawn: onDrawn })
  const editTargetRef = useRef<Konva.Rect>(null)
  const edit = editTarget(regions, boxes, editable && !drawMode ? selected : null, onBoxChange)

  const clearSelection = (e: KonvaEventObject<MouseEvent | TouchEvent>) => {
    // In draw mode a release on the stage ends a drawing; it must not drop the selection.
    const endsDrawing = drawingEnded.current
    drawingEnded.current = false
    if (!drawMode && !endsDrawing && e.target === e.target.getStage()) onSelect(null)
  }

  return (
    <div data-testid="sample-canvas" className="relative overflow-hidden"
      style={{ width, height, cursor: drawMode ? 'crosshair' : undefined }}>
      <Stage
        width={width}
        height={height}
        x={view.x}
        y={view.y}
        scaleX={view.zoom}
        scaleY={view.zoom}
        // A dragged box or handle keeps the stage still by itself (Konva drags one node at a time).
        draggable={!drawMode}
        dragBoundFunc={dragBoundFunc}
        onDragEnd={onDragEnd}
        onWheel={onWheel}
        onPointerDown={drawing.onPointerDown}
        onClick={clearSelection}
        onTap={clearSelection}
        onDblClick={resetView}
        onDblTap={resetView}
      >
        <Layer listening={false} imageSmoothingEnabled>
          {image ? (
            <KonvaImage image={image} x={fit.x} y={fit.y} width={fit.width} height={fit.height} perfectDrawEnabled={false} />
          ) : (
            <Rect x={fit.x} y={fit.y} width={fit.width} height={fit.height} fill={PLACEHOLDER_FILL} />
          )}
          {(heatmap || overlay) && (
            <Group {...imageTransform(fit)}>
              {heatmap && <HeatmapImage heatmap={heatmap} image={natural} />}
              {overlay}
            </Group>
          )}
        </Layer>
        {/* In draw mode presses reach the stage whatever box is under them. */}
        <Layer listening={!drawMode}>
          {hitOrder.flatMap((box) => {
            const regionBox = (
              <RegionBox key={box.index} box={box} emphasised={box.index === hovered || box.index === selected}
                dimmed={selected !== null && box.index !== selected && box.index !== hovered}
                onHover={onHover} onSelect={onSelect} />
            )
            // The edit target sits right above its box, under the smaller boxes drawn after it.
            return box.index === edit?.index
              ? [regionBox, <BoxEditTarget key="edit-target" {...edit} image={natural} fit={fit}
                  nodeRef={editTargetRef} onHover={onHover} />]
              : [regionBox]
          })}
        </Layer>
        <Layer listening={false}>
          {emphasised.map((box) => (
            <RegionHighlight key={box.index} box={box} />
          ))}
          <BoxLabels boxes={boxes} hovered={hovered} selected={selected} view={view} stage={stage}
            reserved={reserved} />
          {drawing.band && <DrawingBand rect={drawing.band} fit={fit} />}
        </Layer>
        {edit && (
          <Layer>
            <BoxEditHandles nodeRef={editTargetRef} image={natural} />
          </Layer>
        )}
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
      {heatmap && <HeatmapPeak heatmap={heatmap} />}
    </div>
  )
}
