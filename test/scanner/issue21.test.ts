/**
 * Issue #21's scanner cases: the scanner's word must never be stronger than what it saw. Each describe is one
 * server that fooled the old scanner.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { gradeSite } from '../../src/core/index.ts'
import { pageUrl } from '../../src/cli/report.ts'
import { scanAddresses, scanHost, type ScanFacts } from '../../src/scanner/index.ts'
import { hostReportOf, toText } from '../../src/cli/report.ts'
import { httpRoutes, intolerantFront, NAME, tlsServer, WEAK } from './fixtures.ts'
import { useScanLab } from './lab.ts'

const lab = useScanLab()
const { start, scan } = lab
const grade = (facts: ScanFacts) =>
  gradeSite({ page: { url: pageUrl(facts.host, facts.port) }, scan: facts }, 'standard')

describe('a server that resets every hello announcing TLS 1.3 (version intolerance)', () => {
  let facts: ScanFacts
  beforeAll(async () => {
    const backend = await start(
      tlsServer(
        { ...lab.pki.good, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' },
        { 'Strict-Transport-Security': 'max-age=31536000' },
      ),
    )
    const front = await start(intolerantFront(backend.port))
    facts = await scan(front.port)
  })
  it('keeps the chain of the TLS 1.2 handshake that worked', () => {
    expect(facts.negotiated).toMatchObject({ protocol: 'TLSv1.2' })
    expect(facts.certificate?.chain[0]?.signatureHash).toBe('sha256')
    expect(facts.trust).toMatchObject({ trusted: true, nameMatches: true })
  })
  it('reads the HSTS header over TLS 1.2', () => expect(facts.hsts).toEqual({ header: 'max-age=31536000' }))
  it('reads the reset of a TLS 1.3 hello as "TLS 1.3 not offered", since TLS 1.2 works', () => {
    expect(facts.protocols.tls1_3).toBe(false)
  })
  it('is not graded A+', () => {
    expect(grade(facts).grade).not.toBe('A+')
    expect(grade(facts).findings.map((f) => f.id)).toContain('tls-no-tls13')
  })
})

describe('trust: the real reason, the store that decided, an incomplete chain', () => {
  const leafOnly = (pem: string) => pem.slice(0, pem.indexOf('-----END CERTIFICATE-----') + 25)
  it('names the SHA-1 intermediate as the reason when --ca gave the root', async () => {
    const https = await start(tlsServer(WEAK(lab.pki)))
    const facts = await scan(https.port)
    expect(facts.trust?.trusted).toBe(false)
    expect(facts.trust?.error).not.toMatch(/unknown issuer/)
    expect(facts.trust?.error).toMatch(/too weak|SHA-1/)
    expect(facts.trust?.incompleteChain).toBe(false)
  })
  it('says the --ca root decided', async () => {
    const https = await start(tlsServer({ ...lab.pki.good, minVersion: 'TLSv1.2' }))
    expect((await scan(https.port)).trust).toEqual({
      trusted: true,
      nameMatches: true,
      error: null,
      store: 'extra',
      incompleteChain: false,
    })
  })
  it("trusts the system's store (SSL_CERT_FILE) and says so", async () => {
    const https = await start(tlsServer({ ...lab.pki.good, minVersion: 'TLSv1.2' }))
    const before = process.env.SSL_CERT_FILE
    process.env.SSL_CERT_FILE = lab.pki.rootFile
    try {
      const facts = await scanHost({ host: NAME, port: https.port, address: '127.0.0.1' }, { httpPort: 1 })
      expect(facts.trust).toMatchObject({ trusted: true, store: 'system' })
    } finally {
      if (before === undefined) delete process.env.SSL_CERT_FILE
      else process.env.SSL_CERT_FILE = before
    }
  })
  it('tells a missing intermediate from an untrusted root', async () => {
    const missing = await start(
      tlsServer({
        key: lab.pki.sha1.key,
        cert: leafOnly(lab.pki.sha1.cert),
        minVersion: 'TLSv1.2',
        ciphers: 'DEFAULT@SECLEVEL=0',
      }),
    )
    const incomplete = await scan(missing.port)
    expect(incomplete.trust).toMatchObject({ trusted: false, incompleteChain: true, store: null })
    expect(incomplete.trust?.error).toMatch(/^incomplete chain/)
    const rooted = await start(
      tlsServer({ key: lab.pki.good.key, cert: lab.pki.good.cert + lab.pki.rootPem, minVersion: 'TLSv1.2' }),
    )
    const untrusted = await scanHost({ host: NAME, port: rooted.port, address: '127.0.0.1' }, { httpPort: 1 })
    expect(untrusted.trust).toMatchObject({ trusted: false, incompleteChain: false })
  })
})

describe('a plain-http address that redirects to another plain-http page (issue #21)', () => {
  let httpsPort: number
  beforeAll(async () => {
    httpsPort = (
      await start(
        tlsServer({ ...lab.pki.good, minVersion: 'TLSv1.2' }, { 'Strict-Transport-Security': 'max-age=31536000' }),
      )
    ).port
  })
  const redirectOf = async (routes: (http: number) => Record<string, string | null>) => {
    let port = 0
    const http = await start(httpRoutes(new Proxy({}, { get: (_t, key: string) => routes(port)[key] })))
    port = http.port
    return (await scan(httpsPort, { httpPort: http.port })).httpRedirect
  }
  it('follows the chain on the same host to the login form served in clear', async () => {
    expect(
      await redirectOf((p) => ({
        '/': `http://${NAME}:${p}/account`,
        '/account': '/login?next=%2F',
        '/login?next=%2F': null,
      })),
    ).toBe('serves-pages')
  })
  it('follows it to https', async () => {
    expect(await redirectOf((p) => ({ '/': `http://${NAME}:${p}/a`, '/a': `https://${NAME}/` }))).toBe(
      'redirects-to-https',
    )
  })
  it('does not leave the scanned host, and stops on a loop', async () => {
    expect(await redirectOf(() => ({ '/': 'http://elsewhere.example/' }))).toBe('unknown')
    expect(await redirectOf((p) => ({ '/': `http://${NAME}:${p}/b`, '/b': '/' }))).toBe('unknown')
  })
})

describe('every address of the name (issue #20)', () => {
  it('scans each address the name resolves to, and reports the worst', async () => {
    const v4 = await start(
      tlsServer(
        { ...lab.pki.good, minVersion: 'TLSv1.2' },
        { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' },
      ),
    )
    await start(tlsServer(WEAK(lab.pki), {}, { host: '::1', port: v4.port }))
    const resolve = async () => [
      { address: '127.0.0.1', family: 4 },
      { address: '::1', family: 6 },
    ]
    const scans = await scanAddresses({ host: NAME, port: v4.port }, { ca: [lab.pki.rootPem], httpPort: 1, resolve })
    expect(scans.map((s) => s.address)).toEqual(['127.0.0.1', '::1'])
    const report = hostReportOf(scans, 'standard')
    expect(report.scan.address).toBe('::1')
    expect(report.grade).toBe('F')
    expect(report.addresses?.map((a) => [a.address, a.grade, a.worst])).toEqual([
      ['127.0.0.1', 'A+', false],
      ['::1', 'F', true],
    ])
    expect(toText(report)).toContain('::1 F (reported: the worst)')
  })
  it("scans only the address given (--resolve, or the browser's address for the companion)", async () => {
    const https = await start(tlsServer({ ...lab.pki.good, minVersion: 'TLSv1.2' }))
    const resolve = async () => [{ address: '192.0.2.1', family: 4 }]
    const scans = await scanAddresses(
      { host: NAME, port: https.port, address: '127.0.0.1' },
      { ca: [lab.pki.rootPem], httpPort: 1, resolve },
    )
    expect(scans.map((s) => s.address)).toEqual(['127.0.0.1'])
    expect(hostReportOf(scans, 'standard').addresses).toBeUndefined()
  })
})
