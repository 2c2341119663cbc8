/** The points SPEC.md section 4 says every level must hold, each with its own test, at every level. */
import { describe, expect, it } from 'vitest'
import { gradeSite, STRICTNESS_LEVELS, type SiteFacts } from '../../../src/core/index.ts'
import { chromeSite, cleanSite, httpSite, loginFrame } from '../../support/baseline.ts'

const plainFrame = (url: string) => ({ ...loginFrame(url), passwordFields: 0, forms: [] })

describe.each(STRICTNESS_LEVELS)('gradeSite at %s', (level) => {
  it('gives F for http-login-form', () => {
    expect(gradeSite(httpSite([loginFrame('http://shop.example.com/')]), level).grade).toBe('F')
  })
  it('gives F for a form on https posting a password to http', () => {
    const facts = cleanSite()
    facts.page.frames![0]!.forms[0]!.action = 'http://console.example.com/session'
    expect(gradeSite(facts, level).grade).toBe('F')
  })
  it('gives F for cert-sha1', () => {
    const facts = cleanSite()
    facts.certificate!.chain[1]!.signatureHash = 'sha1'
    expect(gradeSite(facts, level).grade).toBe('F')
  })
  it('never grades a plain http page without credentials better than C', () => {
    const report = gradeSite(httpSite([plainFrame('http://shop.example.com/')]), level)
    expect(['C', 'D', 'E', 'F']).toContain(report.grade)
  })
  it('lists findings worst first', () => {
    const report = gradeSite(httpSite([loginFrame('http://shop.example.com/')]), level)
    expect(report.findings.map((f) => f.id)).toEqual(['http-login-form', 'http-page'])
  })
  it('never lowers a grade for facts it could not see (Chrome)', () => {
    const facts = chromeSite()
    facts.transport!.hstsHeader = 'max-age=31536000; includeSubDomains'
    const firefox = cleanSite()
    firefox.transport!.hstsHeader = 'max-age=31536000; includeSubDomains'
    firefox.certificate!.validation = 'unknown'
    expect(gradeSite(facts, level).grade).toBe(gradeSite(firefox, level).grade)
    expect(gradeSite(facts, level).coverage).toMatchObject({
      certificate: false,
      tls: false,
      transport: true,
      page: true,
    })
  })
})

describe('gradeSite: the points that differ per level', () => {
  it('grades a clean https page with a one-year, includeSubDomains HSTS policy A+ at standard (Firefox facts)', () => {
    const facts = cleanSite()
    facts.transport!.hstsHeader = 'max-age=31536000; includeSubDomains'
    facts.certificate!.validation = 'DV'
    const report = gradeSite(facts, 'standard')
    expect(report.grade).toBe('A+')
    expect(report.coverage).toEqual({
      page: true,
      transport: true,
      certificate: true,
      tls: true,
      online: false,
      account: false,
    })
  })
  it.each([
    ['relaxed', 'A-'],
    ['standard', 'B'],
    ['strict', 'C'],
  ] as const)('caps hsts-missing at %s to %s', (level, cap) => {
    const facts = cleanSite()
    facts.transport!.hstsHeader = null
    expect(gradeSite(facts, level).grade).toBe(cap)
  })
  it.each([
    ['relaxed', 'A+'],
    ['standard', 'A+'],
    ['strict', 'A-'],
  ] as const)('caps cert-not-ev at %s to %s', (level, grade) => {
    const facts = cleanSite()
    facts.certificate!.validation = 'DV'
    expect(gradeSite(facts, level).grade).toBe(grade)
  })
  it('asks strict for preload, includeSubDomains and EV', () => {
    const facts: SiteFacts = {
      ...cleanSite(),
      online: { preload: { status: 'unknown', observedAt: '2026-06-01T00:00:00Z' } },
    }
    expect(gradeSite(facts, 'standard').grade).toBe('A+')
    expect(gradeSite(facts, 'strict').grade).toBe('A-')
  })
  it('caps at the SSL Labs grade when it is the lowest', () => {
    const facts: SiteFacts = {
      ...chromeSite(),
      online: { ssllabs: { grade: 'C', observedAt: '2026-06-01T00:00:00Z' } },
    }
    const report = gradeSite(facts, 'standard')
    expect(report.grade).toBe('C')
    expect(report.findings[0]).toMatchObject({ id: 'ssllabs-grade', cap: 'C' })
    expect(report.coverage.online).toBe(true)
  })
  it('defaults to standard', () => {
    const facts = cleanSite()
    facts.transport!.hstsHeader = null
    expect(gradeSite(facts).strictness).toBe('standard')
  })
})
