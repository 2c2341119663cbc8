/**
 * The checks reading the local scanner's facts (issue #12): what the server offers as well as what was negotiated,
 * and the scanner-only findings. Each test starts from a clean scan and changes one thing.
 */
import { describe, expect, it } from 'vitest'
import {
  CHECKS,
  coverageOf,
  gradeSite,
  type ScanFacts,
  type SiteFacts,
  type Strictness,
} from '../../../../src/core/index.ts'
import {
  chromeSite,
  cleanCertificate,
  cleanScan as baselineScan,
  cleanSite,
  OBSERVED,
} from '../../../support/baseline.ts'

/** The baseline scan, with the preload directive this file's HSTS cases start from. */
function cleanScan(): ScanFacts {
  return { ...baselineScan(), hsts: { header: 'max-age=31536000; includeSubDomains; preload' } }
}

/** Chrome: nothing from the browser about TLS or the certificate; the scanner says it all. */
const chrome = (change: Partial<ScanFacts> = {}): SiteFacts => ({
  ...chromeSite(),
  scan: { ...cleanScan(), ...change },
})
/** Firefox: the browser's negotiated facts, plus what the scanner saw offered. */
const firefox = (change: Partial<ScanFacts> = {}): SiteFacts => ({
  ...cleanSite(),
  scan: { ...cleanScan(), ...change },
})

function run(name: string, facts: SiteFacts, strictness: Strictness = 'standard') {
  const check = CHECKS.find((c) => c.name === name)
  if (!check) throw new Error(`no check ${name}`)
  return check.run(facts, strictness)
}
const protocols = (p: Partial<ScanFacts['protocols']>) => ({ protocols: { ...cleanScan().protocols, ...p } })
const weak = (w: Partial<ScanFacts['weakSuites']>) => ({ weakSuites: { ...cleanScan().weakSuites, ...w } })

describe('every check on a clean scan', () => {
  it.each(CHECKS.map((c) => c.name))('%s finds nothing (Chrome and Firefox)', (name) => {
    expect(run(name, chrome())).toEqual([])
    expect(run(name, firefox())).toEqual([])
  })
  it('grades A+ with certificate and tls known from the scanner in Chrome', () => {
    const report = gradeSite(chrome())
    expect(report.grade).toBe('A+')
    expect(report.coverage).toMatchObject({ certificate: true, tls: true })
    expect(coverageOf(chromeSite())).toMatchObject({ certificate: false, tls: false })
  })
  it('counts tls as known from a scan whose normal handshake failed (a legacy-only server)', () => {
    expect(coverageOf(chrome({ negotiated: null, certificate: null }))).toMatchObject({ certificate: false, tls: true })
    expect(coverageOf(chrome({ error: { code: 'refused', reason: 'connection refused' } }))).toMatchObject({
      certificate: false,
      tls: false,
    })
  })
  it('ignores a scan that failed as a whole', () => {
    expect(
      gradeSite(
        chrome({
          error: { code: 'refused', reason: 'connection refused' },
          protocols: { ...cleanScan().protocols, ssl3: true },
        }),
      ).findings,
    ).toEqual(gradeSite(chromeSite()).findings)
  })
})

describe('tls-legacy-protocol from the scanner', () => {
  it('flags SSL 3 offered as critical (F), saying it is offered', () => {
    const report = gradeSite(firefox(protocols({ ssl3: true })))
    const f = report.findings.find((x) => x.id === 'tls-legacy-protocol')
    expect(f).toMatchObject({
      variant: 'ssl3',
      severity: 'critical',
      cap: 'F',
      source: 'scanner',
      detail: { protocols: 'sslv3', how: 'offered' },
    })
    expect(report.grade).toBe('F')
  })
  it('flags TLS 1.0 offered, not critical', () => {
    expect(run('tls-legacy-protocol', chrome(protocols({ tls1: true })))).toEqual([
      {
        id: 'tls-legacy-protocol',
        source: 'scanner',
        observedAt: OBSERVED,
        detail: { protocols: 'tlsv1', how: 'offered' },
      },
    ])
  })
  it('says negotiated when the connection used it', () => {
    const facts = firefox(protocols({ tls1: true }))
    facts.tls = { ...facts.tls!, protocol: 'TLSv1' }
    expect(run('tls-legacy-protocol', facts)[0]?.detail).toEqual({ protocols: 'tlsv1', how: 'negotiated' })
  })
  it('says nothing of an unknown verdict', () =>
    expect(run('tls-legacy-protocol', chrome(protocols({ ssl3: null, tls1: null })))).toEqual([]))
})

describe('tls-weak-cipher from the scanner', () => {
  it.each(['export', 'null', 'anon'] as const)('flags %s suites offered as broken (F)', (family) => {
    const [o] = run('tls-weak-cipher', chrome(weak({ [family]: true })))
    expect(o).toMatchObject({ id: 'tls-weak-cipher', variant: 'broken', source: 'scanner', detail: { how: 'offered' } })
    expect(gradeSite(chrome(weak({ [family]: true }))).grade).toBe('F')
  })
  it.each(['rc4', 'tripleDes'] as const)('flags %s offered as weak, not broken', (family) => {
    const [o] = run(
      'tls-weak-cipher',
      chrome({ ...weak({ [family]: true }), acceptedWeakSuites: ['TLS_RSA_WITH_3DES_EDE_CBC_SHA'] }),
    )
    expect(o).toMatchObject({
      id: 'tls-weak-cipher',
      detail: { cipherSuite: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', how: 'offered' },
    })
    expect(o?.variant).toBeUndefined()
  })
})

describe('tls-no-forward-secrecy from the scanner', () => {
  it('flags a server that picks static RSA when offered both', () => {
    expect(run('tls-no-forward-secrecy', chrome({ forwardSecrecyPreferred: false }))).toEqual([
      {
        id: 'tls-no-forward-secrecy',
        source: 'scanner',
        observedAt: OBSERVED,
        detail: { offered: true, how: 'offered' },
      },
    ])
  })
  it('does not flag a server that merely accepts static RSA from a client offering nothing else', () => {
    expect(run('tls-no-forward-secrecy', chrome({ staticRsa: true }))).toEqual([])
  })
  it('flags a negotiated static RSA handshake as negotiated', () => {
    const negotiated = {
      protocol: 'TLSv1.2',
      cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA',
      keyExchange: 'RSA',
      group: '',
    }
    expect(run('tls-no-forward-secrecy', chrome({ negotiated }))[0]?.detail).toMatchObject({ how: 'negotiated' })
  })
})

describe('tls-no-tls13 from the scanner', () => {
  it('flags a server that does not offer TLS 1.3', () => {
    expect(run('tls-no-tls13', firefox(protocols({ tls1_3: false })))[0]).toMatchObject({
      source: 'scanner',
      detail: { how: 'offered' },
    })
  })
  it('trusts the scan over one connection when the server offers TLS 1.3', () => {
    const facts = firefox()
    facts.tls = { ...facts.tls!, protocol: 'TLSv1.2' }
    expect(run('tls-no-tls13', facts)).toEqual([])
  })
})

describe('tls-weak-dh', () => {
  it('flags a 1024-bit group (B at standard)', () => {
    const [f] = gradeSite(chrome({ dhe: true, dhBits: 1024 })).findings
    expect(f).toMatchObject({ id: 'tls-weak-dh', cap: 'B', detail: { bits: 1024 } })
    expect(f?.variant).toBeUndefined()
  })
  it('flags a group below 1024 bits as broken (F)', () => {
    expect(gradeSite(chrome({ dhe: true, dhBits: 512 })).findings[0]).toMatchObject({
      id: 'tls-weak-dh',
      variant: 'broken',
      cap: 'F',
    })
  })
  it('is silent at 2048 bits and when unknown', () => {
    expect(run('tls-weak-dh', chrome({ dhe: true, dhBits: 2048 }))).toEqual([])
    expect(run('tls-weak-dh', chrome({ dhe: null, dhBits: null }))).toEqual([])
  })
})

describe('tls-vulnerable', () => {
  it.each([
    ['heartbleed', { heartbleed: true }],
    ['ccs-injection', { ccsInjection: true }],
    ['robot', { staticRsa: true, robot: true }],
  ] as const)('fails a server vulnerable to %s (F at every level)', (attack, change) => {
    for (const level of ['relaxed', 'standard', 'strict'] as const) {
      const report = gradeSite(chrome(change), level)
      expect(report.grade).toBe('F')
      expect(report.findings[0]).toMatchObject({
        id: 'tls-vulnerable',
        severity: 'critical',
        source: 'scanner',
        detail: { attacks: attack },
      })
    }
  })
  it('names every attack found, in one finding', () => {
    const found = run('tls-vulnerable', chrome({ heartbleed: true, ccsInjection: true }))
    expect(found).toHaveLength(1)
    expect(found[0]?.detail).toEqual({ attacks: 'heartbleed ccs-injection' })
  })
  it('is silent when the probes found nothing, or could not tell', () => {
    expect(run('tls-vulnerable', chrome({ heartbleed: false, ccsInjection: false, robot: false }))).toEqual([])
    expect(run('tls-vulnerable', chrome({ heartbleed: null, ccsInjection: null, robot: null }))).toEqual([])
    expect(run('tls-vulnerable', chrome())).toEqual([])
  })
})

describe('tls-compression', () => {
  it('flags TLS compression (CRIME): C at standard, as SSL Labs caps it', () => {
    const [f] = gradeSite(chrome({ compression: true })).findings
    expect(f).toMatchObject({ id: 'tls-compression', cap: 'C', source: 'scanner' })
  })
  it('is silent without compression, or when unknown', () => {
    expect(run('tls-compression', chrome({ compression: false }))).toEqual([])
    expect(run('tls-compression', chrome({ compression: null }))).toEqual([])
  })
})

describe('tls-no-fallback-scsv', () => {
  it('flags a server that ignores TLS_FALLBACK_SCSV (A- at standard)', () => {
    const report = gradeSite(chrome({ fallbackScsv: false }))
    expect(report.findings.map((f) => f.id)).toEqual(['tls-no-fallback-scsv'])
    expect(report.grade).toBe('A-')
  })
  it('is silent when unknown or not applicable', () =>
    expect(run('tls-no-fallback-scsv', chrome({ fallbackScsv: null }))).toEqual([]))
})

describe('http-not-redirected', () => {
  it('flags a plain-http site that serves pages', () => {
    expect(run('http-not-redirected', chrome({ httpRedirect: 'serves-pages' }))).toEqual([
      { id: 'http-not-redirected', source: 'scanner', observedAt: OBSERVED },
    ])
  })
  it.each(['redirects-to-https', 'no-http', 'unknown'] as const)('is silent when %s', (redirect) => {
    expect(run('http-not-redirected', chrome({ httpRedirect: redirect }))).toEqual([])
  })
})

describe('certificate and trust from the scanner', () => {
  it('reads a SHA-1 chain in Chrome', () => {
    const certificate = cleanCertificate()
    certificate.chain[1] = { ...certificate.chain[1]!, signatureHash: 'sha1' }
    expect(gradeSite(chrome({ certificate: { ...certificate, source: 'scanner' } })).findings[0]).toMatchObject({
      id: 'cert-sha1',
      cap: 'F',
      source: 'scanner',
    })
  })
  it('flags an untrusted chain when the browser did not tell', () => {
    const trust = { trusted: false, nameMatches: true, error: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' }
    expect(run('cert-untrusted', chrome({ trust }))).toEqual([
      {
        id: 'cert-untrusted',
        source: 'scanner',
        observedAt: OBSERVED,
        detail: { error: 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', nameMatches: true },
      },
    ])
  })
  it('lets the browser decide trust when it saw the certificate (Firefox)', () => {
    expect(run('cert-untrusted', firefox({ trust: { trusted: false, nameMatches: true, error: 'x' } }))).toEqual([])
  })
})

describe('hsts from the scanner', () => {
  it('flags a missing header when the browser gave none (no transport facts)', () => {
    const { transport: _t, ...facts } = chrome({ hsts: { header: null } })
    expect(gradeSite(facts).findings.map((f) => f.id)).toEqual(['hsts-missing'])
  })
  it('lets the browser response win', () => {
    expect(gradeSite(chrome({ hsts: { header: null } })).findings).toEqual([])
  })
})

describe('scan-incomplete (issue #21: a grade is never better than what was seen)', () => {
  it('keeps a scan that saw no certificate and no protocol from A+ in Chrome', () => {
    const report = gradeSite(chrome({ negotiated: null, certificate: null, trust: null }))
    expect(report.grade).not.toBe('A+')
    expect(report.findings.find((f) => f.id === 'scan-incomplete')?.detail).toEqual({
      missing: 'certificate, protocol',
    })
  })
  it('names an unread HSTS header when no browser response told it (the CLI)', () => {
    const cli: SiteFacts = { page: { url: 'https://console.example.com/' }, scan: { ...cleanScan(), hsts: null } }
    expect(run('scan-incomplete', cli)).toMatchObject([{ detail: { missing: 'hsts' } }])
    expect(run('scan-incomplete', chrome({ hsts: null }))).toEqual([])
  })
  it('says nothing when the browser told what the scan missed (Firefox), or without a scan', () => {
    expect(run('scan-incomplete', firefox({ negotiated: null, certificate: null }))).toEqual([])
    expect(run('scan-incomplete', chromeSite())).toEqual([])
    expect(
      run(
        'scan-incomplete',
        chrome({ error: { code: 'refused', reason: 'connection refused' }, negotiated: null, certificate: null }),
      ),
    ).toEqual([])
  })
})

describe('issue #20 facts in the existing checks', () => {
  const none = { rc4: false, tripleDes: false, cbcOnly: true, null: false, anon: false, export: false, aead: false }
  it('tls-weak-cipher: RC4 accepted under SSL 3 only (issue #21)', () => {
    const found = run(
      'tls-weak-cipher',
      chrome({
        suitesByProtocol: {
          ssl3: { ...none, rc4: true, cbcOnly: false },
          tls1_2: { ...none, cbcOnly: false, aead: true },
        },
      }),
    )
    expect(found).toMatchObject([{ id: 'tls-weak-cipher', source: 'scanner', detail: { how: 'offered' } }])
    expect(run('tls-weak-cipher', chrome({ suitesByProtocol: { tls1: { ...none, export: true } } }))).toMatchObject([
      { variant: 'broken' },
    ])
    expect(
      run('tls-weak-cipher', chrome({ suitesByProtocol: { tls1_2: { ...none, cbcOnly: false, aead: true } } })),
    ).toEqual([])
  })
  it('tls-legacy-protocol: SSL 2 offered', () => {
    expect(run('tls-legacy-protocol', chrome({ ssl2: true }))).toMatchObject([
      { variant: 'ssl3', detail: { protocols: 'sslv2', how: 'offered' } },
    ])
    expect(run('tls-legacy-protocol', chrome({ ssl2: false }))).toEqual([])
  })
})
