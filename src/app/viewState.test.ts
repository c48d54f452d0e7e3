import { describe, expect, it } from 'vitest'
import { parseViewState, viewStateToSearch } from './viewState.ts'

describe('view state in the URL', () => {
  it('round-trips sources, indices and every filter', () => {
    const search = '?src=http%3A%2F%2Fh%2Fa.json&src=http%3A%2F%2Fh%2Fb.parquet&images=http%3A%2F%2Fh%2Fgrit-12m&i=3&r=1&q=kitten&neg=1&bmin=2&bmax=5&cmin=0.5&cmax=0.9&bad=1&model=http%3A%2F%2Fh%2Fpkg%2F&provider=wasm'
    const state = parseViewState(search)
    expect(state.sources).toEqual(['http://h/a.json', 'http://h/b.parquet'])
    expect(state.images).toBe('http://h/grit-12m')
    expect([state.index, state.region]).toEqual([3, 1])
    expect(state.filter).toEqual({ text: 'kitten', hasNegatives: true, minBoxes: 2, maxBoxes: 5, minConfidence: 0.5, maxConfidence: 0.9, invalidOnly: true })
    expect([state.model, state.provider]).toEqual(['http://h/pkg/', 'wasm'])
    expect(parseViewState(viewStateToSearch(state))).toEqual(state)
  })

  it('round-trips the analysis tab, a histogram bin and the sort', () => {
    const state = parseViewState('?tab=analysis&bin=margin:-0.05:0&sort=-p')
    expect([state.tab, state.bin, state.sort]).toEqual(['analysis', { metric: 'margin', lo: -0.05, hi: 0 }, { column: 'p', descending: true }])
    expect(parseViewState(viewStateToSearch(state))).toEqual(state)
    expect(parseViewState('?bin=margin:1:0&sort=nonsense')).toMatchObject({ bin: null, sort: { column: 'record', descending: false } })
  })

  it('ignores malformed numbers instead of failing', () => {
    const state = parseViewState('?i=-1&r=abc&cmin=x&bmax=2.5')
    expect([state.index, state.region, state.filter.minConfidence, state.filter.maxBoxes]).toEqual([null, null, null, null])
  })

  it('writes nothing for the default view', () => {
    expect(viewStateToSearch(parseViewState(''))).toBe('')
  })
})
