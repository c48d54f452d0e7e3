/**
 * Rubber-band drawing of a new box: a press on the image starts it, the pointer (tracked on the
 * window, so leaving the stage does not lose it) stretches it within the image, and the release
 * reports it as a normalised box. Escape cancels; a press that barely moves is a click, not a box.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import type { KonvaEventObject } from 'konva/lib/Node'
import type { Box } from '../../formats/types.ts'
import { imageRectToBox, screenToImage, type Fit, type Rect, type Size } from './boxGeometry.ts'
import type { StageView } from './useStageZoom.ts'

/** Below this many screen pixels on a side, a drag counts as a click. */
const MIN_DRAWN_SCREEN_PX = 4

interface Point {
  x: number
  y: number
}

interface Band {
  start: Point
  end: Point
}

function clampToImage(point: Point, image: Size): Point {
  return { x: Math.max(0, Math.min(image.width, point.x)), y: Math.max(0, Math.min(image.height, point.y)) }
}

function bandRect({ start, end }: Band): Rect {
  return {
    x: Math.min(start.x, end.x),
    y: Math.min(start.y, end.y),
    width: Math.abs(end.x - start.x),
    height: Math.abs(end.y - start.y),
  }
}

interface DrawingOptions {
  enabled: boolean
  fit: Fit
  view: StageView
  image: Size
  onBoxDrawn?: (box: Box) => void
}

/** `band` is the rect being drawn in natural image pixels; `onPointerDown` goes on the Stage. */
export function useBoxDrawing({ enabled, fit, view, image, onBoxDrawn }: DrawingOptions) {
  const [band, setBand] = useState<Band | null>(null)
  const containerRef = useRef<HTMLElement | null>(null)
  // Window listeners read the newest view (the wheel may zoom mid-draw) without re-subscribing.
  const latest = useRef({ fit, view, image, onBoxDrawn })
  useLayoutEffect(() => {
    latest.current = { fit, view, image, onBoxDrawn }
  })
  // Leaving draw mode drops a drawing in progress.
  if (!enabled && band) setBand(null)

  const start = band?.start ?? null
  useEffect(() => {
    const container = containerRef.current
    if (!start || !container) return
    const toImage = (e: PointerEvent): Point => {
      const bounds = container.getBoundingClientRect()
      const { view: v, fit: f, image: size } = latest.current
      return clampToImage(screenToImage({ x: e.clientX - bounds.left, y: e.clientY - bounds.top }, v, f), size)
    }
    const move = (e: PointerEvent) => setBand({ start, end: toImage(e) })
    const up = (e: PointerEvent) => {
      const rect = bandRect({ start, end: toImage(e) })
      const { view: v, fit: f, image: size, onBoxDrawn: report } = latest.current
      if (Math.min(rect.width, rect.height) * f.scale * v.zoom >= MIN_DRAWN_SCREEN_PX) report?.(imageRectToBox(rect, size))
      setBand(null)
    }
    const cancel = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setBand(null)
    }
    window.addEventListener('pointermove', move)
    window.addEventListener('pointerup', up)
    window.addEventListener('keydown', cancel)
    return () => {
      window.removeEventListener('pointermove', move)
      window.removeEventListener('pointerup', up)
      window.removeEventListener('keydown', cancel)
    }
  }, [start])

  const onPointerDown = (e: KonvaEventObject<PointerEvent>) => {
    const stage = e.target.getStage()
    const pointer = stage?.getPointerPosition()
    if (!enabled || !stage || !pointer || e.evt.button !== 0) return
    const point = screenToImage(pointer, view, fit)
    const inside = point.x >= 0 && point.y >= 0 && point.x <= image.width && point.y <= image.height
    if (!inside) return
    containerRef.current = stage.container()
    setBand({ start: point, end: point })
  }

  return { band: band && bandRect(band), onPointerDown }
}
