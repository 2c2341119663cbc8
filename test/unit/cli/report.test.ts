/** The CLI's pure parts (issue #12): argument parsing and the reports' handling of server text. */
import { describe, expect, it } from 'vitest'
import { parseArgs, parseHostArg } from '../../../src/cli/args.ts'
import { clean, hostReport, pageUrl, toJson, toMarkdown } from '../../../src/cli/report.ts'
import { emptyScanFacts } from '../../../src/scanner/index.ts'

describe('parseHostArg', () => {
  it.each([
    ['example.com', { host: 'example.com', port: 443 }],
    ['Example.COM.:8443', { host: 'example.com', port: 8443 }],
    ['192.0.2.7:444', { host: '192.0.2.7', port: 444 }],
    ['[2001:db8::1]:8443', { host: '2001:db8::1', port: 8443 }],
    ['2001:db8::1', { host: '2001:db8::1', port: 443 }],
  ])('reads %s', (text, expected) => expect(parseHostArg(text)).toEqual(expected))
  it.each([
    '',
    'exa mple.com',
    'example.com:0',
    'example.com:65536',
    'a..b',
    '[nothost]:1',
    'x:y:z',
    'https://example.com',
  ])('refuses %j', (text) => {
    expect(parseHostArg(text)).toBeNull()
  })
})

describe('parseArgs', () => {
  it('reads every option, in both spellings', () => {
    const parsed = parseArgs([
      '--json',
      '--strictness=strict',
      '--ca',
      'a.pem',
      '--ca=b.pem',
      '--resolve',
      'a.example:443:[2001:db8::2]',
      '--http-port=8080',
      'a.example',
    ])
    expect(parsed).toEqual({
      ok: true,
      options: {
        format: 'json',
        strictness: 'strict',
        caFiles: ['a.pem', 'b.pem'],
        resolve: new Map([['a.example:443', '2001:db8::2']]),
        httpPort: 8080,
        hosts: [{ host: 'a.example', port: 443 }],
        help: false,
      },
    })
  })
  it.each([
    [['--ca', '--json', 'a.example'], '--ca needs a file of PEM certificates'],
    [['--strictness'], '--strictness needs a level: relaxed, standard or strict'],
    [['--resolve', '--json'], '--resolve needs HOST:PORT:ADDRESS (got nothing)'],
    [['-hx'], 'unknown option "-hx" (see --help)'],
    [['--', 'a.example'], 'unknown option "--" (see --help)'],
    [['-', 'a.example'], 'unknown option "-" (see --help)'],
    [['a.example', '--bogus=1'], 'unknown option "--bogus" (see --help)'],
  ])('refuses %j with the first mistake on the line', (argv, error) =>
    expect(parseArgs(argv)).toEqual({ ok: false, error }),
  )
  it('takes a value that starts with one dash, and ignores one given to a switch', () => {
    expect(parseArgs(['--ca', '-odd.pem', '--json=1', 'a.example'])).toMatchObject({
      ok: true,
      options: { caFiles: ['-odd.pem'], format: 'json' },
    })
  })
  it('never echoes control characters of a bad argument', () => {
    const parsed = parseArgs(['--\x1b[2Jx'])
    expect(parsed.ok).toBe(false)
    // eslint-disable-next-line no-control-regex
    expect(!parsed.ok && parsed.error).not.toMatch(/\x1b/)
  })
})

describe('reports', () => {
  const failed = {
    ...emptyScanFacts('a|b.example', 443, new Date('2026-06-01T00:00:00Z')),
    error: { code: 'refused' as const, reason: 'refused | <b>\x1b[31m' },
  }
  it('cleans control and bidi characters', () => {
    expect(clean('a\x1b[31mb\u202ec\x9bd')).toBe('a\uFFFD[31mb\uFFFDc\uFFFDd')
  })
  it('escapes what would break a Markdown table or render as HTML', () => {
    const table = toMarkdown([hostReport(failed, 'standard')])
    expect(table.split('\n')[2]).toBe(
      '| a\\|b.example:443 | – | – | could not be scanned: refused \\| &lt;b&gt;\uFFFD[31m | 2026-06-01 |',
    )
  })
  it('escapes C1 and bidi controls in JSON, which JSON.stringify leaves raw', () => {
    const json = toJson([hostReport({ ...failed, error: { code: 'refused', reason: '\u009b\u202e' } }, 'standard')])
    expect(json).toContain('\\u009b\\u202e')
    expect(JSON.parse(json).hosts[0].error.reason).toBe('\u009b\u202e')
  })
  it('grades the https URL of the host and port', () => {
    expect(pageUrl('a.example', 443)).toBe('https://a.example/')
    expect(pageUrl('2001:db8::1', 8443)).toBe('https://[2001:db8::1]:8443/')
  })
})

describe('the text report of issue #20 probes', () => {
  it('names what the probes found, the groups and what was not tested', async () => {
    const { toText } = await import('../../../src/cli/report.ts')
    const scan = {
      ...emptyScanFacts('a.example', 443, new Date('2026-12-01T00:00:00Z')),
      ssl2: false,
      heartbleed: true,
      ccsInjection: false,
      robot: null,
      compression: false,
      secureRenegotiation: true,
      aead: true,
      groups: ['X25519MLKEM768', 'x25519'],
      notTested: ['zombie-poodle'],
    }
    const text = toText(hostReport(scan, 'standard'))
    expect(text).toContain('Heartbleed VULNERABLE, CCS injection no, ROBOT unknown')
    expect(text).toContain('Groups       X25519MLKEM768, x25519')
    expect(text).toContain('Not tested   zombie-poodle')
  })
  it('says when the certificate\'s validation type is unknown, rather than a bare "unknown"', async () => {
    const { toText } = await import('../../../src/cli/report.ts')
    const leaf = {
      subject: 'CN=a.example',
      issuer: 'CN=a.example',
      keyType: 'RSA',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      notAfter: '2026-12-05T00:00:00Z',
    }
    const base = emptyScanFacts('a.example', 443, new Date('2026-12-01T00:00:00Z'))
    const text = (validation: string) =>
      toText(hostReport({ ...base, certificate: { chain: [leaf], validation } as never }, 'standard'))
    expect(text('unknown')).toContain('RSA 2048, sha256WithRSAEncryption, validation type unknown, until 2026-12-05')
    expect(text('DV')).toContain('RSA 2048, sha256WithRSAEncryption, DV, until 2026-12-05')
  })
})
