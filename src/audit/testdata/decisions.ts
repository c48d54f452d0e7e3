import type { Decision } from '../decisions.ts'

/** A decision with test defaults; tests override only what they are about. */
export function decision(over: Partial<Decision> = {}): Decision {
  return {
    file: 'results_a.json|100|sha256:0123456789abcdef',
    record: 0,
    fPath: 'grit-20m/data-12m/coyo_image_0/00000/000000000.jpg',
    region: 0,
    field: 'bbox',
    verdict: 'correct',
    oldText: null,
    newText: null,
    reviewer: 'alice',
    time: '2026-12-01T10:00:00.000Z',
    ...over,
  }
}
