/**
 * Wheel zoom around the pointer and drag pan for a Konva stage, clamped so the image never
 * drifts out of view. The view resets to fit whenever `resetOn` changes (a new image or size).
 */
import { useCallback, useState } from 'react'
import type Konva from 'konva'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Rect, Size } from './boxGeometry.ts'

export const MIN_ZOOM = 1
export const MAX_ZOOM = 20
const WHEEL_STEP = 1.15

export interface StageView {
  zoom: number
  x: number
  y: number
}

const FITTED: StageView = { zoom: 1, x: 0, y: 0 }

/** Per axis: a content smaller than the stage is centred; a larger one must cover the stage. */
function clampAxis(pos: number, zoom: number, start: number, length: number, stage: number): number {
  const scaled = length * zoom
  if (scaled <= stage) return (stage - scaled) / 2 - start * zoom
  return Math.min(-start * zoom, Math.max(stage - (start + length) * zoom, pos))
}

function clampPan(pos: { x: number; y: number }, zoom: number, content: Rect, stage: Size) {
  return {
    x: clampAxis(pos.x, zoom, content.x, content.width, stage.width),
    y: clampAxis(pos.y, zoom, content.y, content.height, stage.height),
  }
}

function sameDeps(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]))
}

export function useStageZoom(content: Rect, stage: Size, resetOn: readonly unknown[]) {
  const [state, setState] = useState<{ deps: readonly unknown[]; view: StageView }>({ deps: resetOn, view: FITTED })
  // Derived rather than reset in an effect, so a new image never renders one frame at the old zoom.
  const view = sameDeps(state.deps, resetOn) ? state.view : FITTED

  const setView = useCallback((next: StageView) => setState({ deps: resetOn, view: next }), [resetOn])

  const onWheel = useCallback(
    (e: KonvaEventObject<WheelEvent>) => {
      e.evt.preventDefault()
      const pointer = e.target.getStage()?.getPointerPosition()
      if (!pointer || e.evt.deltaY === 0) return
      const factor = e.evt.deltaY < 0 ? WHEEL_STEP : 1 / WHEEL_STEP
      const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor))
      // Keep the image point under the pointer fixed on screen.
      const ratio = zoom / view.zoom
      const pos = { x: pointer.x - (pointer.x - view.x) * ratio, y: pointer.y - (pointer.y - view.y) * ratio }
      setView({ zoom, ...clampPan(pos, zoom, content, stage) })
    },
    [view, content, stage, setView],
  )

  const dragBoundFunc = useCallback(
    (pos: { x: number; y: number }) => clampPan(pos, view.zoom, content, stage),
    [view.zoom, content, stage],
  )

  const onDragEnd = useCallback(
    (e: KonvaEventObject<DragEvent>) => {
      const node: Konva.Node = e.target
      // Boxes are not draggable, so only the stage's own drag ends here.
      if (node !== node.getStage()) return
      setView({ zoom: view.zoom, x: node.x(), y: node.y() })
    },
    [view.zoom, setView],
  )

  const fit = useCallback(() => setView(FITTED), [setView])

  return { view, onWheel, dragBoundFunc, onDragEnd, fit }
}
