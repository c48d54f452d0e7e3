/**
 * Editing the selected box: a transparent, draggable stand-in for it in natural image pixels
 * (`BoxEditTarget`, placed in the boxes layer where the box itself is, so smaller boxes on top
 * stay hoverable) and resize handles (`BoxEditHandles`, a Konva Transformer in the top layer).
 * Every change is reported as a normalised box; the parent owns the box and passes it back.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react'
import type Konva from 'konva'
import type { Box as TransformBox } from 'konva/lib/shapes/Transformer'
import { Group, Rect, Transformer } from 'react-konva'
import type { Box } from '../../formats/types.ts'
import { boxToImageRect, imageRectToBox, imageTransform, MIN_BOX_PIXELS, type Fit, type Rect as RectShape, type Size } from './boxGeometry.ts'
import { moveWithin, resizeWithin } from './editBounds.ts'
import { setCursor } from './stageCursor.ts'

export type BoxChangePhase = 'move' | 'end'

// The node's rect in its parent's space (natural image pixels), with any Transformer scale applied.
function nodeRect(node: Konva.Rect): RectShape {
  return { x: node.x(), y: node.y(), width: node.width() * node.scaleX(), height: node.height() * node.scaleY() }
}

interface BoxEditTargetProps {
  index: number
  box: Box
  /** Natural image size: the space the node lives in. */
  image: Size
  fit: Fit
  nodeRef: RefObject<Konva.Rect | null>
  onHover: (index: number | null) => void
  onChange: (index: number, box: Box, phase: BoxChangePhase) => void
}

export function BoxEditTarget({ index, box, image, fit, nodeRef, onHover, onChange }: BoxEditTargetProps) {
  const rect = boxToImageRect(box, image)
  // Bumped when an edit ends, so the node is put back on the parent's box even when the parent
  // kept the old one (a controlled component shows what it is given).
  const [edits, setEdits] = useState(0)
  const { x, y, width, height } = rect
  useLayoutEffect(() => {
    nodeRef.current?.setAttrs({ x, y, width, height, scaleX: 1, scaleY: 1 })
  }, [nodeRef, x, y, width, height, edits])

  const report = (phase: BoxChangePhase) => {
    const node = nodeRef.current
    if (!node) return
    onChange(index, imageRectToBox(nodeRect(node), image), phase)
    if (phase === 'end') setEdits((n) => n + 1)
  }
  const bounds = { x: 0, y: 0, ...image }

  return (
    <Group {...imageTransform(fit)}>
      <Rect
        ref={nodeRef}
        {...rect}
        // Transparent but filled: the whole box is a drag handle.
        fill="transparent"
        draggable
        onDragMove={(e) => {
          e.target.setAttrs(moveWithin(nodeRect(e.target as Konva.Rect), bounds))
          report('move')
        }}
        onDragEnd={() => report('end')}
        onTransform={(e) => {
          // The Transformer scales; fold the scale into the size so a re-render with the
          // parent's box (plain width and height) keeps the node where it is.
          e.target.setAttrs({ ...nodeRect(e.target as Konva.Rect), scaleX: 1, scaleY: 1 })
          report('move')
        }}
        onTransformEnd={() => report('end')}
        onMouseEnter={(e) => {
          setCursor(e, 'move')
          onHover(index)
        }}
        onMouseLeave={(e) => {
          setCursor(e, '')
          onHover(null)
        }}
        onClick={(e) => {
          e.cancelBubble = true
        }}
      />
    </Group>
  )
}

const ANCHORS = ['top-left', 'top-center', 'top-right', 'middle-right', 'bottom-right', 'bottom-center', 'bottom-left', 'middle-left']

/** Corner and edge handles on the edit target; they keep it inside the image and never flip it. */
export function BoxEditHandles({ nodeRef, image }: { nodeRef: RefObject<Konva.Rect | null>; image: Size }) {
  const transformerRef = useRef<Konva.Transformer>(null)

  // Runs after every commit: the target may have been mounted or replaced in the same one.
  useLayoutEffect(() => {
    const transformer = transformerRef.current
    const node = nodeRef.current
    if (transformer && transformer.nodes()[0] !== node) transformer.nodes(node ? [node] : [])
  })

  // Konva proposes boxes in absolute (screen) pixels; the image's own corners are mapped there.
  const boundBox = (oldBox: TransformBox, newBox: TransformBox): TransformBox => {
    const parent = nodeRef.current?.getParent()
    if (!parent) return oldBox
    const toScreen = parent.getAbsoluteTransform()
    const topLeft = toScreen.point({ x: 0, y: 0 })
    const bottomRight = toScreen.point({ x: image.width, y: image.height })
    const bounds = { x: topLeft.x, y: topLeft.y, width: bottomRight.x - topLeft.x, height: bottomRight.y - topLeft.y }
    const minSize = MIN_BOX_PIXELS * (bounds.width / image.width)
    const handle = transformerRef.current?.getActiveAnchor() ?? null
    return { ...resizeWithin(newBox, bounds, minSize, handle), rotation: newBox.rotation }
  }

  return (
    <Transformer
      ref={transformerRef}
      rotateEnabled={false}
      flipEnabled={false}
      keepRatio={false}
      enabledAnchors={ANCHORS}
      ignoreStroke
      anchorSize={9}
      anchorCornerRadius={2}
      anchorFill="#ffffff"
      anchorStroke="#111827"
      borderStroke="#ffffff"
      borderDash={[4, 3]}
      boundBoxFunc={boundBox}
    />
  )
}
