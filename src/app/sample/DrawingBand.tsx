/**
 * The rubber band of a box being drawn: a white line under a black dashed one, so the outline
 * reads on any photo; strokes keep their screen width at any zoom.
 */
import { Group, Rect } from 'react-konva'
import { imageTransform, type Fit, type Rect as RectShape } from './boxGeometry.ts'

/** `rect` is in natural image pixels. */
export function DrawingBand({ rect, fit }: { rect: RectShape; fit: Fit }) {
  return (
    <Group {...imageTransform(fit)} listening={false}>
      <Rect {...rect} stroke="#ffffff" strokeWidth={1.5} strokeScaleEnabled={false} perfectDrawEnabled={false} />
      <Rect {...rect} stroke="#000000" strokeWidth={1.5} dash={[5, 5]} strokeScaleEnabled={false}
        perfectDrawEnabled={false} />
    </Group>
  )
}
