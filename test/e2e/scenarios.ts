/**
 * The browser scenarios, written once and run in Chromium and in Firefox ESR with the built extension loaded.
 * They assert what a person sees: the badge text and the popup's grade and findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExtensionBrowser } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'

export function browserScenarios(name: string, launch: (sites: TestSites) => Promise<ExtensionBrowser>): void {
  describe(name, () => {
    let sites: TestSites
    let browser: ExtensionBrowser

    beforeAll(async () => {
      sites = await startSites()
      browser = await launch(sites)
    }, 60_000)

    afterAll(async () => {
      await browser?.close()
      await sites?.close()
    })

    it('shows F and http-login-form for a login page served over http', async () => {
      const tab = await browser.open(`${sites.http}/login.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const popup = await browser.popup(tab, 'http-login')
      expect(popup.grade).toBe('F')
      expect(popup.findings).toContainEqual({ id: 'http-login-form', severity: 'critical' })
      expect(popup.findings.map((f) => f.id)).toContain('http-page')
      expect(popup.text).toMatch(/Don't type a password here/)
    })

    it('grades a plain http page without credentials C, for http-page alone', async () => {
      const tab = await browser.open(`${sites.http}/plain.html`)
      expect(await browser.waitForBadge(tab, 'C')).toBe('C')
      const popup = await browser.popup(tab, 'http-plain')
      expect(popup.grade).toBe('C')
      expect(popup.findings.map((f) => f.id)).toEqual(['http-page'])
    })

    it('reports hsts-missing on an https page without Strict-Transport-Security', async () => {
      const tab = await browser.open(`${sites.https}/plain.html`)
      expect(await browser.waitForBadge(tab, 'B')).toBe('B')
      const popup = await browser.popup(tab, 'https-no-hsts')
      expect(popup.findings.map((f) => f.id)).toContain('hsts-missing')
    })

    it('grades an https page with a one-year HSTS policy and includeSubDomains A+', async () => {
      const tab = await browser.open(`${sites.https}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      const popup = await browser.popup(tab, 'https-hsts-good')
      expect(popup.grade).toBe('A+')
      expect(popup.findings.filter((f) => f.severity !== 'info')).toEqual([])
    })

    it('changes the grade when the tab navigates', async () => {
      const tab = await browser.open(`${sites.https}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      await browser.navigate(tab, `${sites.http}/login.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
    })
  })
}
