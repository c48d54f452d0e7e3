import { describe, expect, it } from 'vitest'
import { keepModelSection, withModelSection } from './document.ts'

const data = '# Data-layer benchmarks\n\n| a | b |\n'

describe('the model section of docs/benchmarks.md', () => {
  it('is appended after the data-layer text, then replaced in place', () => {
    const once = withModelSection(data, '## Model\n\nfirst\n')
    expect(once).toBe('# Data-layer benchmarks\n\n| a | b |\n\n## Model\n\nfirst\n')
    expect(withModelSection(once, '## Model\n\nsecond')).toBe('# Data-layer benchmarks\n\n| a | b |\n\n## Model\n\nsecond\n')
  })

  it('survives the data-layer section being rewritten', () => {
    const doc = withModelSection(data, '## Model\n\nkept\n')
    expect(keepModelSection('# Data-layer benchmarks\n\nnew\n', doc)).toBe('# Data-layer benchmarks\n\nnew\n\n## Model\n\nkept\n')
    expect(keepModelSection('# Data\n', data)).toBe('# Data\n')
  })

  it('does not mistake a longer heading for its own', () => {
    const doc = `${data}\n## Models elsewhere\n\ntext\n`
    expect(withModelSection(doc, '## Model\n\nx\n')).toBe(`${doc.trimEnd()}\n\n## Model\n\nx\n`)
  })

  it('replaces only its own section, leaving the whole-shard section after it', () => {
    const doc = '# Data\n\n## Model\n\nold\n\n## Whole-shard scoring\n\nw\n'
    expect(withModelSection(doc, '## Model\n\nnew\n')).toBe('# Data\n\n## Model\n\nnew\n\n## Whole-shard scoring\n\nw\n')
  })
})
