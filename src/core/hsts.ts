/**
 * Strict-Transport-Security parsing, to RFC 6797 section 6.1 and the way Chromium's ParseHSTSHeader (and its unit
 * tests) apply it; Firefox's nsSiteSecurityService agrees on every case below but one (noted):
 * - directives are separated by ";" outside quoted-strings, empty directives are allowed;
 * - names are compared case-insensitively; values are tokens or quoted-strings;
 * - "name=" with nothing after "=" makes the whole header invalid, whatever the name (even an unknown one);
 * - max-age or includeSubDomains appearing twice makes the whole header invalid (6.1, point 2); an unknown
 *   directive may repeat (Chromium checks only the two it knows);
 * - max-age is required and is a plain run of digits (delta-seconds), quoted or not;
 * - includeSubDomains takes no value;
 * - unknown directives are ignored, but their names must be tokens and their unquoted values too;
 * - any byte may sit inside a quoted-string (non-ASCII ones arrive through webRequest's binaryValue: see
 *   hstsHeaderOf), except control characters, which Firefox refuses (Chromium takes them): Vigie calls such a
 *   header invalid.
 * Only the first Strict-Transport-Security header of a response counts (RFC 6797 section 8.1; Chromium never
 * joins these headers with commas): see hstsHeaderOf.
 * A header the browser would ignore gives null.
 */

export interface HstsPolicy {
  /** Seconds. Clamped to MAX_HSTS_AGE, which is far above one year. */
  maxAge: number
  includeSubDomains: boolean
  preload: boolean
}

/** About 68 years: clamping here never hides a policy of one year or more. */
export const MAX_HSTS_AGE = 2 ** 31 - 1

const TCHAR = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/
const DIGITS = /^[0-9]+$/
const OWS = ' \t'
const KNOWN = new Set(['max-age', 'includesubdomains'])

interface Directive {
  name: string
  value: string | null
}

function trimOws(s: string): string {
  let start = 0
  let end = s.length
  while (start < end && OWS.includes(s[start]!)) start++
  while (end > start && OWS.includes(s[end - 1]!)) end--
  return s.slice(start, end)
}

/** Splits on ";" outside quoted-strings; null when a quote is left open. */
function splitDirectives(header: string): string[] | null {
  const parts: string[] = []
  let start = 0
  let quoted = false
  for (let i = 0; i < header.length; i++) {
    const c = header[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') {
      quoted = true
    } else if (c === ';') {
      parts.push(header.slice(start, i))
      start = i + 1
    }
  }
  if (quoted) return null
  parts.push(header.slice(start))
  return parts
}

/** A quoted-string (RFC 7230 3.2.6) to its content, or null when malformed. */
function unquote(raw: string): string | null {
  if (raw.length < 2 || raw[0] !== '"' || raw[raw.length - 1] !== '"') return null
  let out = ''
  for (let i = 1; i < raw.length - 1; i++) {
    let c = raw[i]!
    if (c === '"') return null
    if (c === '\\') {
      i++
      if (i >= raw.length - 1) return null
      c = raw[i]!
    }
    const code = c.charCodeAt(0)
    if ((code < 0x20 && c !== '\t') || code === 0x7f) return null
    out += c
  }
  return out
}

function parseDirective(segment: string): Directive | null | 'empty' {
  const text = trimOws(segment)
  if (text === '') return 'empty'
  const eq = text.indexOf('=')
  const name = trimOws(eq === -1 ? text : text.slice(0, eq))
  if (!TCHAR.test(name)) return null
  if (eq === -1) return { name: name.toLowerCase(), value: null }
  const raw = trimOws(text.slice(eq + 1))
  if (raw.startsWith('"')) {
    const value = unquote(raw)
    return value === null ? null : { name: name.toLowerCase(), value }
  }
  // "name=" with no value: Chromium's name-value iterator refuses the whole header.
  if (raw === '' || !TCHAR.test(raw)) return null
  return { name: name.toLowerCase(), value: raw }
}

export function parseHsts(value: string): HstsPolicy | null {
  if (typeof value !== 'string') return null
  const segments = splitDirectives(value)
  if (segments === null) return null
  const seen = new Set<string>()
  let maxAge: number | null = null
  let includeSubDomains = false
  let preload = false
  for (const segment of segments) {
    const directive = parseDirective(segment)
    if (directive === 'empty') continue
    if (directive === null) return null
    // RFC 6797 6.1 point 2: max-age and includeSubDomains at most once, or the header is invalid. Unknown
    // directives may repeat: Chromium ignores them whole.
    if (KNOWN.has(directive.name)) {
      if (seen.has(directive.name)) return null
      seen.add(directive.name)
    }
    switch (directive.name) {
      case 'max-age': {
        const digits = directive.value
        if (digits === null || !DIGITS.test(digits)) return null
        const trimmed = digits.replace(/^0+(?=.)/, '')
        maxAge = trimmed.length > 10 ? MAX_HSTS_AGE : Math.min(Number(trimmed), MAX_HSTS_AGE)
        break
      }
      case 'includesubdomains':
        if (directive.value !== null) return null
        includeSubDomains = true
        break
      case 'preload':
        // Not part of RFC 6797; browsers ignore its value, the preload list reads it bare.
        preload = true
        break
      default:
        break
    }
  }
  if (maxAge === null) return null
  return { maxAge, includeSubDomains, preload }
}

/** A response header as webRequest hands it: `value` when it is valid UTF-8, else the raw bytes in `binaryValue`. */
export interface RawHeader {
  name: string
  value?: string | undefined
  binaryValue?: ArrayLike<number> | undefined
}

const MAX_HEADER = 8192

/**
 * The Strict-Transport-Security header of a response, as browsers take it: the first one only (RFC 6797 section
 * 8.1: later ones are not processed), its bytes one character each (a non-ASCII byte in a quoted value is legal,
 * and webRequest gives such a header as binaryValue only). null when there is none.
 */
export function hstsHeaderOf(headers: readonly RawHeader[] | undefined): string | null {
  const first = headers?.find(
    (h) => typeof h?.name === 'string' && h.name.toLowerCase() === 'strict-transport-security',
  )
  if (!first) return null
  if (typeof first.value === 'string') return boundHeader(first.value)
  const bytes = first.binaryValue
  if (!bytes || typeof bytes.length !== 'number') return ''
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(Number(bytes[i]) & 0xff)
  return boundHeader(out)
}

/**
 * A header longer than MAX_HEADER, shortened without changing its meaning (it is kept per tab, in bounded storage):
 * a valid one becomes the same policy spelled short, an invalid one stays invalid (a control character is never
 * valid, inside or outside a quoted-string).
 */
function boundHeader(header: string): string {
  if (header.length <= MAX_HEADER) return header
  const policy = parseHsts(header)
  if (policy === null) return `${header.slice(0, MAX_HEADER - 1)}\u0001`
  return `max-age=${policy.maxAge}${policy.includeSubDomains ? '; includeSubDomains' : ''}${policy.preload ? '; preload' : ''}`
}
