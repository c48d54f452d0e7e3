/**
 * Canvas text metrics for label layout, with the same font the Konva labels draw in, cached per
 * string because layout re-measures the same labels on every zoom step.
 */
import { useMemo } from 'react'
import type { Measure } from './labelLayout.ts'

export function useTextMeasure(fontSize: number, fontFamily: string): Measure {
  return useMemo(() => {
    const context = document.createElement('canvas').getContext('2d')
    const cache = new Map<string, number>()
    // Without a 2D context (never in a real browser) an average glyph width keeps layout usable.
    const fallback = (text: string) => Array.from(text).length * fontSize * 0.6
    if (context) context.font = `${fontSize}px ${fontFamily}`
    return (text: string) => {
      let width = cache.get(text)
      if (width === undefined) {
        width = context ? context.measureText(text).width : fallback(text)
        cache.set(text, width)
      }
      return width
    }
  }, [fontSize, fontFamily])
}
