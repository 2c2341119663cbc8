import { describe, expect, it } from 'vitest'
import { hstsHeaderOf, MAX_HSTS_AGE, parseHsts } from '../../../src/core/index.ts'

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
    // Chromium's unit tests (net/http/http_security_headers_unittest.cc), and its name-value iterator.
    ['an unknown directive with an empty value', 'max-age=31536000; foo='],
    ['an unknown directive with an empty value and spaces', 'max-age=1; foo =  ; includeSubDomains'],
    ['an includeSubDomains with a quoted empty value', 'max-age=1; includeSubDomains=""'],
    ['a max-age in single quotes', "max-age='1'"],
    ['a directive name in quotes', '"max-age"=1'],
    ['an unknown value with "@"', 'max-age=1; unknownDirective=non@token'],
    ['an unknown value with ","', 'max-age=1; unknownDirective=non,token'],
    ['a name with a quote inside', 'max-age=1; in"cludeSubdomains'],
    ['a doubled "="', 'max-age==3488923'],
    ['only semicolons', ';;;; ;;;'],
    ['a max-age followed by a word', 'max-age=3488923     e'],
    ['a non-ASCII character outside quotes', 'max-age=1; x=\u00e9'],
  ])('rejects %s', (_name, header) => {
    expect(parseHsts(header)).toBeNull()
  })
  it('accepts an unknown directive that repeats, as Chromium does', () => {
    expect(parseHsts('max-age=1; foo; foo')?.maxAge).toBe(1)
    expect(parseHsts('max-age=31536000; preload; preload; includeSubDomains')).toEqual({
      maxAge: YEAR,
      includeSubDomains: true,
      preload: true,
    })
  })
  it('accepts a non-ASCII character inside a quoted value', () => {
    expect(parseHsts('max-age=31536000; x="\u00e9t\u00e9"; includeSubDomains')).toEqual({
      maxAge: YEAR,
      includeSubDomains: true,
      preload: false,
    })
  })
  it("accepts the headers of Chromium's ValidSTSHeaders test", () => {
    expect(parseHsts('  Max-agE    = 567')?.maxAge).toBe(567)
    expect(parseHsts('   pumpkin; incLudesUbdOmains; max-age="123"  ')).toMatchObject({
      maxAge: 123,
      includeSubDomains: true,
    })
    expect(parseHsts('animal="squirrel; distinguished"; incLudesUbdOmains; max-age=123')).toMatchObject({
      maxAge: 123,
      includeSubDomains: true,
    })
    expect(parseHsts(';;    ; ; max-age=394082038;;; includeSubdomains     ;;  ;')).toMatchObject({
      maxAge: 394_082_038,
      includeSubDomains: true,
    })
  })
  it('rejects values that are not strings', () => {
    expect(parseHsts(undefined as unknown as string)).toBeNull()
  })
})

describe('hstsHeaderOf: the header browsers process', () => {
  const sts = (value: string) => ({ name: 'Strict-Transport-Security', value })
  it('takes the first of two identical headers (RFC 6797 8.1), which is then valid', () => {
    const header = hstsHeaderOf([
      sts('max-age=31536000; includeSubDomains'),
      { name: 'x-other', value: 'a' },
      sts('max-age=31536000; includeSubDomains'),
    ])
    expect(header).toBe('max-age=31536000; includeSubDomains')
    expect(parseHsts(header!)).toMatchObject({ maxAge: YEAR, includeSubDomains: true })
  })
  it('ignores a second, different header', () => {
    expect(hstsHeaderOf([sts('max-age=10'), sts('max-age=31536000')])).toBe('max-age=10')
  })
  it('is null without the header, whatever the case of other names', () => {
    expect(hstsHeaderOf([{ name: 'content-type', value: 'text/html' }])).toBeNull()
    expect(hstsHeaderOf(undefined)).toBeNull()
  })
  it('reads a header given as binaryValue (a non-ASCII byte in a quoted value) byte by byte', () => {
    const bytes = [...'max-age=31536000; x="caf']
      .map((c) => c.charCodeAt(0))
      .concat(
        [0xc3, 0xa9, 0xff],
        [...'"; includeSubDomains'].map((c) => c.charCodeAt(0)),
      )
    const header = hstsHeaderOf([{ name: 'strict-transport-security', binaryValue: bytes }])
    expect(header).toBe('max-age=31536000; x="caf\u00c3\u00a9\u00ff"; includeSubDomains')
    expect(parseHsts(header!)).toEqual({ maxAge: YEAR, includeSubDomains: true, preload: false })
  })
  it('shortens a huge header without changing its meaning', () => {
    const valid = hstsHeaderOf([sts(`max-age=31536000; x="${'a'.repeat(100_000)}"; includeSubDomains`)])!
    expect(valid.length).toBeLessThan(100)
    expect(parseHsts(valid)).toEqual({ maxAge: YEAR, includeSubDomains: true, preload: false })
    const invalid = hstsHeaderOf([sts(`max-age=31536000; x=${'a'.repeat(100_000)} b`)])!
    expect(invalid.length).toBeLessThanOrEqual(8192)
    expect(parseHsts(invalid)).toBeNull()
  })
})
