/**
 * Browser scenarios: the online sources, answered by local fakes. Run by browserScenarios (../scenarios.ts) in each
 * browser.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser } from '../harness/types.ts'
import type { Fakes } from '../fakes.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function onlineSourceScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  let fakes: Fakes
  beforeAll(() => {
    ;({ sites, browser, fakes } = env.running)
  })

  describe('online sources', () => {
    const OFF = { enabled: false, mode: 'on-demand' }
    afterAll(async () => {
      await browser.setSettings({ ssllabs: OFF, observatory: OFF, hstspreload: OFF, ssllabsEmail: '' })
    })

    it('sends the services nothing at all with default settings', async () => {
      for (const url of [
        `${sites.named('http', 'shop')}/login.html`,
        `${sites.named('https', 'console')}/h/good/login.html`,
        `${sites.named('https', 'console')}/plain.html`,
      ]) {
        const tab = await browser.open(url)
        expect(
          await browser.waitForBadge(tab, url.includes('login') ? (url.startsWith('http:') ? 'F' : 'A+') : 'B'),
        ).not.toBe('')
        if (url.endsWith('/plain.html') && browser.name === 'chromium') {
          // Chrome sees no certificate: the popup offers SSL Labs, in the settings, and says what it would send.
          const popup = await browser.popup(tab, 'online-off-chrome')
          expect(popup.text).toMatch(
            /Check them with SSL Labs…\s+In the settings\. SSL Labs, run by Qualys, then receives the name of the sites you check\./,
          )
        }
      }
      await new Promise((r) => setTimeout(r, 1000))
      expect(fakes.log).toEqual([])
    })

    it('looks up SSL Labs on demand from the popup, with the registered email', async () => {
      await browser.setSettings({
        ssllabs: { enabled: true, mode: 'on-demand' },
        ssllabsEmail: 'security@example.com',
      })
      const tab = await browser.open(`${sites.named('https', 'console')}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const before = await browser.popup(tab, 'online-not-asked')
      expect(before.online).toEqual([expect.objectContaining({ source: 'ssllabs', state: 'not-asked' })])
      expect(fakes.log).toEqual([])
      const after = await browser.popup(tab, 'online-ssllabs', {
        click: '[data-source="ssllabs"] button',
        until: (r) => r.online[0]?.state === 'ready',
      })
      expect(fakes.log).toEqual([
        {
          service: 'ssllabs',
          method: 'GET',
          path: '/ssllabs/analyze',
          host: 'console.example.test',
          email: 'security@example.com',
        },
      ])
      expect(after.grade).toBe('F')
      expect(after.findings.map((f) => f.id)).toContain('ssllabs-grade')
      // Seven findings, the less serious folded away: the popup fits without scrolling.
      expect(after.height).toBeLessThanOrEqual(600)
      expect(after.online[0]!.text).toMatch(/SSL Labs: F/)
      if (browser.name === 'chromium') {
        // Chrome sees no certificate: SSL Labs' chain fills it in, marked with its source.
        expect(after.findings.map((f) => f.id)).toContain('cert-sha1')
        expect(after.text).toContain('From SSL Labs')
      }
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
    })

    it('asks the Observatory by itself on a page with a login form, and not elsewhere', async () => {
      // Open tabs with login forms from earlier tests are asked about too, as the mode says: look at one host.
      const asked = () => fakes.log.filter((r) => r.host === 'auth.example.test')
      await browser.setSettings({ ssllabs: OFF, observatory: { enabled: true, mode: 'login' } })
      const plain = await browser.open(`${sites.named('https', 'auth')}/h/good/plain.html`)
      expect(await browser.waitForBadge(plain, 'A+')).toBe('A+')
      await new Promise((r) => setTimeout(r, 1000))
      expect(asked()).toEqual([])
      const login = await browser.open(`${sites.named('https', 'auth')}/h/good/login.html`)
      expect(await browser.waitForBadge(login, 'B', 8_000)).toBe('B')
      expect(asked()).toEqual([expect.objectContaining({ service: 'observatory', method: 'POST' })])
      const popup = await browser.popup(login, 'online-observatory')
      expect(popup.findings.map((f) => f.id)).toContain('observatory-grade')
      expect(popup.online[0]!.text).toMatch(/HTTP Observatory: C\+/)
    })

    it('does not count a third party\'s login frame as a login form of the site, for the "login" mode', async () => {
      // The Observatory is on, by itself on pages with a password field (the test above).
      const frame = `${sites.https.replace('localhost', '127.0.0.1')}/frame-login.html`
      const tab = await browser.open(
        `${sites.named('https', 'widget')}/h/good/login-third-party.html?frame=${encodeURIComponent(frame)}`,
      )
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      await new Promise((r) => setTimeout(r, 1500))
      expect(fakes.log.filter((r) => r.host === 'widget.example.test')).toEqual([])
      await browser.closeTab(tab)
    })

    it('shows the progress of an assessment in progress, then its result', async () => {
      fakes.ssllabs.set('slow.example.test', { inProgress: 1, then: 'ssllabs-good' })
      await browser.setSettings({
        ssllabs: { enabled: true, mode: 'on-demand' },
        ssllabsEmail: 'security@example.com',
      })
      const tab = await browser.open(`${sites.named('https', 'slow')}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const pending = await browser.popup(tab, 'online-in-progress', {
        click: '[data-source="ssllabs"] button',
        until: (r) => r.online[0]?.state === 'pending',
      })
      expect(pending.online[0]!.text).toMatch(/in progress \(42%\)/)
      // Polled again after 5 s by the background, without another click.
      const ready = await browser.popup(tab, 'online-after-progress', {
        until: (r) => r.online[0]?.state === 'ready',
      })
      expect(ready.online[0]!.text).toMatch(/SSL Labs: A\+/)
      expect(fakes.log.filter((r) => r.host === 'slow.example.test')).toHaveLength(2)
    })

    it('says on the options page when SSL Labs does not know the email (441)', async () => {
      fakes.ssllabs.set('nobody.example.test', { status: 441 })
      await browser.setSettings({ ssllabs: { enabled: true, mode: 'on-demand' }, ssllabsEmail: 'nobody@example.com' })
      const tab = await browser.open(`${sites.named('https', 'nobody')}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const popup = await browser.popup(tab, 'online-unregistered', {
        click: '[data-source="ssllabs"] button',
        until: (r) => r.online[0]?.state === 'error',
      })
      expect(popup.online[0]!.text).toMatch(/register it with SSL Labs/)
      const options = await browser.extensionPage('options.html', 'options-unregistered', '[data-problem="ssllabs"]')
      expect(options.text).toMatch(/does not know the email/)
      await options.page.close()
    })

    it('backs off when SSL Labs answers 529, and says so', async () => {
      fakes.log.length = 0
      fakes.ssllabs.set('busy.example.test', { status: 529 })
      await browser.setSettings({
        observatory: OFF,
        ssllabs: { enabled: true, mode: 'on-demand' },
        ssllabsEmail: 'security@example.com',
      })
      const tab = await browser.open(`${sites.named('https', 'busy')}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const popup = await browser.popup(tab, 'online-overloaded', {
        click: '[data-source="ssllabs"] button',
        until: (r) => r.online[0]?.state === 'error',
      })
      expect(popup.online[0]!.text).toMatch(/overloaded/)
      expect(popup.grade).toBe('A+') // the grade stands on local facts
      expect(fakes.log).toHaveLength(1)
      // While backing off the popup offers no Refresh (it could only be refused); reopened, it asks nothing.
      const again = await browser.popup(tab, 'online-overloaded-again', {
        until: (r) => r.online[0]?.state === 'error',
      })
      expect(again.text).not.toMatch(/Refresh/)
      await new Promise((r) => setTimeout(r, 500))
      expect(fakes.log).toHaveLength(1) // no second request while backing off
    })

    it('never asks about local hosts, even when a source is on for every page', async () => {
      fakes.log.length = 0
      await browser.setSettings({ ssllabs: OFF, hstspreload: { enabled: true, mode: 'always' } })
      const tab = await browser.open(`${sites.https}/h/good/login.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const popup = await browser.popup(tab, 'online-local-host')
      expect(popup.text).toContain('never asked about private windows or local addresses')
      // Open tabs on public-looking names are asked about (mode "always"); local ones never.
      expect(fakes.log.filter((r) => !r.host?.endsWith('.example.test'))).toEqual([])
      expect(fakes.log.length).toBeGreaterThan(0)
    })
  })
}
