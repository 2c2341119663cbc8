/** Firefox's SecurityInfo, as getSecurityInfo returns it, turned into the core's facts. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { factsFromSecurityInfo, forgetChains, MAX_CHAINS } from '../../../src/background/security-info.ts'
import type * as Core from '../../../src/core/index.ts'

type CoreModule = typeof Core

/** The core as it is, its chain reader counted. */
const reads = vi.hoisted(() => ({ count: 0 }))
vi.mock('../../../src/core/index.ts', async (actual) => {
  const core = await actual<CoreModule>()
  return {
    ...core,
    inspectCertificateChain: (...args: Parameters<typeof core.inspectCertificateChain>) => {
      reads.count++
      return core.inspectCertificateChain(...args)
    },
  }
})

const raw = (name: string) => Array.from(readFileSync(resolve(import.meta.dirname, `../../fixtures/certs/${name}.der`)))
const NOW = new Date('2026-06-01T00:00:00Z')

const secure = {
  state: 'secure',
  protocolVersion: 'TLSv1.3',
  cipherSuite: 'TLS_AES_128_GCM_SHA256',
  keaGroupName: 'x25519',
  isExtendedValidation: false,
  certificates: [{ rawDER: raw('leaf-p256') }, { rawDER: raw('inter') }, { rawDER: raw('root') }],
}

describe('factsFromSecurityInfo', () => {
  it('reads TLS and the parsed chain of a secure connection', () => {
    const facts = factsFromSecurityInfo(secure, NOW)
    expect(facts.tls).toEqual({
      protocol: 'TLSv1.3',
      cipherSuite: 'TLS_AES_128_GCM_SHA256',
      keaGroup: 'x25519',
      weak: false,
      source: 'browser',
      observedAt: NOW.toISOString(),
    })
    expect(facts.certificate?.chain.map((c) => c.signatureHash)).toEqual(['sha256', 'sha256', 'sha256'])
    expect(facts.certificate).toMatchObject({ validation: 'DV', overridden: false })
  })
  it('marks an overridden certificate error', () => {
    expect(
      factsFromSecurityInfo({ ...secure, overridableErrorCategory: 'trust_error' }, NOW).certificate?.overridden,
    ).toBe(true)
  })
  it('marks a weak connection', () => {
    expect(factsFromSecurityInfo({ ...secure, state: 'weak', weaknessReasons: ['cipher'] }, NOW).tls?.weak).toBe(true)
  })
  it('gives nothing for an insecure request', () => {
    expect(factsFromSecurityInfo({ state: 'insecure' }, NOW)).toEqual({})
  })
  it('leaves the certificate unknown when the leaf is unreadable', () => {
    const facts = factsFromSecurityInfo({ ...secure, certificates: [{ rawDER: [1, 2, 3] }] }, NOW)
    expect(facts.certificate).toBeUndefined()
    expect(facts.tls).toBeDefined()
  })
  it('survives malformed fields', () => {
    expect(() =>
      factsFromSecurityInfo({ state: 'secure', protocolVersion: 42, certificates: 'x', weaknessReasons: {} }, NOW),
    ).not.toThrow()
  })
})

describe('factsFromSecurityInfo: a chain seen again', () => {
  const printed = (prefix: string) => ({
    ...secure,
    certificates: secure.certificates.map((c, i) => ({ ...c, fingerprint: { sha256: `${prefix}:${i}` } })),
  })
  it('reads a chain once by its fingerprints, and gives the same facts as reading it again, at any time', () => {
    const before = reads.count
    const first = factsFromSecurityInfo(printed('a'), NOW)
    const later = new Date('2027-01-01T00:00:00Z')
    const again = factsFromSecurityInfo(printed('a'), later)
    expect(reads.count - before).toBe(1)
    expect(first).toEqual(factsFromSecurityInfo(secure, NOW))
    // Days left and expiry follow the time, not the first reading.
    expect(again).toEqual(factsFromSecurityInfo(secure, later))
    expect(again.certificate).not.toEqual(first.certificate)
  })
  it('reads another chain, a chain without fingerprints, and one pushed out of the newest, again', () => {
    factsFromSecurityInfo(printed('b'), NOW)
    let before = reads.count
    factsFromSecurityInfo(printed('c'), NOW)
    factsFromSecurityInfo(secure, NOW)
    factsFromSecurityInfo(secure, NOW)
    expect(reads.count - before).toBe(3)
    for (let i = 0; i < MAX_CHAINS; i++) factsFromSecurityInfo(printed(`fill${i}`), NOW)
    before = reads.count
    factsFromSecurityInfo(printed('b'), NOW)
    expect(reads.count - before).toBe(1)
  })
  it('reads every chain again after "Forget everything"', () => {
    factsFromSecurityInfo(printed('d'), NOW)
    forgetChains()
    const before = reads.count
    factsFromSecurityInfo(printed('d'), NOW)
    expect(reads.count - before).toBe(1)
  })
})
