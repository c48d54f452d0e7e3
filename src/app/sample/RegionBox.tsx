/**
 * One region's box on the stage: a dark halo under a coloured stroke (visible on bright and dark
 * photos alike) and a translucent fill that is also the hover / click target.
 */
import { Group, Rect } from 'react-konva'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { DrawnBox } from './boxGeometry.ts'
import { HALO_STROKE, INVERTED_STROKE, regionColor } from './regionColors.ts'
import { setCursor } from './stageCursor.ts'

const STROKE = 2
const STROKE_EMPHASISED = 3.5
const HALO_EXTRA = 2.5
const DASH = [6, 4]

interface StrokeStyle {
  stroke: string
  dash: number[] | undefined
}

// Bad boxes are dashed so they read as suspect at a glance; inverted ones are also red.
function strokeStyle(box: DrawnBox): StrokeStyle {
  const { inverted, outOfRange } = box.rect
  return {
    stroke: inverted ? INVERTED_STROKE : regionColor(box.index).stroke,
    dash: inverted || outOfRange ? DASH : undefined,
  }
}

function geometry({ rect }: DrawnBox) {
  return { x: rect.x, y: rect.y, width: rect.width, height: rect.height }
}

// Strokes keep their on-screen width and dash length at any zoom (strokeScaleEnabled off).
function Halo({ box, width }: { box: DrawnBox; width: number }) {
  return (
    <Rect {...geometry(box)} stroke={HALO_STROKE} strokeWidth={width + HALO_EXTRA} dash={strokeStyle(box).dash}
      strokeScaleEnabled={false} listening={false} perfectDrawEnabled={false} />
  )
}

interface RegionBoxProps {
  box: DrawnBox
  emphasised: boolean
  dimmed: boolean
  onHover: (index: number | null) => void
  onSelect: (index: number | null) => void
}

/** The box in the boxes layer; its fill and stroke are the only listening shapes on the stage. */
export function RegionBox({ box, emphasised, dimmed, onHover, onSelect }: RegionBoxProps) {
  const select = (e: KonvaEventObject<MouseEvent | TouchEvent>) => {
    e.cancelBubble = true
    onSelect(box.index)
  }
  return (
    <Group opacity={dimmed ? 0.45 : 1}>
      <Halo box={box} width={STROKE} />
      <Rect
        {...geometry(box)}
        fill={regionColor(box.index).fill(emphasised ? 0.22 : 0.12)}
        {...strokeStyle(box)}
        strokeWidth={STROKE}
        strokeScaleEnabled={false}
        perfectDrawEnabled={false}
        onMouseEnter={(e) => {
          setCursor(e, 'pointer')
          onHover(box.index)
        }}
        onMouseLeave={(e) => {
          setCursor(e, '')
          onHover(null)
        }}
        onClick={select}
        onTap={select}
      />
    </Group>
  )
}

/**
 * The thicker outline of a hovered or selected box, drawn in a layer above every box so a large
 * highlighted box is not hidden under smaller ones (which stay on top for hit testing).
 */
export function RegionHighlight({ box }: { box: DrawnBox }) {
  return (
    <>
      <Halo box={box} width={STROKE_EMPHASISED} />
      <Rect {...geometry(box)} {...strokeStyle(box)} strokeWidth={STROKE_EMPHASISED} strokeScaleEnabled={false}
        listening={false} perfectDrawEnabled={false} />
    </>
  )
}
