/** The account checks (SPEC.md section 8): one describe per check, one it per outcome, from the clean baseline. */
import { describe, expect, it } from 'vitest'
import {
  CHECKS,
  gradeSite,
  type AccountFacts,
  type Check,
  type FrameFact,
  type SiteFacts,
  type Strictness,
} from '../../../../src/core/index.ts'
import { cleanSite, loginFrame } from '../../../support/baseline.ts'

function run(name: string, facts: SiteFacts, strictness: Strictness = 'standard') {
  const check = CHECKS.find((c: Check) => c.name === name)
  if (!check) throw new Error(`no check ${name}`)
  return check.run(facts, strictness)
}

const withAccount = (account: AccountFacts): SiteFacts => ({ ...cleanSite(), account })
const OFFENDER = {
  domain: 'example.co.uk',
  date: '2013-05-28',
  url: 'https://plaintextoffenders.com/post/123',
  reports: 1,
  reformed: false,
  dataDate: '2021-05-30',
}
const withLimits = (...limits: FrameFact['passwordLimits'] & object): SiteFacts => {
  const facts = cleanSite()
  facts.page.frames = [{ ...loginFrame(), passwordLimits: limits }]
  return facts
}

describe('plaintext-offender', () => {
  it('flags a reported site with the report date, its year and the evidence link', () => {
    expect(run('plaintext-offender', withAccount({ offender: OFFENDER }))).toEqual([
      {
        id: 'plaintext-offender',
        detail: {
          domain: 'example.co.uk',
          date: '2013-05-28',
          year: '2013',
          url: 'https://plaintextoffenders.com/post/123',
          reports: 1,
          dataDate: '2021-05-30',
        },
      },
    ])
  })
  it("offers Apple's change-password address when known", () => {
    const [finding] = run(
      'plaintext-offender',
      withAccount({ offender: OFFENDER, changePasswordUrl: 'https://example.co.uk/account/password' }),
    )
    expect(finding?.detail?.changePasswordUrl).toBe('https://example.co.uk/account/password')
  })
  it('does not flag a site on the reformed list', () => {
    expect(run('plaintext-offender', withAccount({ offender: { ...OFFENDER, reformed: true } }))).toEqual([])
  })
  it('is silent when the data say nothing about the site', () => {
    expect(
      run(
        'plaintext-offender',
        withAccount({ twoFactor: { domain: 'example.co.uk', methods: ['totp'], dataDate: '2026-08-04' } }),
      ),
    ).toEqual([])
  })
  it('caps the grade at C at standard, B at relaxed and D at strict', () => {
    const facts = withAccount({ offender: OFFENDER })
    expect([
      gradeSite(facts, 'relaxed').grade,
      gradeSite(facts, 'standard').grade,
      gradeSite(facts, 'strict').grade,
    ]).toEqual(['B', 'C', 'D'])
  })
})

describe('password-short-max-length', () => {
  it('flags a new-password field capped at 12 characters, as very short', () => {
    expect(run('password-short-max-length', withLimits({ maxLength: 12, newPassword: true }))).toEqual([
      { id: 'password-short-max-length', variant: 'very-short', detail: { maxLength: 12, from: 'new-password' } },
    ])
  })
  it('flags a cap between 20 and 63 without the very-short variant', () => {
    expect(run('password-short-max-length', withLimits({ maxLength: 32, newPassword: true }))).toEqual([
      { id: 'password-short-max-length', detail: { maxLength: 32, from: 'new-password' } },
    ])
  })
  it('accepts a cap of 64 characters or more', () => {
    expect(
      run(
        'password-short-max-length',
        withLimits({ maxLength: 64, newPassword: true }, { maxLength: 128, newPassword: false }),
      ),
    ).toEqual([])
  })
  it('trusts a new-password field over a login field of the same page', () => {
    expect(
      run(
        'password-short-max-length',
        withLimits({ maxLength: 16, newPassword: false }, { maxLength: 100, newPassword: true }),
      ),
    ).toEqual([])
  })
  it('reads a login field when the page sets no new password', () => {
    expect(run('password-short-max-length', withLimits({ maxLength: 16, newPassword: false }))).toEqual([
      { id: 'password-short-max-length', variant: 'very-short', detail: { maxLength: 16, from: 'password' } },
    ])
  })
  it('takes fields capped below 8 for PIN or code boxes', () => {
    expect(
      run(
        'password-short-max-length',
        withLimits({ maxLength: 6, newPassword: false }, { maxLength: 1, newPassword: true }),
      ),
    ).toEqual([])
  })
  it("flags the site's known password rules (Apple) with no field on the page", () => {
    const facts = withAccount({ passwordRules: { domain: 'example.co.uk', maxLength: 16, dataDate: '2026-08-22' } })
    expect(run('password-short-max-length', facts)).toEqual([
      {
        id: 'password-short-max-length',
        variant: 'very-short',
        detail: { maxLength: 16, from: 'rules', domain: 'example.co.uk', dataDate: '2026-08-22' },
      },
    ])
  })
  it('keeps the shortest of the page and the rules', () => {
    const facts = withLimits({ maxLength: 30, newPassword: true })
    facts.account = { passwordRules: { domain: 'example.co.uk', maxLength: 40, dataDate: '2026-08-22' } }
    expect(run('password-short-max-length', facts)[0]?.detail).toEqual({ maxLength: 30, from: 'new-password' })
  })
  it('ignores a cross-origin frame', () => {
    const facts = cleanSite()
    facts.page.frames = [
      loginFrame(),
      {
        ...loginFrame('https://ads.example.net/frame'),
        top: false,
        passwordLimits: [{ maxLength: 12, newPassword: true }],
      },
    ]
    expect(run('password-short-max-length', facts)).toEqual([])
  })
  it('counts a same-origin frame', () => {
    const facts = cleanSite()
    facts.page.frames = [
      loginFrame(),
      {
        ...loginFrame('https://console.example.com/signup'),
        top: false,
        passwordLimits: [{ maxLength: 12, newPassword: true }],
      },
    ]
    expect(run('password-short-max-length', facts).map((o) => o.id)).toEqual(['password-short-max-length'])
  })
  it('grades a 12-character cap B at standard, a 40-character one A-', () => {
    expect(gradeSite(withLimits({ maxLength: 12, newPassword: true }), 'standard').grade).toBe('B')
    expect(gradeSite(withLimits({ maxLength: 40, newPassword: true }), 'standard').grade).toBe('A-')
  })
})

describe('no-2fa', () => {
  it('flags a site 2fa.directory lists without two-factor authentication', () => {
    expect(
      run('no-2fa', withAccount({ twoFactor: { domain: 'example.com', methods: [], dataDate: '2026-08-04' } })),
    ).toEqual([{ id: 'no-2fa', detail: { domain: 'example.com', dataDate: '2026-08-04' } }])
  })
  it('is silent for a site that offers a second factor', () => {
    expect(
      run('no-2fa', withAccount({ twoFactor: { domain: 'example.com', methods: ['sms'], dataDate: '2026-08-04' } })),
    ).toEqual([])
  })
  it('is silent for a site the directory does not list (unknown is not "none")', () => {
    expect(run('no-2fa', cleanSite())).toEqual([])
  })
})

describe('2fa-sms-only', () => {
  it('flags a site whose only second factors are SMS, call and email codes', () => {
    expect(
      run(
        '2fa-sms-only',
        withAccount({
          twoFactor: { domain: 'example.com', methods: ['sms', 'call', 'email'], dataDate: '2026-08-04' },
        }),
      ),
    ).toEqual([
      { id: '2fa-sms-only', detail: { methods: 'sms call email', domain: 'example.com', dataDate: '2026-08-04' } },
    ])
  })
  it('is silent when an authenticator app or a security key is offered too', () => {
    expect(
      run(
        '2fa-sms-only',
        withAccount({ twoFactor: { domain: 'example.com', methods: ['sms', 'totp'], dataDate: '2026-08-04' } }),
      ),
    ).toEqual([])
    expect(
      run(
        '2fa-sms-only',
        withAccount({ twoFactor: { domain: 'example.com', methods: ['u2f'], dataDate: '2026-08-04' } }),
      ),
    ).toEqual([])
  })
  it('is silent for a site without 2FA (no-2fa says so)', () => {
    expect(
      run('2fa-sms-only', withAccount({ twoFactor: { domain: 'example.com', methods: [], dataDate: '2026-08-04' } })),
    ).toEqual([])
  })
})
