/**
 * The similarity heatmap over the image: its G×G cells painted one pixel each on a small canvas,
 * which Konva stretches to the image's natural size with smoothing on, so the browser's bilinear
 * filtering does the interpolation and the map zooms and pans with the image.
 */
import { useMemo } from 'react'
import { Image as KonvaImage } from 'react-konva'
import type { Size } from './boxGeometry.ts'
import { heatmapPixels } from './heatmapColors.ts'
import { isDrawableGrid, peakCell, scaleRange, type Heatmap } from './heatmapGrid.ts'

function paintGrid(heatmap: Heatmap): HTMLCanvasElement | null {
  const { values, grid } = heatmap
  if (!isDrawableGrid(values, grid)) return null
  const canvas = document.createElement('canvas')
  canvas.width = grid
  canvas.height = grid
  const context = canvas.getContext('2d')
  if (!context) return null
  context.putImageData(new ImageData(heatmapPixels(values, grid, scaleRange(heatmap)), grid, grid), 0, 0)
  return canvas
}

/** Drawn inside a Group in natural image pixels, above the photo and under the boxes. */
export function HeatmapImage({ heatmap, image }: { heatmap: Heatmap; image: Size }) {
  const { values, grid, min, max } = heatmap
  // Repainted only when the data or scale changes; opacity is a node attribute.
  const canvas = useMemo(() => paintGrid({ values, grid, min, max, opacity: 1 }), [values, grid, min, max])
  if (!canvas) return null
  return (
    <KonvaImage image={canvas} width={image.width} height={image.height}
      opacity={Math.max(0, Math.min(1, heatmap.opacity))} listening={false} perfectDrawEnabled={false} />
  )
}

/** Hidden argmax cell of the shown heatmap (column, row, grid size), for e2e tests. */
export function HeatmapPeak({ heatmap }: { heatmap: Heatmap }) {
  const peak = isDrawableGrid(heatmap.values, heatmap.grid) ? peakCell(heatmap.values, heatmap.grid) : null
  if (!peak) return null
  return <div data-testid="heatmap-peak" className="sr-only" data-x={peak.col} data-y={peak.row} data-grid={heatmap.grid} />
}
