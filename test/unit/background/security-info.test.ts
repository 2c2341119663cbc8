/** Firefox's SecurityInfo, as getSecurityInfo returns it, turned into the core's facts. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { factsFromSecurityInfo } from '../../../src/background/security-info.ts'

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
