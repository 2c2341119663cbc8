import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { chainAt, inspectCertificateChain, type InspectedCertificate } from '../../../src/core/index.ts'

const der = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(resolve(import.meta.dirname, `../../fixtures/certs/${name}.der`)))
const NOW = new Date('2026-06-01T00:00:00Z')

function leaf(name: string, ...rest: string[]): InspectedCertificate {
  const result = inspectCertificateChain([der(name), ...rest.map(der)], NOW)
  const first = result.certificates[0]!
  if (!first.readable) throw new Error(`${name} unreadable: ${first.reason}`)
  return first
}

describe('inspectCertificateChain: signature', () => {
  it('reads ECDSA with SHA-256', () => {
    expect(leaf('leaf-p256')).toMatchObject({ signatureAlgorithm: 'ecdsa-with-SHA256', signatureHash: 'sha256' })
  })
  it('reads ECDSA with SHA-384', () => {
    expect(leaf('leaf-p384')).toMatchObject({ signatureAlgorithm: 'ecdsa-with-SHA384', signatureHash: 'sha384' })
  })
  it('reads RSA with SHA-512', () => {
    expect(leaf('leaf-rsa4096')).toMatchObject({
      signatureAlgorithm: 'sha512WithRSAEncryption',
      signatureHash: 'sha512',
    })
  })
  it('reads a SHA-1 signature', () => {
    expect(leaf('leaf-sha1')).toMatchObject({ signatureAlgorithm: 'sha1WithRSAEncryption', signatureHash: 'sha1' })
  })
  it('reads an MD5 signature', () => {
    expect(leaf('leaf-md5')).toMatchObject({ signatureAlgorithm: 'md5WithRSAEncryption', signatureHash: 'md5' })
  })
  it('reads the hash of an RSASSA-PSS signature from its parameters', () => {
    expect(leaf('leaf-pss')).toMatchObject({ signatureAlgorithm: 'RSASSA-PSS', signatureHash: 'sha384' })
  })
  it('reads a SHA-1 signature on an intermediate', () => {
    const chain = inspectCertificateChain([der('leaf-under-sha1'), der('inter-sha1'), der('root')], NOW)
    expect(chain.certificates.map((c) => (c.readable ? c.signatureHash : null))).toEqual(['sha256', 'sha1', 'sha256'])
  })
})

describe('inspectCertificateChain: key', () => {
  it('reads EC P-256 as 256 bits', () => {
    expect(leaf('leaf-p256')).toMatchObject({ keyType: 'EC', keyBits: 256 })
  })
  it('reads EC P-384 as 384 bits', () => {
    expect(leaf('leaf-p384')).toMatchObject({ keyType: 'EC', keyBits: 384 })
  })
  it('reads RSA 1024', () => {
    expect(leaf('leaf-rsa1024')).toMatchObject({ keyType: 'RSA', keyBits: 1024 })
  })
  it('reads RSA 4096', () => {
    expect(leaf('leaf-rsa4096')).toMatchObject({ keyType: 'RSA', keyBits: 4096 })
  })
  it('reads Ed25519', () => {
    expect(leaf('leaf-ed25519')).toMatchObject({ keyType: 'Ed25519', keyBits: 256 })
  })
})

describe('inspectCertificateChain: names, dates and self-signature', () => {
  it('reads subject, issuer and validity', () => {
    expect(leaf('leaf-p256')).toMatchObject({
      subject: 'CN=example.test',
      issuer: 'O=Vigie Tests, CN=Vigie Test Intermediate',
      notBefore: '2026-01-01T00:00:00.000Z',
      notAfter: '2027-01-01T00:00:00.000Z',
      selfSigned: false,
    })
  })
  it('knows a self-signed certificate', () => {
    expect(leaf('self-signed').selfSigned).toBe(true)
    expect(leaf('root').selfSigned).toBe(true)
  })
  it('says an expired leaf is expired, given the time', () => {
    expect(leaf('leaf-expired')).toMatchObject({ expired: true })
    expect(leaf('leaf-p256')).toMatchObject({ expired: false, daysLeft: 214 })
  })
  it('leaves expiry out without a time', () => {
    const c = inspectCertificateChain([der('leaf-expired')]).certificates[0]!
    expect(c.readable && 'expired' in c).toBe(false)
  })
})

describe('inspectCertificateChain: validation level', () => {
  it('finds EV from the CA/Browser Forum policy OID', () => {
    expect(inspectCertificateChain([der('leaf-rsa4096')]).validation).toBe('EV')
  })
  it("finds EV from a CA's own EV policy OID", () => {
    expect(inspectCertificateChain([der('leaf-ev-ca')]).validation).toBe('EV')
  })
  it('finds OV', () => {
    expect(inspectCertificateChain([der('leaf-p384')]).validation).toBe('OV')
  })
  it('finds DV', () => {
    expect(inspectCertificateChain([der('leaf-p256')]).validation).toBe('DV')
  })
  it('says unknown without policies', () => {
    expect(inspectCertificateChain([der('self-signed')]).validation).toBe('unknown')
  })
})

describe('inspectCertificateChain: bad input', () => {
  it('gives "unreadable certificate" for junk bytes, and never throws', () => {
    const result = inspectCertificateChain([new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2, 3])])
    expect(result.readable).toBe(false)
    expect(result.validation).toBe('unknown')
    expect(result.certificates[0]).toMatchObject({ readable: false, error: 'unreadable certificate' })
  })
  it('gives "unreadable certificate" for a truncated certificate', () => {
    const cut = der('leaf-p256').slice(0, 200)
    expect(inspectCertificateChain([cut]).certificates[0]).toMatchObject({ readable: false })
  })
  it('accepts Firefox rawDER arrays of numbers', () => {
    const result = inspectCertificateChain([Array.from(der('leaf-p256'))])
    expect(result.readable).toBe(true)
  })
  it('rejects values that are not bytes', () => {
    const result = inspectCertificateChain(['nope', null, [300, -1], {}] as unknown[])
    expect(result.certificates.every((c) => !c.readable)).toBe(true)
  })
  it('reads at most ten certificates', () => {
    expect(inspectCertificateChain(Array(50).fill(der('leaf-p256'))).certificates).toHaveLength(10)
  })
  it('gives an empty, unreadable result for an empty chain', () => {
    expect(inspectCertificateChain([])).toEqual({ certificates: [], validation: 'unknown', readable: false })
  })
})

describe('chainAt: a chain read once, then at any time', () => {
  const chains = [['leaf-p256', 'inter', 'root'], ['leaf-expired'], ['self-signed'], ['leaf-rsa1024', 'inter']]
  const times = [NOW, new Date('2020-01-01T00:00:00Z'), new Date('2040-01-01T00:00:00Z'), new Date(Number.NaN)]
  it('is what reading it at that time gives, expiry and days left included', () => {
    for (const names of chains) {
      const once = inspectCertificateChain(names.map(der))
      for (const now of times) expect(chainAt(once, now)).toEqual(inspectCertificateChain(names.map(der), now))
    }
  })
  it('keeps unreadable certificates as they are', () => {
    const once = inspectCertificateChain([new Uint8Array([0x30, 1, 2]), der('root')])
    expect(chainAt(once, NOW)).toEqual(inspectCertificateChain([new Uint8Array([0x30, 1, 2]), der('root')], NOW))
  })
})
