/**
 * The label tags of the boxes: laid out in screen pixels by `layoutLabels` (so they never overlap
 * and stay on the stage), then drawn in stage coordinates scaled by 1/zoom, which keeps them the
 * same size on screen at any zoom.
 */
import { useCallback, useMemo } from 'react'
import { Group, Rect, Text } from 'react-konva'
import type { DrawnBox, Rect as RectShape, Size } from './boxGeometry.ts'
import { layoutLabels, type LabelRequest, type LabelStyle } from './labelLayout.ts'
import { HALO_STROKE, INVERTED_STROKE, regionColor } from './regionColors.ts'
import { useTextMeasure } from './useTextMeasure.ts'
import type { StageView } from './useStageZoom.ts'

const FONT_SIZE = 12
const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif'
const LABEL_STYLE: LabelStyle = { height: 18, padX: 4, maxWidth: 200, minBoxForText: { width: 24, height: 12 } }

function toScreen(rect: RectShape, view: StageView): RectShape {
  return {
    x: view.x + rect.x * view.zoom,
    y: view.y + rect.y * view.zoom,
    width: rect.width * view.zoom,
    height: rect.height * view.zoom,
  }
}

function labelRequest(box: DrawnBox, view: StageView, emphasised: boolean): LabelRequest {
  // The ⚠ marks data the file gets wrong (swapped corners, coordinates outside 0..1).
  const mark = box.rect.inverted || box.rect.outOfRange ? '⚠ ' : ''
  // The number is the region index, as the region list beside the canvas shows it.
  const short = mark + String(box.index)
  return {
    id: box.index,
    box: toScreen(box.rect, view),
    full: box.shortExpr ? `${short} ${box.shortExpr}` : short,
    short,
    emphasised,
  }
}

interface BoxLabelsProps {
  boxes: readonly DrawnBox[]
  hovered: number | null
  selected: number | null
  view: StageView
  stage: Size
  /** Screen areas covered by HTML controls, kept free of labels. */
  reserved: readonly RectShape[]
}

export function BoxLabels({ boxes, hovered, selected, view, stage, reserved }: BoxLabelsProps) {
  const measure = useTextMeasure(FONT_SIZE, FONT_FAMILY)
  const isEmphasised = useCallback((index: number) => index === hovered || index === selected, [hovered, selected])

  const labels = useMemo(() => {
    const requests = boxes.map((box) => labelRequest(box, view, isEmphasised(box.index)))
    const byIndex = new Map(boxes.map((box) => [box.index, box]))
    return layoutLabels(requests, stage, measure, LABEL_STYLE, reserved).flatMap((label) => {
      const box = byIndex.get(label.id)
      return box ? [{ label, box }] : []
    })
  }, [boxes, isEmphasised, view, stage, reserved, measure])

  return labels.map(({ label, box }) => {
    const color = regionColor(box.index)
    const background = box.rect.inverted ? INVERTED_STROKE : color.stroke
    const textColor = box.rect.inverted ? '#ffffff' : color.text
    return (
      <Group
        key={box.index}
        x={(label.x - view.x) / view.zoom}
        y={(label.y - view.y) / view.zoom}
        scaleX={1 / view.zoom}
        scaleY={1 / view.zoom}
        opacity={selected !== null && !isEmphasised(box.index) ? 0.7 : 1}
      >
        <Rect width={label.width} height={label.height} fill={background} opacity={0.92} cornerRadius={3}
          stroke={HALO_STROKE} strokeWidth={1} perfectDrawEnabled={false} />
        <Text x={LABEL_STYLE.padX} height={label.height}
          verticalAlign="middle" wrap="none" text={label.text} fontSize={FONT_SIZE} fontFamily={FONT_FAMILY}
          fill={textColor} perfectDrawEnabled={false} />
      </Group>
    )
  })
}
