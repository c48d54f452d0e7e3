import { describe, expect, it } from 'vitest'
import { boxToImageRect, fitContain, imageRectToBox, MIN_BOX_PIXELS, screenToImage } from './boxGeometry.ts'
import { moveWithin, resizeWithin } from './editBounds.ts'

const image = { width: 400, height: 200 }

describe('image pixels ↔ normalised boxes', () => {
  it('round-trips a box through image pixels', () => {
    const box = { x1: 0.25, y1: 0.1, x2: 0.75, y2: 0.6 }
    const rect = boxToImageRect(box, image)
    expect(rect).toEqual({ x: 100, y: 20, width: 200, height: 100 })
    expect(imageRectToBox(rect, image)).toEqual(box)
  })

  it('sorts swapped corners', () => {
    expect(boxToImageRect({ x1: 0.75, y1: 0.6, x2: 0.25, y2: 0.1 }, image)).toEqual({ x: 100, y: 20, width: 200, height: 100 })
    expect(imageRectToBox({ x: 300, y: 120, width: -200, height: -100 }, image)).toEqual({ x1: 0.25, y1: 0.1, x2: 0.75, y2: 0.6 })
  })

  it('clamps to the image', () => {
    expect(imageRectToBox({ x: -50, y: 150, width: 500, height: 100 }, image)).toEqual({ x1: 0, y1: 0.75, x2: 1, y2: 1 })
  })

  it('keeps every side at least the minimum, inside the image', () => {
    const thin = imageRectToBox({ x: 10, y: 10, width: 0.5, height: 0 }, image)
    expect((thin.x2 - thin.x1) * image.width).toBeCloseTo(MIN_BOX_PIXELS)
    expect((thin.y2 - thin.y1) * image.height).toBeCloseTo(MIN_BOX_PIXELS)
    const atEdge = imageRectToBox({ x: 400, y: 200, width: 0, height: 0 }, image)
    expect(atEdge.x2).toBe(1)
    expect(atEdge.y2).toBe(1)
    expect((atEdge.x2 - atEdge.x1) * image.width).toBeCloseTo(MIN_BOX_PIXELS)
  })

  it('maps a pointer through pan, zoom and fit into image pixels', () => {
    const fit = fitContain(image, { width: 800, height: 600 }) // scale 2, image at y 100..500
    expect(screenToImage({ x: 0, y: 100 }, { x: 0, y: 0, zoom: 1 }, fit)).toEqual({ x: 0, y: 0 })
    // Zoomed 2× with the stage shifted: screen (300, 500) is stage (200, 300), image (100, 100).
    expect(screenToImage({ x: 300, y: 500 }, { x: -100, y: -100, zoom: 2 }, fit)).toEqual({ x: 100, y: 100 })
  })
})

describe('edit limits', () => {
  const bounds = { x: 0, y: 0, width: 400, height: 200 }

  it('keeps a moved box inside, shrinking one larger than the bounds', () => {
    expect(moveWithin({ x: 350, y: -20, width: 100, height: 50 }, bounds)).toEqual({ x: 300, y: 0, width: 100, height: 50 })
    expect(moveWithin({ x: -10, y: 10, width: 500, height: 50 }, bounds)).toEqual({ x: 0, y: 10, width: 400, height: 50 })
  })

  it('moves only the edges of the dragged handle, stopping at the bounds', () => {
    const proposed = { x: -30, y: -10, width: 230, height: 110 } // top-left dragged out of the image
    expect(resizeWithin(proposed, bounds, 2, 'top-left')).toEqual({ x: 0, y: 0, width: 200, height: 100 })
    expect(resizeWithin({ x: 100, y: 50, width: 400, height: 50 }, bounds, 2, 'middle-right'))
      .toEqual({ x: 100, y: 50, width: 300, height: 50 })
  })

  it('never lets a handle cross the opposite edge', () => {
    // The left handle dragged past the right edge (x 100..200 → pointer at 260).
    expect(resizeWithin({ x: 260, y: 50, width: -60, height: 50 }, bounds, 2, 'middle-left'))
      .toEqual({ x: 198, y: 50, width: 2, height: 50 })
    expect(resizeWithin({ x: 100, y: 50, width: 100, height: -5 }, bounds, 2, 'bottom-center'))
      .toEqual({ x: 100, y: 50, width: 100, height: 2 })
  })
})
