/**
 * Browser scenarios: Back and Forward, hostile frames and odd markup. Run by browserScenarios (../scenarios.ts) in
 * each browser.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { type ExtensionBrowser } from '../harness/types.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function hostilePageScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ sites, browser } = env.running)
  })
  const visit = env.visit

  describe('Back and Forward, hostile frames and odd markup', () => {
    it('shows each page its own grade after Back and Forward from the back-forward cache', async () => {
      const login = `${sites.http}/login.html?cache`
      const good = `${sites.https}/h/good/plain.html?cache`
      const tab = await browser.open(login)
      const loginUrl = (await browser.runInPage(tab, 'location.href')) as string
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      await browser.runInPage(tab, 'window.vigieMark = "login"')
      await browser.navigate(tab, good)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      await browser.runInPage(tab, 'window.vigieMark = "good"')
      await browser.history(tab, 'back', loginUrl)
      // The page kept its script state: it came back from the back-forward cache, not from the network.
      expect(await browser.runInPage(tab, 'window.vigieMark')).toBe('login')
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const back = await browser.popup(tab, 'bfcache-back')
      expect(back.grade).toBe('F')
      expect(back.findings.map((f) => f.id)).toContain('http-login-form')
      expect(back.text).not.toContain('localhost')
      await new Promise((r) => setTimeout(r, 500))
      expect(await browser.badge(tab)).toBe('F')
      await browser.history(tab, 'forward', good)
      expect(await browser.runInPage(tab, 'window.vigieMark')).toBe('good')
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const forward = await browser.popup(tab, 'bfcache-forward')
      expect(forward.grade).toBe('A+')
      expect(forward.findings.map((f) => f.id)).not.toContain('hsts-missing')
      await new Promise((r) => setTimeout(r, 500))
      expect(await browser.badge(tab)).toBe('A+')
    })

    it('keeps storage.session bounded per tab under a flood of frames, and a second tab still gets its F', async () => {
      const flood = await browser.open(
        `${sites.http}/flood.html?frame=${encodeURIComponent(`${sites.https}/flood-ad.html?frames=100&forms=50`)}`,
      )
      expect(await browser.waitForBadge(flood, 'F', 15_000)).not.toBe('')
      await new Promise((r) => setTimeout(r, 2_000))
      const sizes = await browser.sessionSizes()
      const total = Object.values(sizes).reduce((a, b) => a + b, 0)
      console.log(
        `${browser.name}: storage.session under the flood: tab ${sizes[`tab:${flood}`]} characters, all ${total}`,
      )
      const second = await browser.open(`${sites.http}/login.html`)
      expect(await browser.waitForBadge(second, 'F')).toBe('F')
      expect(sizes[`tab:${flood}`]).toBeLessThanOrEqual(64 * 1024)
      // The ad's password forms post to http: the flooded page is graded F too.
      expect(await browser.badge(flood)).toBe('F')
      await browser.closeTab(flood)
    }, 90_000)

    it('forgets a frame that left the page', async () => {
      const tab = await browser.open(`${sites.http}/login-frame.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      await browser.runInPage(tab, "document.querySelector('iframe').remove()")
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
    })

    it('sees a login form in a srcdoc frame and in an about:blank frame of an http page', async () => {
      const { ids } = await visit(`${sites.http}/login-srcdoc.html`, 'F', 'http-login-srcdoc')
      expect(ids).toContain('http-login-form')
      const blank = await visit(`${sites.http}/login-blank.html`, 'F', 'http-login-blank')
      expect(blank.ids).toContain('http-login-form')
    })

    it("grades a third party's https frame whose password form posts to http", async () => {
      const frame = `${sites.https.replace('localhost', '127.0.0.1')}/frame-login-to-http.html`
      const { popup } = await visit(
        `${sites.https}/h/good/login-third-party.html?frame=${encodeURIComponent(frame)}`,
        'F',
        'https-third-party-to-http',
      )
      expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
    })

    it('reads an action with a tab inside "http" as http, as the browser does', async () => {
      const { popup } = await visit(`${sites.https}/h/good/login-tab-action.html`, 'F', 'https-tab-action')
      expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
    })

    it('takes method="post " for the GET the browser submits', async () => {
      const { ids } = await visit(`${sites.https}/h/good/login-method-space.html`, 'D', 'https-method-space')
      expect(ids).toContain('password-in-url')
    })

    it('sees <base href> changed to http after load', async () => {
      const tab = await browser.open(`${sites.https}/h/good/login-base-late.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      expect(await browser.waitForBadge(tab, 'F', 6_000)).toBe('F')
    })

    it('reads Strict-Transport-Security as the browser does', async () => {
      // Two identical headers: the first counts. A non-ASCII byte in a quoted value: applied. "foo=": ignored.
      await visit(`${sites.https}/h/twice/plain.html`, 'A+', 'https-hsts-twice')
      await visit(`${sites.https}/h/latin-byte/plain.html`, 'A+', 'https-hsts-latin-byte')
      const { ids } = await visit(`${sites.https}/h/empty-unknown/plain.html`, 'B', 'https-hsts-empty-unknown')
      expect(ids).toContain('hsts-invalid')
    })
  })
}
