import { useEffect, useRef } from 'react'
import type { Verdict } from '../../audit/decisions.ts'
import type { RegionDecisions } from './RegionVerdicts.tsx'

export interface ReviewKeyActions {
  /** The selected region's decisions; null when no region (of the file) is selected. */
  region: RegionDecisions | null
  activeNegative: string | null
  setActiveNegative: (key: string | null) => void
  setCaption: ((verdict: Verdict) => void) | null
  nextUnreviewed: () => void
  redraw: () => void
  undo: () => void
  redo: () => void
  disabled: boolean
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
}

const negativeKeys: Record<string, Verdict> = { '5': 'true-negative', '6': 'actually-true', '7': 'nonsense' }

/**
 * The reviewer's keys: 1/2 box, 3/4 phrase, 5/6/7 the current negative (then the next one),
 * ↓/↑ move among negatives, t the rest true, 8/9 captions, u next unreviewed, b redraw, Ctrl+Z/Y.
 */
export function useReviewKeys(actions: ReviewKeyActions, enabled: boolean) {
  const latest = useRef(actions)
  latest.current = actions
  useEffect(() => {
    if (!enabled) return
    const onKey = (event: KeyboardEvent) => {
      const a = latest.current
      if (isTyping(event.target) || event.altKey) return
      const key = event.key.toLowerCase()
      if (event.ctrlKey || event.metaKey) {
        if (key === 'z' && !event.shiftKey) a.undo()
        else if (key === 'y' || (key === 'z' && event.shiftKey)) a.redo()
        else return
        event.preventDefault()
        return
      }
      if (a.disabled) return
      const region = a.region
      const negatives = region?.original.negatives.map((n) => n.key) ?? []
      const at = a.activeNegative === null ? -1 : negatives.indexOf(a.activeNegative)
      // Keys set a verdict (pressing one twice keeps it); the buttons toggle, Ctrl+Z undoes.
      if (region && key === '1') region.set('bbox', 'correct')
      else if (region && key === '2') region.set('bbox', 'wrong')
      else if (region && key === '3') region.set('short_expr', 'correct')
      else if (region && key === '4') region.set('short_expr', 'wrong')
      else if (region && key in negativeKeys && negatives.length > 0) {
        const target = at >= 0 ? at : Math.max(0, negatives.findIndex((k) => !region.state.negatives.has(k)))
        region.setNegative(negatives[target], negativeKeys[key])
        a.setActiveNegative(negatives[Math.min(target + 1, negatives.length - 1)])
      } else if (region && event.key === 'ArrowDown' && negatives.length > 0) a.setActiveNegative(negatives[Math.min(at + 1, negatives.length - 1)])
      else if (region && event.key === 'ArrowUp' && negatives.length > 0) a.setActiveNegative(negatives[Math.max(at - 1, 0)])
      else if (region && key === 't') region.remainingTrue()
      else if (region && key === 'b' && region.state.box === 'wrong') a.redraw()
      else if (a.setCaption && key === '8') a.setCaption('correct')
      else if (a.setCaption && key === '9') a.setCaption('wrong')
      else if (key === 'u') a.nextUnreviewed()
      else return
      event.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [enabled])
}
