import { describe, expect, it } from 'vitest'
import { withScoreSection } from './document.ts'

describe('the whole-shard scoring section of docs/benchmarks.md', () => {
  it('is appended, then replaced in place', () => {
    const once = withScoreSection('# Data\n\n## Model\n\nm\n', '## Whole-shard scoring\n\nfirst\n')
    expect(once).toBe('# Data\n\n## Model\n\nm\n\n## Whole-shard scoring\n\nfirst\n')
    expect(withScoreSection(once, '## Whole-shard scoring\n\nsecond')).toBe('# Data\n\n## Model\n\nm\n\n## Whole-shard scoring\n\nsecond\n')
  })

  it('leaves a section after it alone', () => {
    const doc = '# Data\n\n## Whole-shard scoring\n\nold\n\n## Model\n\nm\n'
    expect(withScoreSection(doc, '## Whole-shard scoring\n\nnew\n')).toBe('# Data\n\n## Whole-shard scoring\n\nnew\n\n## Model\n\nm\n')
  })
})
