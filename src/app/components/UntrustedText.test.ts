import { describe, expect, it } from 'vitest'
import { revealInvisible } from './UntrustedText.tsx'

describe('revealInvisible', () => {
  it('makes bidi overrides and zero-width characters visible, leaving other text alone', () => {
    expect(revealInvisible('a\u202Eb\u200Bc')).toBe('a⟨U+202E⟩b⟨U+200B⟩c')
    expect(revealInvisible('<script>alert(1)</script> 小猫 ✓')).toBe('<script>alert(1)</script> 小猫 ✓')
  })
})
