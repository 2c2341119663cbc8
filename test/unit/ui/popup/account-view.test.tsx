// @vitest-environment happy-dom
/** The popup's "Your account on this site" section: its view model with the English words, and its component. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, render } from '@testing-library/preact'
import { afterEach, describe, expect, it } from 'vitest'
import { gradeSite, type AccountFacts, type SiteFacts } from '../../../../src/core/index.ts'
import type { AccountSummary } from '../../../../src/account/index.ts'
import type { BackgroundToUi } from '../../../../src/messages.ts'
import { Popup } from '../../../../src/ui/popup/Popup.tsx'
import { accountView } from '../../../../src/ui/popup/account-view.ts'
import { popupView } from '../../../../src/ui/popup/view-model.ts'
import { cleanSite, loginFrame } from '../../../support/baseline.ts'

const words = (lang: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../../public/_locales/${lang}/messages.json`), 'utf8'))
const translate =
  (messages: Record<string, { message: string }>) =>
  (key: string, subs: string[] = []) =>
    (messages[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')
const t = translate(words('en'))

afterEach(cleanup)

const OFFENDER: AccountFacts['offender'] = {
  domain: 'dailymail.co.uk',
  date: '2011-10-04',
  url: 'https://plaintextoffenders.com/post/11',
  reports: 1,
  reformed: false,
  dataDate: '2021-05-30',
}

function answer(facts: SiteFacts, account?: AccountSummary): BackgroundToUi {
  return {
    type: 'bg:report',
    tab: {
      tabId: 1,
      url: facts.page.url,
      host: new URL(facts.page.url).hostname,
      browser: 'firefox',
      pending: false,
      online: { eligible: true, sources: [] },
      report: gradeSite(facts),
      ...(account ? { account } : {}),
    },
  }
}
const site = (account: AccountFacts): SiteFacts => ({ ...cleanSite(), account })
const report = (view: ReturnType<typeof popupView>) => (view.kind === 'report' ? view : null)!

describe('accountView', () => {
  it('puts an offender in its own section with the year, the evidence and the change-password page', () => {
    const facts = site({
      offender: OFFENDER,
      changePasswordUrl: 'https://www.dailymail.co.uk/registration/password.html',
    })
    const view = report(
      popupView(
        answer(facts, {
          changePasswordUrl: 'https://www.dailymail.co.uk/registration/password.html',
          sources: [{ id: 'plaintextoffenders', date: '2021-05-30' }],
        }),
        t,
      ),
    )
    expect(view.grade).toBe('C')
    expect(view.groups.flatMap((g) => g.findings.map((f) => f.id))).not.toContain('plaintext-offender')
    const [finding] = view.account!.findings
    expect(finding!.id).toBe('plaintext-offender')
    expect(finding!.user).toMatch(/^In 2011, a user showed that this site emailed them their own password in clear/)
    expect(finding!.links).toEqual([
      { kind: 'evidence', label: 'Read the 2011 report', href: 'https://plaintextoffenders.com/post/11' },
      {
        kind: 'change-password',
        label: 'Change your password',
        href: 'https://www.dailymail.co.uk/registration/password.html',
      },
    ])
    expect(view.account!.sources).toBe(
      'From data shipped with Vigie, checked on this computer: Plain Text Offenders (2021-05-30).',
    )
  })
  it('tells the user to turn two-factor authentication on, with the methods and the how-to page', () => {
    const summary: AccountSummary = {
      twoFactor: { methods: ['totp', 'u2f'], documentation: 'https://docs.codeberg.org/security/2fa/' },
      sources: [{ id: 'twofactorauth', date: '2026-08-04' }],
    }
    const view = accountView([], summary, t)!
    expect(view.twoFactor).toEqual({
      text: 'This site offers two-factor authentication: turn it on',
      methods: 'totp u2f',
      methodsText: 'Methods: authenticator app, security key',
      howTo: {
        kind: 'twofactor-docs',
        label: 'How to turn it on (the site’s help)',
        href: 'https://docs.codeberg.org/security/2fa/',
      },
    })
    expect(view.findings).toEqual([])
  })
  it('names SMS-only methods in one card that stands for the 2FA line (no second box)', () => {
    const facts = site({ twoFactor: { domain: 'bitly.com', methods: ['sms'], dataDate: '2026-08-04' } })
    const view = report(
      popupView(
        answer(facts, { twoFactor: { methods: ['sms'] }, sources: [{ id: 'twofactorauth', date: '2026-08-04' }] }),
        t,
      ),
    )
    expect(view.account!.findings.map((f) => [f.id, f.user])).toEqual([
      ['2fa-sms-only', expect.stringMatching(/^This site’s only second factor is a code sent by SMS\./)],
    ])
    expect(view.account!.twoFactor).toBeUndefined()
    expect(view.account!.findings[0]!.methods).toBe('sms')
  })
  it("says what a short cap suggests, with the page's number", () => {
    const facts = cleanSite()
    facts.page.frames = [{ ...loginFrame(), passwordLimits: [{ maxLength: 12, newPassword: true }] }]
    const view = report(popupView(answer(facts), t))
    expect(view.account!.findings[0]!.user).toMatch(
      /^This site accepts passwords of at most 12 characters\. A short fixed limit can mean/,
    )
    expect(view.account!.sources).toBe('')
  })
  it('has no section when there is nothing to say', () => {
    expect(report(popupView(answer(cleanSite()), t)).account).toBeUndefined()
    expect(accountView([], { sources: [{ id: 'password-manager-resources', date: '2026-08-22' }] }, t)).toBeUndefined()
  })
  it('makes links of http(s) addresses only', () => {
    const [finding] = gradeSite(
      site({ offender: { ...OFFENDER, url: 'javascript:alert(1)' }, changePasswordUrl: 'data:text/html,x' }),
    ).findings.filter((f) => f.id === 'plaintext-offender')
    expect(accountView([finding!], undefined, t)!.findings[0]!.links).toEqual([])
  })
  it('reads well in French', () => {
    const fr = translate(words('fr'))
    const view = accountView(
      gradeSite(site({ twoFactor: { domain: 'bitly.com', methods: ['sms', 'email'], dataDate: '2026-08-04' } }))
        .findings,
      { twoFactor: { methods: ['sms', 'email'] }, sources: [{ id: 'twofactorauth', date: '2026-08-04' }] },
      fr,
    )!
    expect(view.title).toBe('Votre compte sur ce site')
    expect(view.findings[0]!.methods).toBe('sms email')
    expect(view.findings[0]!.user).toMatch(/^Le seul second facteur de ce site est un code envoyé par SMS, e-mail\./)
  })
})

describe('Account (component)', () => {
  it('renders the section with data-twofactor, the account findings and safe links', () => {
    const facts = site({
      offender: OFFENDER,
      twoFactor: { domain: 'dailymail.co.uk', methods: ['sms', 'totp'], dataDate: '2026-08-04' },
    })
    const view = popupView(
      answer(facts, {
        twoFactor: { methods: ['sms', 'totp'], documentation: 'https://help.example.co.uk/2fa' },
        sources: [],
      }),
      t,
    )
    const { container } = render(<Popup view={view} />)
    const section = container.querySelector('[data-account]')!
    expect(section.querySelector('h2')!.textContent).toBe('Your account on this site')
    expect(section.querySelector('[data-twofactor]')!.getAttribute('data-twofactor')).toBe('sms totp')
    expect(section.querySelector('[data-finding="plaintext-offender"][data-severity="high"]')).not.toBeNull()
    const links = [...section.querySelectorAll('a')]
    expect(
      links.map((a) => [a.getAttribute('data-account-link'), a.getAttribute('href'), a.getAttribute('rel')]),
    ).toEqual([
      ['twofactor-docs', 'https://help.example.co.uk/2fa', 'noreferrer noopener'],
      ['evidence', 'https://plaintextoffenders.com/post/11', 'noreferrer noopener'],
    ])
  })
  it('is absent from a popup with nothing to say about the account', () => {
    const { container } = render(<Popup view={popupView(answer(cleanSite()), t)} />)
    expect(container.querySelector('[data-account]')).toBeNull()
  })
})
