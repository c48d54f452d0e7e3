import type { KonvaEventObject } from 'konva/lib/Node'

/** Sets the stage's mouse cursor from a node's pointer event (hover feedback on boxes and handles). */
export function setCursor(e: KonvaEventObject<MouseEvent>, cursor: string) {
  const container = e.target.getStage()?.container()
  if (container) container.style.cursor = cursor
}
