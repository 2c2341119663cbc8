import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { markdownCell } from '../../../src/core/markdown.ts'

describe('markdownCell', () => {
  it('keeps a cell one cell of one row, and never HTML', () => {
    expect(markdownCell('a|b\\c\r\nd <img src=x>')).toBe('a\\|b\\\\c d &lt;img src=x&gt;')
  })
  it('leaves no bare pipe, line break or angle bracket in any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        const out = markdownCell(text)
        expect(out).not.toMatch(/[\r\n<>]/)
        // Every pipe is escaped by an odd run of backslashes.
        expect(out.replace(/\\\\/g, '')).not.toMatch(/(^|[^\\])\|/)
      }),
    )
  })
})
