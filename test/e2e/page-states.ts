/**
 * The extension's pages besides the popup, in each browser, language and theme: the settings (as a user has them,
 * with SSL Labs on, and locked by an administrator), the report (empty, filled, one row expanded) and the first-run
 * page. Each is run through axe and saved as a screenshot to look at (test-results/screenshots/<browser>-page-*).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, LOOKS, type ExtensionBrowser, type Look } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'

/** The administrator's values the locked settings page is shown with (options/main.tsx, `#vigieTestManaged=`). */
const MANAGED = { strictness: 'strict', ssllabs: { enabled: true, mode: 'always' }, ssllabsEmail: 'it@example.org' }

export function pageStateScenarios(
  name: string,
  launch: (look: Look, sites: TestSites) => Promise<ExtensionBrowser>,
): void {
  describe.each(LOOKS)(`${name}: the settings, report and first-run pages, $locale, $scheme`, (look) => {
    const env = {} as { sites: TestSites; browser: ExtensionBrowser }
    beforeAll(async () => {
      env.sites = await startSites()
      env.browser = await launch(look, env.sites)
    }, 150_000)
    afterAll(async () => {
      await env.browser?.close()
      await env.sites?.close()
    })

    it('shows each page in that language and theme, with no axe violation', { timeout: 240_000 }, async () => {
      const { browser, sites } = env
      const fr = look.locale === 'fr'
      const suffix = `${look.locale}-${look.scheme}`
      const check = async (path: string, shot: string, ready: string, words: RegExp) => {
        const opened = await browser.extensionPage(path, `page-${shot}-${suffix}`, ready)
        expect.soft(opened.text, shot).toMatch(words)
        expect.soft(await axeViolations(opened.page), `${shot}: axe`).toEqual([])
        return opened
      }

      // Before any page is graded: the empty report.
      const empty = await check('report.html', 'report-empty', '.empty', fr ? /Aucun site noté/ : /No site graded yet/)
      await empty.page.close()

      const welcome = await check('welcome.html', 'welcome', 'h1', fr ? /Vigie/ : /Vigie/)
      await welcome.page.close()

      const options = await check(
        'options.html',
        'options',
        '[data-setting="strictness"]',
        fr ? /Réglages de Vigie/ : /Vigie settings/,
      )
      expect(await options.page.evaluate(() => document.querySelector('[data-managed]'))).toBeNull()
      await options.page.close()

      // SSL Labs on: its email and the steps to register appear.
      await browser.setSettings({ ssllabs: { enabled: true, mode: 'on-demand' } })
      const ssllabs = await check('options.html', 'options-ssllabs', '#ssllabs-email', /SSL Labs/)
      await ssllabs.page.close()
      await browser.setSettings({ ssllabs: { enabled: false, mode: 'on-demand' } })

      const locked = await check(
        `options.html#vigieTestManaged=${encodeURIComponent(JSON.stringify(MANAGED))}`,
        'options-locked',
        '[data-managed]',
        fr ? /Géré par votre organisation/ : /Managed by your organisation/,
      )
      expect(
        await locked.page.evaluate(() =>
          [...document.querySelectorAll('[data-locked]')].map((e) =>
            e.closest('[data-setting]')?.getAttribute('data-setting'),
          ),
        ),
      ).toEqual(['strictness', 'ssllabs', 'ssllabs'])
      await locked.page.close()

      // Three hosts graded, one of them on two pages (its grade is the worst of the two).
      for (const [url, grade] of [
        [`${sites.https}/h/good/plain.html`, 'A+'],
        [`${sites.http}/login.html`, 'F'],
        [`${sites.http}/plain.html`, 'C'],
        [`${sites.at('https', 'login.dailymail.co.uk')}/h/good/plain.html`, 'C'],
      ] as const) {
        const tab = await browser.open(url)
        expect(await browser.waitForBadge(tab, grade)).toBe(grade)
        await browser.closeTab(tab)
      }
      const plain = new URL(sites.http).host
      const filled = await check(
        'report.html',
        'report',
        `tbody[data-host="${plain}"]`,
        fr ? /Sites notés/ : /Sites graded/,
      )
      expect(await filled.page.text(`tbody[data-host="${plain}"]`)).toMatch(/\bF\b/)
      await filled.page.click(`tbody[data-host="${plain}"] button.expand`)
      expect(await filled.page.text(`tbody[data-host="${plain}"]`)).toMatch(
        fr ? /La pire de 2 pages notées/ : /The worst of 2 pages graded/,
      )
      await filled.page.screenshot(`page-report-expanded-${suffix}`)
      expect.soft(await axeViolations(filled.page), 'report expanded: axe').toEqual([])
      await filled.page.close()
    })
  })
}
