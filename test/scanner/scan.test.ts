/**
 * The scanner against servers made at test time (issue #12). Each describe is one kind of server; each `it` one
 * verdict, read from ScanFacts and from the grade the core gives them.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { gradeSite } from '../../src/core/index.ts'
import { pageUrl } from '../../src/cli/report.ts'
import { rateServer } from '../../src/core/rating/index.ts'
import { scanHost, type ScanFacts } from '../../src/scanner/index.ts'
import { cannedServer, hostileServer, httpServer, MODERN, NAME, tlsServer, WEAK, type Hostility } from './fixtures.ts'
import { useScanLab } from './lab.ts'

const lab = useScanLab()
const { start, scan } = lab
const grade = (facts: ScanFacts, strictness: 'relaxed' | 'standard' | 'strict' = 'standard') =>
  gradeSite({ page: { url: pageUrl(facts.host, facts.port) }, scan: facts }, strictness)
const ids = (facts: ScanFacts) => grade(facts).findings.map((f) => f.id)

describe('a modern server (TLS 1.2-1.3, ECDHE, SHA-256 chain, HSTS, http redirect)', () => {
  let facts: ScanFacts
  let httpsPort: number
  beforeAll(async () => {
    const https = await start(
      tlsServer(MODERN(lab.pki), { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' }),
    )
    const http = await start(httpServer(`https://${NAME}:${https.port}/`))
    httpsPort = https.port
    facts = await scan(https.port, { httpPort: http.port })
  })
  it('offers TLS 1.2 and 1.3 only', () => {
    expect(facts.protocols).toEqual({ ssl3: false, tls1: false, tls1_1: false, tls1_2: true, tls1_3: true })
    expect(facts.ssl2).toBe(false)
  })
  it('negotiates TLS 1.3 with an ephemeral key exchange', () => {
    expect(facts.negotiated).toMatchObject({ protocol: 'TLSv1.3', keyExchange: 'ECDHE' })
  })
  it('accepts no weak suite family, and AEAD suites', () => {
    expect(facts.weakSuites).toEqual({ export: false, rc4: false, tripleDes: false, null: false, anon: false })
    expect(facts.suitesByProtocol).toEqual({
      tls1_2: { rc4: false, tripleDes: false, cbcOnly: false, null: false, anon: false, export: false, aead: true },
    })
    expect(facts.aead).toBe(true)
  })
  it('prefers forward secrecy', () => expect(facts.forwardSecrecyPreferred).toBe(true))
  it('honours TLS_FALLBACK_SCSV (OpenSSL does)', () => expect(facts.fallbackScsv).toBe(true))
  it('accepts the groups OpenSSL 3.0 offers', () => {
    expect(facts.groups).toEqual(['x25519', 'secp256r1', 'secp384r1', 'secp521r1', 'x448'])
  })
  it('renegotiates securely, without compression or heartbeats', () => {
    expect(facts).toMatchObject({ secureRenegotiation: true, compression: false, heartbeat: false })
  })
  it('is not vulnerable to Heartbleed, CCS injection or ROBOT (OpenSSL 3, static RSA accepted)', () => {
    expect(facts).toMatchObject({ staticRsa: true, heartbleed: false, ccsInjection: false, robot: false })
  })
  it('reads and trusts the chain with --ca', () => {
    expect(facts.trust).toEqual({
      trusted: true,
      nameMatches: true,
      error: null,
      store: 'extra',
      incompleteChain: false,
    })
    expect(facts.certificate?.chain[0]?.signatureHash).toBe('sha256')
    expect(facts.certificate?.source).toBe('scanner')
  })
  it('reads the HSTS header and the redirect', () => {
    expect(facts.hsts).toEqual({ header: 'max-age=31536000; includeSubDomains' })
    expect(facts.httpRedirect).toBe('redirects-to-https')
  })
  it('learns everything, within the connection budget', () => {
    expect(facts.unknown).toEqual([])
    expect(facts.notTested).toEqual([
      'zombie-poodle',
      'goldendoodle',
      'sleeping-poodle',
      'openssl-0-length-padding-oracle',
    ])
    expect(facts.error).toBeUndefined()
    expect(facts.connections).toBeLessThanOrEqual(40)
  })
  it('grades A+ at standard', () => {
    expect(grade(facts).grade).toBe('A+')
    expect(grade(facts).coverage).toMatchObject({ certificate: true, tls: true })
  })
  it('is untrusted without the test root', async () => {
    const bare = await scanHost({ host: NAME, port: httpsPort, address: '127.0.0.1' }, { httpPort: 1 })
    expect(bare.trust?.trusted).toBe(false)
    expect(ids(bare)).toContain('cert-untrusted')
  })
})

describe('a weak OpenSSL 3 server (TLS 1.0-1.2, static RSA first, DHE 1024, SHA-1 chain, no HSTS, http pages)', () => {
  let facts: ScanFacts
  beforeAll(async () => {
    const https = await start(tlsServer(WEAK(lab.pki)))
    const http = await start(httpServer(null))
    facts = await scan(https.port, { httpPort: http.port })
  })
  it('offers TLS 1.0, 1.1 and 1.2 but not 1.3 or SSL 3', () => {
    expect(facts.protocols).toEqual({ ssl3: false, tls1: true, tls1_1: true, tls1_2: true, tls1_3: false })
  })
  it('negotiates static RSA, its first choice, and does not prefer forward secrecy', () => {
    expect(facts.negotiated).toMatchObject({
      protocol: 'TLSv1.2',
      keyExchange: 'RSA',
      cipherSuite: 'TLS_RSA_WITH_AES_128_CBC_SHA',
    })
    expect(facts.forwardSecrecyPreferred).toBe(false)
    expect(facts.staticRsa).toBe(true)
  })
  it('reads the 1024-bit DHE group from the ServerKeyExchange', () => {
    expect(facts.dhe).toBe(true)
    expect(facts.dhBits).toBe(1024)
  })
  it('sees the SHA-1 chain', () => {
    expect(facts.certificate?.chain.map((c) => c.signatureHash).slice(0, 2)).toEqual(['sha1', 'sha1'])
  })
  it('sees the missing HSTS header and the page served in clear', () => {
    expect(facts.hsts).toEqual({ header: null })
    expect(facts.httpRedirect).toBe('serves-pages')
  })
  it('gives the findings SSL Labs would, and F', () => {
    const found = ids(facts)
    for (const id of [
      'cert-sha1',
      'tls-legacy-protocol',
      'tls-no-forward-secrecy',
      'tls-weak-dh',
      'tls-no-tls13',
      'hsts-missing',
      'http-not-redirected',
    ] as const) {
      expect(found, id).toContain(id)
    }
    expect(found).not.toContain('tls-no-fallback-scsv')
    expect(grade(facts).grade).toBe('F')
    const legacy = grade(facts).findings.find((f) => f.id === 'tls-legacy-protocol')
    expect(legacy?.detail).toMatchObject({ how: 'offered', protocols: 'tlsv1, tlsv1.1' })
  })
})

describe('an EV certificate', () => {
  it('is read as EV', async () => {
    const https = await start(tlsServer({ ...lab.pki.ev, minVersion: 'TLSv1.2' }))
    const facts = await scan(https.port)
    expect(facts.certificate?.validation).toBe('EV')
    expect(ids(facts)).not.toContain('cert-not-ev')
    expect(
      gradeSite(
        {
          page: { url: pageUrl(NAME, https.port) },
          scan: { ...facts, certificate: { ...facts.certificate!, validation: 'OV' } },
        },
        'strict',
      ).findings.map((f) => f.id),
    ).toContain('cert-not-ev')
  })
})

describe('a legacy server answering raw hellos (canned ServerHello)', () => {
  let facts: ScanFacts
  beforeAll(async () => {
    const canned = await start(
      cannedServer({
        versions: [0x0300, 0x0301],
        suites: [0x0008, 0x0005, 0x000a, 0x0014, 0x002f],
        dhBits: 512,
        ignoresFallbackScsv: true,
        ssl2: true,
        compression: true,
        heartbeat: true,
      }),
    )
    facts = await scan(canned.port)
  })
  it('speaks SSL 2, SSL 3 and TLS 1.0 only', () => {
    expect(facts.protocols).toEqual({ ssl3: true, tls1: true, tls1_1: false, tls1_2: false, tls1_3: false })
    expect(facts.ssl2).toBe(true)
  })
  it('accepts export, RC4 and 3DES suites, not NULL or anonymous ones', () => {
    expect(facts.weakSuites).toEqual({ export: true, rc4: true, tripleDes: true, null: false, anon: false })
    expect(facts.acceptedWeakSuites).toContain('TLS_RSA_EXPORT_WITH_DES40_CBC_SHA')
  })
  it('ignores TLS_FALLBACK_SCSV', () => expect(facts.fallbackScsv).toBe(false))
  it('compresses (CRIME), answers heartbeats and knows no secure renegotiation', () => {
    expect(facts).toMatchObject({ compression: true, heartbeat: true, secureRenegotiation: false })
  })
  it('finds the 512-bit group of its export DHE suite, though it prefers RSA export (Logjam)', () => {
    expect(facts.dhBits).toBe(512)
    expect(grade(facts).findings.find((f) => f.id === 'tls-weak-dh')).toMatchObject({ variant: 'broken', cap: 'F' })
  })
  it('grades F: SSL 3 and export suites are critical', () => {
    const report = grade(facts)
    expect(report.grade).toBe('F')
    expect(report.findings.find((f) => f.id === 'tls-legacy-protocol')).toMatchObject({
      variant: 'ssl3',
      severity: 'critical',
    })
    expect(report.findings.find((f) => f.id === 'tls-weak-cipher')).toMatchObject({
      variant: 'broken',
      severity: 'critical',
    })
    expect(report.findings.map((f) => f.id)).toContain('tls-no-fallback-scsv')
  })
  it('says what it could not learn: no certificate from a server that hangs up after its hello', () => {
    expect(facts.negotiated).toBeNull()
    expect(facts.unknown.map((u) => u.check)).toContain('certificate')
  })
})

describe('a canned server that accepts RC4 under SSL 3 only, and 3DES under TLS 1.0 only (issue #21)', () => {
  let facts: ScanFacts
  beforeAll(async () => {
    const canned = await start(
      cannedServer({
        versions: [0x0300, 0x0301, 0x0302, 0x0303],
        suites: [0x009c, 0x002f],
        suitesByVersion: { 0x0300: [0x0005, 0x002f], 0x0301: [0x000a, 0x002f] },
      }),
    )
    facts = await scan(canned.port)
  })
  it('sees each family under its own version', () => {
    expect(facts.suitesByProtocol?.ssl3).toEqual({
      rc4: true,
      tripleDes: false,
      cbcOnly: false,
      null: false,
      anon: false,
      export: false,
      aead: false,
    })
    expect(facts.suitesByProtocol?.tls1).toMatchObject({ rc4: false, tripleDes: true, cbcOnly: true })
    expect(facts.suitesByProtocol?.tls1_2).toEqual({
      rc4: false,
      tripleDes: false,
      cbcOnly: false,
      null: false,
      anon: false,
      export: false,
      aead: true,
    })
    expect(facts.weakSuites).toEqual({ export: false, rc4: true, tripleDes: true, null: false, anon: false })
    expect(facts.aead).toBe(true)
  })
  it('reports tls-weak-cipher', () => {
    expect(ids(facts)).toContain('tls-weak-cipher')
  })
})

describe('the strongest cipher accepted (issue #20: the rating scores the strongest and the weakest)', () => {
  const only = async (options: Parameters<typeof tlsServer>[0]) =>
    scan((await start(tlsServer({ ...lab.pki.good, ...options }))).port)
  it('finds AES-256 under TLS 1.2 when the server picks AES-128 first', async () => {
    const facts = await only({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384',
      honorCipherOrder: true,
    })
    expect(facts.negotiated?.cipherSuite).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256')
    expect(facts.strongCipher).toBe(true)
    expect(rateServer(facts)?.score.cipher).toBe(90)
  })
  it('finds a 256-bit CBC suite with SHA-384 (no AEAD at all)', async () => {
    const facts = await only({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384',
      honorCipherOrder: true,
    })
    expect(facts.strongCipher).toBe(true)
  })
  it('finds none when every suite is 128 bits', async () => {
    const facts = await only({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.2',
      ciphers: 'ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA256',
    })
    expect(facts.strongCipher).toBe(false)
    expect(rateServer(facts)?.score.cipher).toBe(80)
  })
  it('asks TLS 1.3 for its 256-bit suites when the server speaks TLS 1.3 only', async () => {
    const strong = await only({ minVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384' })
    expect(strong.strongCipher).toBe(true)
    const weak = await only({ minVersion: 'TLSv1.3', ciphers: 'TLS_AES_128_GCM_SHA256' })
    expect(weak.strongCipher).toBe(false)
  })
})

describe('a canned TLS 1.3 server with post-quantum key exchange', () => {
  it('names X25519MLKEM768 and x25519 from HelloRetryRequests, and nothing it lacks', async () => {
    const canned = await start(cannedServer({ versions: [0x0303], suites: [0xc02f], tls13Groups: [0x11ec, 0x001d] }))
    const facts = await scan(canned.port)
    expect(facts.groups).toEqual(['X25519MLKEM768', 'x25519'])
  })
})

describe('a DHE-only canned server with a 512-bit group', () => {
  it('reports the export-grade group as broken', async () => {
    const canned = await start(
      cannedServer({ versions: [0x0301, 0x0302, 0x0303], suites: [0x0033, 0x0039], dhBits: 512 }),
    )
    const facts = await scan(canned.port)
    expect(facts.dhBits).toBe(512)
    expect(grade(facts).findings.find((f) => f.id === 'tls-weak-dh')).toMatchObject({ variant: 'broken', cap: 'F' })
  })
})

describe('hostile servers: the scan ends, says why, and never throws', () => {
  const limits = { connectionTimeoutMs: 400, hostTimeoutMs: 3000 }
  it.each<Hostility>(['garbage', 'huge-record', 'reset', 'silence', 'slow-drip'])('%s', async (kind) => {
    const server = await start(hostileServer(kind))
    const t0 = performance.now()
    const facts = await scan(server.port, { limits })
    expect(performance.now() - t0).toBeLessThan(limits.hostTimeoutMs + 1000)
    expect(facts.connections).toBeLessThanOrEqual(40)
    expect(grade(facts).findings.filter((f) => f.source === 'scanner')).toEqual([])
    if (facts.error) expect(facts.error.reason).toMatch(/\S/)
    else expect(facts.unknown.length).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(facts))).toEqual(facts)
  })
  it('reports a refused port as such', async () => {
    const facts = await scanHost({ host: '127.0.0.1', port: 1 }, { httpPort: 1 })
    expect(facts.error).toEqual({ code: 'refused', reason: 'connection refused' })
  })
  it('reports an unknown host as such', async () => {
    const facts = await scanHost({ host: 'no-such-host.invalid' })
    expect(facts.error?.code).toBe('unknown-host')
  })
  it('stops when cancelled', async () => {
    const server = await start(hostileServer('silence'))
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 100)
    const t0 = performance.now()
    const facts = await scan(server.port, { signal: controller.signal })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(facts.error).toEqual({ code: 'aborted', reason: 'the scan was cancelled' })
  })
})

describe('a TLS 1.3-only server', () => {
  it('offers only TLS 1.3, and so forward secrecy to every client', async () => {
    const https = await start(
      tlsServer(
        { ...lab.pki.good, minVersion: 'TLSv1.3' },
        { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' },
      ),
    )
    const facts = await scan(https.port)
    expect(facts.protocols).toEqual({ ssl3: false, tls1: false, tls1_1: false, tls1_2: false, tls1_3: true })
    expect(facts.forwardSecrecyPreferred).toBe(true)
    expect(facts.fallbackScsv).toBeNull()
    expect(facts).toMatchObject({ secureRenegotiation: null, compression: false, heartbeat: false, aead: true })
    expect(facts.unknown).toEqual([])
    expect(grade(facts).grade).toBe('A+')
  })
})
