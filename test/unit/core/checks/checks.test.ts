/** One describe per check, one it per outcome; each starts from the clean baseline and changes one thing. */
import { describe, expect, it } from 'vitest'
import { CHECKS, type Check, type SiteFacts, type Strictness } from '../../../../src/core/index.ts'
import { chromeSite, cleanSite, httpSite, loginFrame, OBSERVED } from '../../../support/baseline.ts'

function run(name: string, facts: SiteFacts, strictness: Strictness = 'standard') {
  const check = CHECKS.find((c: Check) => c.name === name)
  if (!check) throw new Error(`no check ${name}`)
  return check.run(facts, strictness)
}
const ids = (name: string, facts: SiteFacts, strictness?: Strictness) => run(name, facts, strictness).map((o) => o.id)

describe('every check on the clean baseline', () => {
  it.each(CHECKS.map((c) => c.name))('%s finds nothing', (name) => {
    expect(run(name, cleanSite())).toEqual([])
  })
})

describe('http-page', () => {
  it('flags a page served over http', () => expect(ids('http-page', httpSite())).toEqual(['http-page']))
  it('is silent over https', () => expect(ids('http-page', cleanSite())).toEqual([]))
})

describe('http-login-form', () => {
  it('flags a password field in an http page', () => {
    expect(ids('http-login-form', httpSite([loginFrame('http://shop.example.com/')]))).toEqual(['http-login-form'])
  })
  it('flags a password field in a same-origin http frame', () => {
    const frames = [
      { ...loginFrame('http://shop.example.com/'), passwordFields: 0, forms: [] },
      { ...loginFrame('http://shop.example.com/frame'), top: false },
    ]
    expect(run('http-login-form', httpSite(frames))).toEqual([
      { id: 'http-login-form', detail: { fields: 1, inFrame: true } },
    ])
  })
  it('flags a cross-origin http frame too: a password typed there travels in clear', () => {
    const frames = [
      { ...loginFrame('http://shop.example.com/'), passwordFields: 0, forms: [] },
      { ...loginFrame('http://ads.example.net/'), top: false },
    ]
    expect(run('http-login-form', httpSite(frames))).toEqual([
      { id: 'http-login-form', detail: { fields: 1, inFrame: true } },
    ])
  })
  it('ignores a cross-origin https frame of an http page', () => {
    const frames = [
      { ...loginFrame('http://shop.example.com/'), passwordFields: 0, forms: [] },
      { ...loginFrame('https://sso.example.net/'), top: false },
    ]
    expect(ids('http-login-form', httpSite(frames))).toEqual([])
  })
  it('is silent on an http page without password fields', () => {
    expect(
      ids('http-login-form', httpSite([{ ...loginFrame('http://shop.example.com/'), passwordFields: 0, forms: [] }])),
    ).toEqual([])
  })
  it('is silent before the content script reported', () => expect(ids('http-login-form', httpSite())).toEqual([]))
})

describe('form-action-http', () => {
  const withForm = (password: boolean): SiteFacts => {
    const facts = cleanSite()
    facts.page.frames = [
      {
        ...loginFrame(),
        forms: [{ action: 'http://console.example.com/session', method: 'post', explicit: true, password }],
      },
    ]
    return facts
  }
  it('flags a password form posting to http, as the password variant', () => {
    expect(run('form-action-http', withForm(true))).toEqual([
      { id: 'form-action-http', variant: 'password', detail: { forms: 1 } },
    ])
  })
  it('flags a form without password posting to http', () => {
    expect(run('form-action-http', withForm(false))).toEqual([{ id: 'form-action-http', detail: { forms: 1 } }])
  })
  it('flags a cross-origin https frame whose password form posts to http', () => {
    const facts = cleanSite()
    facts.page.frames = [
      { ...loginFrame(), passwordFields: 0, forms: [] },
      {
        url: 'https://sso.example.net/',
        top: false,
        passwordFields: 1,
        forms: [{ action: 'http:', method: 'post', explicit: true, password: true }],
      },
    ]
    expect(run('form-action-http', facts)).toEqual([
      { id: 'form-action-http', variant: 'password', detail: { forms: 1 } },
    ])
  })
  it('ignores method=dialog forms, which submit nowhere', () => {
    const facts = withForm(true)
    facts.page.frames![0]!.forms[0]!.method = 'dialog'
    expect(run('form-action-http', facts)).toEqual([])
  })
})

describe('password-in-url', () => {
  const withMethod = (method: 'get' | 'post', explicit: boolean): SiteFacts => {
    const facts = cleanSite()
    facts.page.frames = [
      { ...loginFrame(), forms: [{ action: 'https://console.example.com/s', method, explicit, password: true }] },
    ]
    return facts
  }
  it('flags a password form with an explicit GET', () =>
    expect(ids('password-in-url', withMethod('get', true))).toEqual(['password-in-url']))
  it('ignores a GET form with neither method nor action: script submits it', () =>
    expect(ids('password-in-url', withMethod('get', false))).toEqual([]))
  it('ignores POST', () => expect(ids('password-in-url', withMethod('post', true))).toEqual([]))
  it('flags a cross-origin frame whose password form uses GET', () => {
    const facts = cleanSite()
    facts.page.frames = [
      { ...loginFrame(), passwordFields: 0, forms: [] },
      {
        url: 'https://sso.example.net/',
        top: false,
        passwordFields: 1,
        forms: [{ action: 'https:', method: 'get', explicit: true, password: true }],
      },
    ]
    expect(ids('password-in-url', facts)).toEqual(['password-in-url'])
  })
})

describe('hsts-missing', () => {
  const header = (hstsHeader: string | null, extra: Partial<NonNullable<SiteFacts['transport']>> = {}): SiteFacts => ({
    ...cleanSite(),
    transport: { hstsHeader, fromCache: false, knownHsts: false, ...extra },
  })
  it('flags an https response without the header', () =>
    expect(ids('hsts-missing', header(null))).toEqual(['hsts-missing']))
  it('flags an invalid header as hsts-invalid', () =>
    expect(ids('hsts-missing', header('max-age=1; max-age=2'))).toEqual(['hsts-invalid']))
  it('does not judge a response served from cache', () =>
    expect(ids('hsts-missing', header(null, { fromCache: true }))).toEqual([]))
  it('does not flag a host the browser upgraded by HSTS itself', () =>
    expect(ids('hsts-missing', header(null, { knownHsts: true }))).toEqual([]))
  it('does not apply to http pages', () => expect(ids('hsts-missing', httpSite())).toEqual([]))
  it('is silent when no response was seen', () => {
    const { transport: _t, ...facts } = cleanSite()
    expect(ids('hsts-missing', facts)).toEqual([])
  })
})

describe('hsts-short-max-age', () => {
  const maxAge = (seconds: number): SiteFacts => ({
    ...cleanSite(),
    transport: { hstsHeader: `max-age=${seconds}; includeSubDomains`, fromCache: false, knownHsts: false },
  })
  const DAY = 86_400
  it('flags under 180 days at standard', () =>
    expect(ids('hsts-short-max-age', maxAge(179 * DAY))).toEqual(['hsts-short-max-age']))
  it('accepts 180 days at standard', () => expect(ids('hsts-short-max-age', maxAge(180 * DAY))).toEqual([]))
  it('flags under one year at strict', () =>
    expect(ids('hsts-short-max-age', maxAge(364 * DAY), 'strict')).toEqual(['hsts-short-max-age']))
  it('accepts one year at strict', () => expect(ids('hsts-short-max-age', maxAge(365 * DAY), 'strict')).toEqual([]))
  it('flags under 30 days at relaxed', () =>
    expect(ids('hsts-short-max-age', maxAge(29 * DAY), 'relaxed')).toEqual(['hsts-short-max-age']))
  it('flags max-age=0', () => expect(ids('hsts-short-max-age', maxAge(0), 'relaxed')).toEqual(['hsts-short-max-age']))
})

describe('hsts-no-subdomains', () => {
  it('flags a policy without includeSubDomains', () => {
    const facts = { ...cleanSite(), transport: { hstsHeader: 'max-age=31536000', fromCache: false, knownHsts: false } }
    expect(ids('hsts-no-subdomains', facts)).toEqual(['hsts-no-subdomains'])
  })
  it('is silent on an invalid header (that is hsts-invalid)', () => {
    const facts = { ...cleanSite(), transport: { hstsHeader: 'max-age=x', fromCache: false, knownHsts: false } }
    expect(ids('hsts-no-subdomains', facts)).toEqual([])
  })
})

describe('hsts-not-preloaded', () => {
  const status = (s: string): SiteFacts => ({
    ...cleanSite(),
    online: { preload: { status: s, observedAt: OBSERVED } },
  })
  it('flags a host hstspreload.org does not know', () =>
    expect(ids('hsts-not-preloaded', status('unknown'))).toEqual(['hsts-not-preloaded']))
  it('flags a removed host', () => expect(ids('hsts-not-preloaded', status('removed'))).toEqual(['hsts-not-preloaded']))
  it('accepts a preloaded host', () => expect(ids('hsts-not-preloaded', status('preloaded'))).toEqual([]))
  it('accepts a pending host', () => expect(ids('hsts-not-preloaded', status('pending'))).toEqual([]))
  it('is silent when nobody asked', () => expect(ids('hsts-not-preloaded', cleanSite())).toEqual([]))
})

describe('cert-sha1', () => {
  it('flags a SHA-1 leaf', () => {
    const facts = cleanSite()
    facts.certificate!.chain[0]!.signatureHash = 'sha1'
    expect(run('cert-sha1', facts)[0]).toMatchObject({
      id: 'cert-sha1',
      detail: { position: 'leaf', hash: 'sha1' },
      source: 'browser',
    })
  })
  it('flags an MD5 intermediate', () => {
    const facts = cleanSite()
    facts.certificate!.chain[1]!.signatureHash = 'md5'
    expect(run('cert-sha1', facts)[0]).toMatchObject({ detail: { position: 'intermediate', hash: 'md5' } })
  })
  it("ignores the root's own SHA-1 self-signature (in the baseline)", () =>
    expect(ids('cert-sha1', cleanSite())).toEqual([]))
  it('still flags a self-signed SHA-1 leaf standing alone', () => {
    const facts = cleanSite()
    facts.certificate!.chain = [{ ...facts.certificate!.chain[0]!, signatureHash: 'sha1', selfSigned: true }]
    expect(ids('cert-sha1', facts)).toEqual(['cert-sha1'])
  })
  it('uses an SSL Labs chain when the browser has none', () => {
    const facts = chromeSite()
    const certificate = { ...cleanSite().certificate!, source: 'ssllabs' as const }
    certificate.chain[0]!.signatureHash = 'sha1'
    facts.online = { ssllabs: { grade: 'B', observedAt: OBSERVED, certificate } }
    expect(run('cert-sha1', facts)[0]).toMatchObject({ id: 'cert-sha1', source: 'ssllabs' })
  })
  it('prefers local facts over online ones', () => {
    const facts = cleanSite()
    const certificate = { ...cleanSite().certificate!, source: 'ssllabs' as const }
    certificate.chain[0]!.signatureHash = 'sha1'
    facts.online = { ssllabs: { grade: 'A', observedAt: OBSERVED, certificate } }
    expect(ids('cert-sha1', facts)).toEqual([])
  })
})

describe('cert-not-ev', () => {
  it('flags a DV leaf', () => {
    const facts = cleanSite()
    facts.certificate!.validation = 'DV'
    expect(ids('cert-not-ev', facts)).toEqual(['cert-not-ev'])
  })
  it('flags an OV leaf', () => {
    const facts = cleanSite()
    facts.certificate!.validation = 'OV'
    expect(ids('cert-not-ev', facts)).toEqual(['cert-not-ev'])
  })
  it('says nothing when the level is unknown', () => {
    const facts = cleanSite()
    facts.certificate!.validation = 'unknown'
    expect(ids('cert-not-ev', facts)).toEqual([])
  })
})

describe('cert-validity', () => {
  const notAfter = (iso: string): SiteFacts => {
    const facts = cleanSite()
    facts.certificate!.chain[0]!.notAfter = iso
    return facts
  }
  it('flags an expired leaf', () =>
    expect(ids('cert-validity', notAfter('2026-05-31T00:00:00.000Z'))).toEqual(['cert-expired']))
  it('flags a leaf within 14 days of expiry', () =>
    expect(ids('cert-validity', notAfter('2026-06-10T00:00:00.000Z'))).toEqual(['cert-expiring-soon']))
  it('accepts a leaf 14 days or more from expiry', () =>
    expect(ids('cert-validity', notAfter('2026-06-15T00:00:00.000Z'))).toEqual([]))
  it('says nothing without an observation time', () => {
    const facts = notAfter('2000-01-01T00:00:00.000Z')
    delete facts.certificate!.observedAt
    expect(ids('cert-validity', facts)).toEqual([])
  })
})

describe('cert-untrusted', () => {
  it('flags an overridden certificate error', () => {
    const facts = cleanSite()
    facts.certificate!.overridden = true
    expect(ids('cert-untrusted', facts)).toEqual(['cert-untrusted'])
  })
})

describe('cert-weak-key', () => {
  it('flags RSA 1024 on the leaf', () => {
    const facts = cleanSite()
    Object.assign(facts.certificate!.chain[0]!, { keyType: 'RSA', keyBits: 1024 })
    expect(run('cert-weak-key', facts)[0]).toMatchObject({ detail: { keyType: 'RSA', keyBits: 1024 } })
  })
  it('flags EC under 256 bits on an intermediate', () => {
    const facts = cleanSite()
    Object.assign(facts.certificate!.chain[1]!, { keyType: 'EC', keyBits: 224 })
    expect(ids('cert-weak-key', facts)).toEqual(['cert-weak-key'])
  })
  it('accepts RSA 2048 and EC 256', () => expect(ids('cert-weak-key', cleanSite())).toEqual([]))
  it('ignores an unknown key size', () => {
    const facts = cleanSite()
    Object.assign(facts.certificate!.chain[0]!, { keyType: 'EC', keyBits: 0 })
    expect(ids('cert-weak-key', facts)).toEqual([])
  })
})

describe('tls-legacy-protocol', () => {
  const tls = (protocol: string, offeredProtocols?: string[]): SiteFacts => ({
    ...cleanSite(),
    tls: { ...cleanSite().tls!, protocol, ...(offeredProtocols ? { offeredProtocols } : {}) },
  })
  it('flags TLS 1.0', () =>
    expect(run('tls-legacy-protocol', tls('TLSv1'))[0]).toMatchObject({ id: 'tls-legacy-protocol' }))
  it('flags TLS 1.1', () => expect(ids('tls-legacy-protocol', tls('TLSv1.1'))).toEqual(['tls-legacy-protocol']))
  it('flags SSL 3 as the ssl3 variant', () =>
    expect(run('tls-legacy-protocol', tls('SSLv3'))[0]).toMatchObject({ variant: 'ssl3' }))
  it('flags SSL 3 offered by the server (online scan)', () =>
    expect(run('tls-legacy-protocol', tls('TLSv1.2', ['TLS 1.2', 'SSL 3.0']))[0]).toMatchObject({ variant: 'ssl3' }))
  it('accepts TLS 1.2', () => expect(ids('tls-legacy-protocol', tls('TLSv1.2'))).toEqual([]))
})

describe('tls-no-forward-secrecy', () => {
  const suite = (protocol: string, cipherSuite: string): SiteFacts => ({
    ...cleanSite(),
    tls: { ...cleanSite().tls!, protocol, cipherSuite },
  })
  it('flags static RSA key exchange', () =>
    expect(ids('tls-no-forward-secrecy', suite('TLSv1.2', 'TLS_RSA_WITH_AES_128_GCM_SHA256'))).toEqual([
      'tls-no-forward-secrecy',
    ]))
  it('flags static ECDH', () =>
    expect(ids('tls-no-forward-secrecy', suite('TLSv1.2', 'TLS_ECDH_RSA_WITH_AES_128_CBC_SHA'))).toEqual([
      'tls-no-forward-secrecy',
    ]))
  it('accepts ECDHE', () =>
    expect(ids('tls-no-forward-secrecy', suite('TLSv1.2', 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'))).toEqual([]))
  it('accepts DHE', () =>
    expect(ids('tls-no-forward-secrecy', suite('TLSv1.2', 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'))).toEqual([]))
  it('flags a server offering suites without forward secrecy', () => {
    const facts = { ...cleanSite(), tls: { ...cleanSite().tls!, offersNoForwardSecrecy: true } }
    expect(run('tls-no-forward-secrecy', facts)[0]).toMatchObject({ detail: { offered: true } })
  })
})

describe('tls-weak-cipher', () => {
  const suite = (cipherSuite: string, weak = false): SiteFacts => ({
    ...cleanSite(),
    tls: { ...cleanSite().tls!, protocol: 'TLSv1.2', cipherSuite, weak },
  })
  it('flags RC4', () =>
    expect(ids('tls-weak-cipher', suite('TLS_ECDHE_RSA_WITH_RC4_128_SHA'))).toEqual(['tls-weak-cipher']))
  it('flags 3DES', () =>
    expect(ids('tls-weak-cipher', suite('TLS_RSA_WITH_3DES_EDE_CBC_SHA'))).toEqual(['tls-weak-cipher']))
  it('flags EXPORT as broken', () =>
    expect(run('tls-weak-cipher', suite('TLS_RSA_EXPORT_WITH_RC4_40_MD5'))[0]).toMatchObject({ variant: 'broken' }))
  it('flags NULL as broken', () =>
    expect(run('tls-weak-cipher', suite('TLS_RSA_WITH_NULL_SHA256'))[0]).toMatchObject({ variant: 'broken' }))
  it('flags a connection the browser marked weak', () =>
    expect(ids('tls-weak-cipher', suite('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', true))).toEqual(['tls-weak-cipher']))
  it('accepts AES-GCM', () =>
    expect(ids('tls-weak-cipher', suite('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'))).toEqual([]))
})

describe('tls-no-tls13', () => {
  it('flags TLS 1.2', () =>
    expect(ids('tls-no-tls13', { ...cleanSite(), tls: { ...cleanSite().tls!, protocol: 'TLSv1.2' } })).toEqual([
      'tls-no-tls13',
    ]))
  it('is silent without TLS facts (Chrome)', () => expect(ids('tls-no-tls13', chromeSite())).toEqual([]))
})

describe('ssllabs-grade', () => {
  const graded = (grade: string): SiteFacts => ({
    ...cleanSite(),
    online: { ssllabs: { grade, observedAt: OBSERVED } },
  })
  it('flags B at standard, with the grade as its cap', () =>
    expect(run('ssllabs-grade', graded('B'))[0]).toMatchObject({ id: 'ssllabs-grade', grade: 'B', source: 'ssllabs' }))
  it('accepts A- at standard', () => expect(ids('ssllabs-grade', graded('A-'))).toEqual([]))
  it('flags A- at strict', () => expect(ids('ssllabs-grade', graded('A-'), 'strict')).toEqual(['ssllabs-grade']))
  it('accepts B at relaxed', () => expect(ids('ssllabs-grade', graded('B'), 'relaxed')).toEqual([]))
  it('reads T (trust issues) as F', () => expect(run('ssllabs-grade', graded('T'))[0]).toMatchObject({ grade: 'F' }))
  it('ignores a grade it does not know', () => expect(ids('ssllabs-grade', graded('Z'))).toEqual([]))
})

describe('observatory-grade', () => {
  const graded = (grade: string): SiteFacts => ({
    ...cleanSite(),
    online: { observatory: { grade, observedAt: OBSERVED } },
  })
  it('flags C+ at standard', () => expect(ids('observatory-grade', graded('C+'))).toEqual(['observatory-grade']))
  it('accepts B- at standard', () => expect(ids('observatory-grade', graded('B-'))).toEqual([]))
  it('flags B+ at strict', () =>
    expect(ids('observatory-grade', graded('B+'), 'strict')).toEqual(['observatory-grade']))
})
