/** Cached online results in, the same findings as local facts out, marked with their source and age. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  gradeSite,
  onlineFactsFromObservatory,
  onlineFactsFromPreload,
  onlineFactsFromSslLabs,
  type SiteFacts,
} from '../../../src/core/index.ts'
import { chromeSite, cleanSite } from '../../support/baseline.ts'

const fixture = (name: string) =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../fixtures/online/${name}.json`), 'utf8'))

describe('onlineFactsFromSslLabs', () => {
  it('reads grade, certificate chain and TLS from a finished assessment', () => {
    const facts = onlineFactsFromSslLabs(fixture('ssllabs-weak'))!
    expect(facts.grade).toBe('F')
    expect(facts.observedAt).toBe(new Date(1780300095000).toISOString())
    expect(facts.certificate!.chain.map((c) => c.signatureHash)).toEqual(['sha256', 'sha1', 'sha1'])
    expect(facts.certificate!.validation).toBe('non-EV')
    expect(facts.tls).toMatchObject({ protocol: 'TLS 1.2', offersNoForwardSecrecy: true, source: 'ssllabs' })
    expect(facts.tls!.offeredProtocols).toEqual(['SSL 3.0', 'TLS 1.0', 'TLS 1.2'])
  })
  it('reads EV and TLS 1.3 from a good host', () => {
    const facts = onlineFactsFromSslLabs(fixture('ssllabs-good'))!
    expect(facts.certificate!.validation).toBe('EV')
    expect(facts.tls).toMatchObject({ protocol: 'TLS 1.3', offersNoForwardSecrecy: false })
  })
  it('gives nothing while the assessment is in progress', () => {
    expect(onlineFactsFromSslLabs(fixture('ssllabs-in-progress'))).toBeUndefined()
  })
  it('gives nothing for malformed input', () => {
    expect(onlineFactsFromSslLabs({ status: 'READY', endpoints: [{ grade: 'Q' }] })).toBeUndefined()
    expect(onlineFactsFromSslLabs(null as never)).toBeUndefined()
  })
})

describe('SSL Labs facts graded on Chrome', () => {
  it('fills certificate and TLS coverage and finds what the founding write-up found', () => {
    const facts: SiteFacts = { ...chromeSite(), online: { ssllabs: onlineFactsFromSslLabs(fixture('ssllabs-weak'))! } }
    const report = gradeSite(facts, 'strict')
    expect(report.grade).toBe('F')
    expect(report.coverage).toMatchObject({ certificate: true, tls: true, online: true })
    const found = report.findings.map((f) => f.id)
    for (const id of [
      'ssllabs-grade',
      'cert-sha1',
      'cert-not-ev',
      'tls-legacy-protocol',
      'tls-no-forward-secrecy',
      'tls-weak-cipher',
      'tls-no-tls13',
    ]) {
      expect(found).toContain(id)
    }
    expect(report.findings.find((f) => f.id === 'cert-sha1')).toMatchObject({
      source: 'ssllabs',
      observedAt: new Date(1780300095000).toISOString(),
    })
    expect(report.findings.find((f) => f.id === 'tls-legacy-protocol')).toMatchObject({ variant: 'ssl3', cap: 'F' })
  })
  it('lets local facts win over online ones', () => {
    const facts: SiteFacts = {
      ...cleanSite(),
      online: { ssllabs: { ...onlineFactsFromSslLabs(fixture('ssllabs-weak'))!, grade: 'A' } },
    }
    const report = gradeSite(facts, 'standard')
    expect(report.findings.map((f) => f.id)).not.toContain('cert-sha1')
  })
})

describe('onlineFactsFromObservatory', () => {
  it('reads grade and scan time', () => {
    expect(onlineFactsFromObservatory(fixture('observatory'))).toEqual({
      grade: 'C+',
      observedAt: '2026-06-01T08:15:00.123Z',
    })
  })
  it('gives nothing for a failed scan', () => {
    expect(onlineFactsFromObservatory({ error: 'invalid-hostname', grade: null })).toBeUndefined()
  })
})

describe('onlineFactsFromPreload', () => {
  it('reads the status', () => {
    expect(onlineFactsFromPreload(fixture('hstspreload-unknown'), '2026-06-01T00:00:00.000Z')).toEqual({
      status: 'unknown',
      observedAt: '2026-06-01T00:00:00.000Z',
    })
  })
})
