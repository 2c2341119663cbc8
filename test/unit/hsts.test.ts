import { describe, expect, it } from 'vitest'
import { MAX_HSTS_AGE, parseHsts } from '../../src/core/index.ts'

const YEAR = 31_536_000

describe('parseHsts: valid headers (RFC 6797 6.1)', () => {
  it('reads max-age alone', () => {
    expect(parseHsts('max-age=31536000')).toEqual({ maxAge: YEAR, includeSubDomains: false, preload: false })
  })
  it('reads includeSubDomains and preload', () => {
    expect(parseHsts('max-age=63072000; includeSubDomains; preload')).toEqual({
      maxAge: 63_072_000,
      includeSubDomains: true,
      preload: true,
    })
  })
  it('matches directive names case-insensitively', () => {
    expect(parseHsts('MAX-AGE=10; INCLUDESUBDOMAINS')).toEqual({ maxAge: 10, includeSubDomains: true, preload: false })
  })
  it('takes a quoted max-age', () => {
    expect(parseHsts('max-age="31536000"')?.maxAge).toBe(YEAR)
  })
  it('takes directives in any order', () => {
    expect(parseHsts('includeSubDomains; max-age=5')).toMatchObject({ maxAge: 5, includeSubDomains: true })
  })
  it('allows white space around directives and "="', () => {
    expect(parseHsts('  max-age = 100 ;\tincludeSubDomains  ')).toMatchObject({ maxAge: 100, includeSubDomains: true })
  })
  it('allows empty directives', () => {
    expect(parseHsts(';;max-age=1;;')?.maxAge).toBe(1)
  })
  it('ignores unknown directives, with token or quoted values', () => {
    expect(parseHsts('max-age=1; report-uri="https://r.example/?a=1;b"; foo=bar; baz')?.maxAge).toBe(1)
  })
  it('accepts max-age=0, which removes the policy', () => {
    expect(parseHsts('max-age=0')?.maxAge).toBe(0)
  })
  it('accepts leading zeros', () => {
    expect(parseHsts('max-age=000100')?.maxAge).toBe(100)
  })
  it('clamps a huge max-age, never below one year', () => {
    const huge = parseHsts('max-age=99999999999999999999999999')!
    expect(huge.maxAge).toBe(MAX_HSTS_AGE)
    expect(huge.maxAge).toBeGreaterThanOrEqual(YEAR)
  })
  it('keeps escaped characters inside quoted values of unknown directives', () => {
    expect(parseHsts('max-age=1; x="a\\"b"')?.maxAge).toBe(1)
  })
})

describe('parseHsts: headers browsers ignore', () => {
  it.each([
    ['an empty header', ''],
    ['no max-age', 'includeSubDomains'],
    ['a duplicate max-age', 'max-age=1; max-age=1'],
    ['a duplicate max-age in other case', 'max-age=1; Max-Age=2'],
    ['a duplicate includeSubDomains', 'max-age=1; includeSubDomains; includesubdomains'],
    ['a duplicate unknown directive', 'max-age=1; foo; foo'],
    ['a negative max-age', 'max-age=-1'],
    ['a decimal max-age', 'max-age=1.5'],
    ['a max-age with a unit', 'max-age=1s'],
    ['a max-age with a sign', 'max-age=+1'],
    ['an empty max-age', 'max-age='],
    ['a max-age without value', 'max-age'],
    ['an empty quoted max-age', 'max-age=""'],
    ['a max-age with spaces inside quotes', 'max-age=" 1"'],
    ['an unterminated quote', 'max-age="1'],
    ['text after a closing quote', 'max-age="1"x'],
    ['includeSubDomains with a value', 'max-age=1; includeSubDomains=true'],
    ['includeSubDomains with an empty value', 'max-age=1; includeSubDomains='],
    ['a directive name that is not a token', 'max-age=1; fo o'],
    ['a directive name with a quote', 'max-age=1; "foo"'],
    ['a value that is not a token', 'max-age=1; foo=a b'],
    ['a comma-joined repeated header', 'max-age=1, max-age=1'],
    ['a stray "="', '=1; max-age=1'],
    ['a control character in a quoted value', 'max-age=1; x="a\u0001"'],
  ])('rejects %s', (_name, header) => {
    expect(parseHsts(header)).toBeNull()
  })
  it('rejects values that are not strings', () => {
    expect(parseHsts(undefined as unknown as string)).toBeNull()
  })
})
