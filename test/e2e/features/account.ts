/**
 * Browser scenarios: account signals from the shipped data sets. Run by browserScenarios (../scenarios.ts) in each
 * browser.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser } from '../harness/types.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function accountScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ sites, browser } = env.running)
  })
  const visit = env.visit

  describe('account signals from shipped data', () => {
    // Real sites of the data sets, served locally under their own names (servers.ts ACCOUNT_HOSTS): nothing is
    // looked up, the shipped data answer. Each page has a clean https setup, so the account alone sets the grade.
    // Their tabs are closed after each test: later tests turn online sources on for every open tab of a public name.
    const opened: number[] = []
    afterEach(async () => {
      for (const tab of opened.splice(0)) await browser.closeTab(tab)
    })
    async function visitAccount(url: string, badge: string, shot: string) {
      const visited = await visit(url, badge, shot)
      opened.push(visited.tab)
      return visited
    }
    it("flags an offender's login subdomain, with the report's year, the evidence and Apple's change-password page", async () => {
      const { popup, ids } = await visitAccount(
        `${sites.at('https', 'login.dailymail.co.uk')}/h/good/plain.html`,
        'C',
        'account-offender',
      )
      expect(popup.findings).toContainEqual({ id: 'plaintext-offender', severity: 'high' })
      // Apple's rules for dailymail.co.uk cap passwords at 15 characters.
      expect(ids).toContain('password-short-max-length')
      expect(popup.text).toMatch(/your account on this site/i)
      expect(popup.text).toMatch(/In 2011, a user showed that this site emailed them their own password in clear/)
      expect(popup.text).toContain('Read the 2011 report')
      expect(popup.text).toContain('Change your password')
      expect(popup.text).toMatch(/Plain Text Offenders \(2021-05-30\)/)
    })
    it('does not flag a site on the reformed list', async () => {
      const { popup, ids } = await visitAccount(
        `${sites.at('https', 'chesskid.com')}/h/good/plain.html`,
        'A+',
        'account-reformed',
      )
      expect(ids).not.toContain('plaintext-offender')
      expect(popup.text).not.toMatch(/your account on this site/i)
    })
    it('tells the user to turn on the strong two-factor authentication a site offers', async () => {
      const { popup, ids } = await visitAccount(
        `${sites.at('https', 'codeberg.org')}/h/good/plain.html`,
        'A+',
        'account-2fa-strong',
      )
      expect(ids.filter((id) => ['no-2fa', '2fa-sms-only'].includes(id))).toEqual([])
      expect(popup.twofactor).toBe('totp u2f')
      expect(popup.text).toContain('This site offers two-factor authentication: turn it on')
      expect(popup.text).toContain('Methods: authenticator app, security key')
      expect(popup.text).toContain('How to turn it on')
    })
    it('reports a site 2fa.directory lists without two-factor authentication', async () => {
      const { popup } = await visitAccount(
        `${sites.at('https', 'www.alltrails.com')}/h/good/plain.html`,
        'A-',
        'account-no-2fa',
      )
      expect(popup.findings).toContainEqual({ id: 'no-2fa', severity: 'low' })
      expect(popup.twofactor).toBeNull()
    })
    it('reports a site whose only second factor is SMS, and still says to turn it on', async () => {
      const { popup } = await visitAccount(
        `${sites.at('https', 'bitly.com')}/h/good/plain.html`,
        'A',
        'account-sms-only',
      )
      expect(popup.findings).toContainEqual({ id: '2fa-sms-only', severity: 'low' })
      expect(popup.twofactor).toBe('sms')
      expect(popup.text).toContain('code sent by SMS')
    })
    it('reports a new-password field capped at 12 characters', async () => {
      const { popup } = await visitAccount(
        `${sites.named('https', 'console')}/h/good/signup-short.html`,
        'B',
        'account-maxlength-12',
      )
      expect(popup.findings).toContainEqual({ id: 'password-short-max-length', severity: 'medium' })
      expect(popup.text).toContain('This site accepts passwords of at most 12 characters.')
    })
    it('has nothing to say about the account of a site the data sets do not know', async () => {
      const { popup } = await visitAccount(
        `${sites.named('https', 'console')}/h/good/plain.html`,
        'A+',
        'account-neutral',
      )
      expect(popup.text).not.toMatch(/your account on this site/i)
      expect(popup.twofactor).toBeNull()
    })
  })
}
