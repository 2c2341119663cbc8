/**
 * Browser scenarios: login forms on http: the F a password on http earns. Run by browserScenarios (../scenarios.ts)
 * in each browser.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { PREVIOUS_COLOUR, type ExtensionBrowser } from '../harness/types.ts'
import type { TestSites } from '../servers.ts'
import type { ScenarioEnv } from './env.ts'

export function loginFormScenarios(env: ScenarioEnv): void {
  let sites: TestSites
  let browser: ExtensionBrowser
  beforeAll(() => {
    ;({ sites, browser } = env.running)
  })
  const visit = env.visit

  describe('login forms on http', () => {
    it('shows F and http-login-form for a static login page', async () => {
      const { popup } = await visit(`${sites.http}/login.html`, 'F', 'http-login')
      expect(popup.findings).toContainEqual({ id: 'http-login-form', severity: 'critical' })
      expect(popup.findings.map((f) => f.id)).toContain('http-page')
      expect(popup.text).toMatch(/Don't type a password here/)
      expect(popup.height).toBeLessThanOrEqual(600)
    })
    it('turns C into F when a script adds the form after a delay', async () => {
      const tab = await browser.open(`${sites.http}/login-late.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      expect(await browser.waitForBadge(tab, 'F', 6_000)).toBe('F')
      expect((await browser.popup(tab, 'http-login-late')).findings.map((f) => f.id)).toContain('http-login-form')
    })
    it('updates an open popup when the page changes, without reopening it', async () => {
      const tab = await browser.open(`${sites.http}/login-late.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      // Opened while the page still shows C: the form arrives 1.2 s after load, and the popup shows F by itself.
      const popup = await browser.popup(tab, 'http-login-late-live', { until: (r) => r.grade === 'F' })
      expect(popup.grade).toBe('F')
      expect(popup.findings.map((f) => f.id)).toContain('http-login-form')
    })
    it('shows no grade before the page has reported, even when the page is busy just after its load event', async () => {
      // The content script reports just after load; a page busy then must not get, meanwhile, the C of an http
      // page without a form, taken back a moment later. (The host's grade from an earlier visit may show, grey.)
      const tab = await browser.open(`${sites.http}/login-busy.html`)
      const seen = new Set<string>()
      const end = Date.now() + 6_000
      let badge = ''
      while (badge !== 'F' && Date.now() < end) {
        const look = await browser.badgeLook(tab)
        badge = look.colour === PREVIOUS_COLOUR ? '' : look.text
        if (badge !== '') seen.add(badge)
        await new Promise((r) => setTimeout(r, 20))
      }
      expect([...seen]).toEqual(['F'])
    })
    it('finds a field in a shadow root on a <div> when it gets focus, before anything is typed', async () => {
      const tab = await browser.open(`${sites.http}/login-div-shadow.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      await browser.runInPage(
        tab,
        "document.getElementById('login').shadowRoot.querySelector('[type=password]').focus()",
      )
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const popup = await browser.popup(tab, 'http-login-div-shadow')
      expect(popup.findings).toContainEqual({ id: 'http-login-form', severity: 'critical' })
    })
    it('finds the field inside an open shadow root', async () => {
      const { ids } = await visit(`${sites.http}/login-shadow.html`, 'F', 'http-login-shadow')
      expect(ids).toContain('http-login-form')
    })
    it('finds the field in a same-origin frame', async () => {
      const { ids } = await visit(`${sites.http}/login-frame.html`, 'F', 'http-login-frame')
      expect(ids).toContain('http-login-form')
    })
    it('notices a text field retyped to PASSWORD', async () => {
      const tab = await browser.open(`${sites.http}/login-retype.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      expect(await browser.waitForBadge(tab, 'F', 6_000)).toBe('F')
    })
    it('finds a password field outside any form', async () => {
      const { ids } = await visit(`${sites.http}/formless.html`, 'F', 'http-formless')
      expect(ids).toContain('http-login-form')
    })
    it('grades a text field masked by CSS (-webkit-text-security) as a password field, once it gets focus', async () => {
      const tab = await browser.open(`${sites.http}/login-masked.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      await browser.runInPage(tab, "document.querySelector('.secret').focus()")
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const popup = await browser.popup(tab, 'http-login-masked')
      expect(popup.findings).toContainEqual({ id: 'http-login-form', severity: 'critical' })
    })
    it('keeps the report of a page whose password field has maxlength="2147483647"', async () => {
      const { popup } = await visit(`${sites.http}/login-maxlength-huge.html`, 'F', 'http-login-maxlength-huge')
      expect(popup.findings).toContainEqual({ id: 'http-login-form', severity: 'critical' })
      expect(popup.findings.map((f) => f.id)).not.toContain('password-short-max-length')
    })
    it('grades a plain http page without credentials C, for http-page alone', async () => {
      const { ids } = await visit(`${sites.http}/plain.html`, 'C', 'http-plain')
      expect(ids).toEqual(['http-page'])
    })
  })
}
