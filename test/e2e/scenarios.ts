/**
 * The browser scenarios, written once and run in Chromium and in Firefox ESR with the built extension loaded: one
 * browser per run for the features in features/ (one file each), and their own for administrators, looks and private
 * windows.
 * They assert what a person sees: the badge text and the popup's grade and findings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, LOOKS, poll, warmUp, type ExtensionBrowser, type Look } from './harness/types.ts'
import { startFakes, type Fakes } from './fakes.ts'
import { startOnePortSite, startSites, type OnePortSite, type TestSites } from './servers.ts'
import { scenarioEnv } from './features/env.ts'
import { loginFormScenarios } from './features/login-forms.ts'
import { hstsScenarios } from './features/hsts.ts'
import { httpsFormScenarios } from './features/https-forms.ts'
import { accountScenarios } from './features/account.ts'
import { tabScenarios } from './features/tabs.ts'
import { hostilePageScenarios } from './features/hostile-pages.ts'
import { extensionPageScenarios } from './features/extension-pages.ts'
import { onlineSourceScenarios } from './features/online-sources.ts'
import { forgetScenarios } from './features/forget.ts'

/**
 * Starts the local sites (and the service fakes), launches a browser with the extension and waits until it
 * answers; closes all of it after the enclosing describe. Read the fields inside tests, not at definition time.
 */
function useBrowser<B extends ExtensionBrowser>(
  launch: (sites: TestSites) => Promise<B>,
): { sites: TestSites; browser: B; fakes: Fakes } {
  const env = {} as { sites: TestSites; browser: B; fakes: Fakes }
  beforeAll(async () => {
    env.sites = await startSites()
    env.fakes = await startFakes()
    env.browser = await launch(env.sites)
    await warmUp(env.browser, `${env.sites.http}/plain.html`)
    // The services' addresses point at the local fakes; nothing else about the extension changes.
    await env.browser.setLocal({ serviceUrls: env.fakes.urls })
  }, 150_000)
  afterAll(async () => {
    await env.browser?.close()
    await env.sites?.close()
    await env.fakes?.close()
  })
  return env
}

export function browserScenarios(name: string, launch: (sites: TestSites) => Promise<ExtensionBrowser>): void {
  describe(name, () => {
    const env = scenarioEnv(useBrowser(launch))
    loginFormScenarios(env)
    hstsScenarios(env)
    httpsFormScenarios(env)
    accountScenarios(env)
    tabScenarios(env)
    hostilePageScenarios(env)
    extensionPageScenarios(env)
    onlineSourceScenarios(env)
    forgetScenarios(env)
  })
}

/** A browser whose administrator fixed some settings through storage.managed. */
export function administratorScenarios(
  name: string,
  launch: (managed: Record<string, unknown>, sites: TestSites) => Promise<ExtensionBrowser>,
): void {
  describe(name, () => {
    const env = useBrowser((sites) =>
      launch({ strictness: 'strict', ssllabs: { enabled: false, mode: 'on-demand' } }, sites),
    )

    it('grades with the locked strictness, whatever the user set', async () => {
      const { browser, sites } = env
      await browser.setSettings({ strictness: 'relaxed' })
      const tab = await browser.open(`${sites.https}/h/no-subdomains/plain.html`)
      // hsts-no-subdomains caps at A- in strict, A in standard, nothing in relaxed. Grading does not wait for
      // storage.managed, whose first answer takes Chromium seconds (more on a busy machine): the tab is re-graded
      // when it comes.
      expect(await browser.waitForBadge(tab, 'A-', 40_000)).toBe('A-')
      // The popup says the level is the organisation's, not the user's.
      const popup = await browser.popup(tab, 'popup-managed-level')
      expect(popup.text).toMatch(/Graded at the Strict level, set by your organisation\./)
    }, 60_000)

    it('shows the locked settings as locked, with why', async () => {
      const options = await env.browser.extensionPage(
        'options.html',
        'options-locked',
        '[data-setting="strictness"] [data-locked]',
      )
      // One banner at the top says why; each locked setting carries a short mark (never in a legend).
      expect(await options.page.text('[data-managed]')).toMatch(/Managed by your organisation/)
      expect(await options.page.text('[data-setting="strictness"]')).toMatch(/Set by your organisation/)
      expect(await options.page.text('[data-setting="ssllabs"]')).toMatch(/Set by your organisation/)
      expect(await options.page.evaluate(() => document.querySelectorAll('legend [data-locked]').length)).toBe(0)
      // SSL Labs is locked off: its email has no use, and is not shown.
      expect(await options.page.evaluate(() => document.getElementById('ssllabs-email'))).toBeNull()
      expect(await axeViolations(options.page)).toEqual([])
      expect(
        await options.page.evaluate(
          () => (document.querySelector('[data-setting="strictness"]') as HTMLFieldSetElement).disabled,
        ),
      ).toBe(true)
      expect(
        await options.page.evaluate(() => document.querySelector('[data-setting="observatory"] [data-locked]')),
      ).toBeNull()
      await options.page.close()
    })
  })
}

/**
 * The browser's own HSTS upgrade in a redirect chain (issue #21): evidence for the host it upgraded, never for
 * another host the chain goes on to. The browser must store HSTS, so it trusts the test CA (Chromium stores no
 * policy under --ignore-certificate-errors), and one port speaks http and https (an upgrade keeps the port).
 */
export function hstsUpgradeScenarios(
  name: string,
  launch: (sites: TestSites) => Promise<ExtensionBrowser>,
  /** Whether the browser tells webRequest of its own upgrade (Chromium: a 307 with Non-Authoritative-Reason: HSTS). */
  toldOfUpgrade: boolean,
): void {
  describe(name, () => {
    const env = useBrowser(launch)
    let site: OnePortSite
    beforeAll(async () => {
      site = await startOnePortSite(env.sites.ca)
    })
    afterAll(async () => {
      await site?.close()
    })

    it("grades the host a chain ends on by its own header, not by another host's HSTS upgrade", async () => {
      const { browser } = env
      // The browser learns hsts-known's policy (one year, includeSubDomains) from its header.
      const tab = await browser.open(`${site.named('https', 'hsts-known')}/h/good/plain.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')

      // The browser holds the policy: a page of that host asked for over http comes over https. Where the browser
      // says so (Chromium), its own upgrade is evidence for that host: a page without the header is not
      // hsts-missing (B) but A+. Firefox's upgrade reaches webRequest as no such redirect: the page is graded on
      // its own response.
      await browser.navigate(tab, `${site.named('http', 'hsts-known')}/plain.html`)
      expect(await browser.runInPage(tab, 'location.protocol')).toBe('https:')
      if (toldOfUpgrade) expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')

      // A link on an http page goes to hsts-known over http (upgraded by the browser), which sends it on to
      // elsewhere over https, without a header: elsewhere has no HSTS, whatever hsts-known has.
      const end = `${site.named('https', 'elsewhere')}/plain.html`
      const through = `${site.named('http', 'hsts-known')}/go?to=${encodeURIComponent(end)}`
      await browser.navigate(tab, `${site.named('http', 'hop')}/go?to=${encodeURIComponent(through)}`)
      expect(await browser.runInPage(tab, 'location.href')).toBe(end)
      expect(await browser.waitForBadge(tab, 'B')).toBe('B')
      const popup = await browser.popup(tab, 'hsts-upgrade-other-host')
      expect(popup.grade).toBe('B')
      expect(popup.findings.map((f) => f.id)).toContain('hsts-missing')
    })
  })
}

/** Every page in another language and colour scheme: screenshots to look at, and axe. */
export function lookScenarios(name: string, launch: (look: Look, sites: TestSites) => Promise<ExtensionBrowser>): void {
  // English in light is every other scenario's look.
  describe.each(LOOKS.filter((l) => l.locale !== 'en' || l.scheme !== 'light'))(`${name}, $locale, $scheme`, (look) => {
    const env = useBrowser((sites) => launch(look, sites))

    it('shows every page in that language and scheme, with no axe violation', async () => {
      const { browser, sites } = env
      const tab = await browser.open(`${sites.http}/login.html`)
      expect(await browser.waitForBadge(tab, 'F')).toBe('F')
      const suffix = `${look.locale}-${look.scheme}`
      // An A+, a B and a C page too, at the popup's real size: screenshots to look at.
      for (const [path, grade, shot] of [
        [`${sites.https}/h/good/plain.html`, 'A+', 'aplus'],
        [`${sites.https}/plain.html`, 'B', 'b'],
        [`${sites.http}/plain.html`, 'C', 'c'],
      ] as const) {
        const other = await browser.open(path)
        expect(await browser.waitForBadge(other, grade)).toBe(grade)
        const opened = await browser.extensionPage(
          `popup.html?tab=${other}`,
          `popup-${shot}-${suffix}`,
          `[data-grade="${grade}"]`,
        )
        expect(await axeViolations(opened.page), `popup, ${grade}`).toEqual([])
        await opened.page.close()
      }
      const popup = await browser.extensionPage(`popup.html?tab=${tab}`, `popup-${suffix}`, '[data-grade]')
      expect(popup.text).toMatch(
        look.locale === 'fr' ? /Ne tapez pas de mot de passe ici/ : /Don't type a password here/,
      )
      const dark = await popup.page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)
      expect(dark).toBe(look.scheme === 'dark')
      expect(await axeViolations(popup.page)).toEqual([])
      await popup.page.close()
      for (const [path, ready, words] of [
        ['options.html', '[data-setting="strictness"]', look.locale === 'fr' ? /Réglages de Vigie/ : /Vigie settings/],
        ['report.html', 'table', look.locale === 'fr' ? /Sites notés/ : /Sites graded/],
      ] as const) {
        const opened = await browser.extensionPage(path, `${path.split('.')[0]}-${suffix}`, ready)
        expect(opened.text).toMatch(words)
        expect(await axeViolations(opened.page), path).toEqual([])
        if (path === 'report.html') {
          await opened.page.click('tbody button.expand')
          await opened.page.screenshot(`report-expanded-${suffix}`)
          expect(await axeViolations(opened.page), 'report.html, expanded').toEqual([])
        }
        await opened.page.close()
      }
    }, 90_000)

    it('shows the account section in that language and scheme, with no axe violation', async () => {
      const { browser, sites } = env
      const suffix = `${look.locale}-${look.scheme}`
      for (const [host, grade, words] of [
        [
          'login.dailymail.co.uk',
          'C',
          look.locale === 'fr'
            ? /En 2011, un utilisateur a montré que ce site lui avait envoyé son mot de passe en clair/
            : /In 2011, a user showed/,
        ],
        [
          'bitly.com',
          'A',
          look.locale === 'fr'
            ? /Ce site propose la double authentification\s: activez-la|Activez-le quand même/
            : /This site offers two-factor authentication: turn it on|Turn it on all the same/,
        ],
      ] as const) {
        const tab = await browser.open(`${sites.at('https', host)}/h/good/plain.html`)
        expect(await browser.waitForBadge(tab, grade)).toBe(grade)
        const popup = await browser.extensionPage(
          `popup.html?tab=${tab}`,
          `popup-account-${host.split('.').at(-3) ?? host.split('.')[0]}-${suffix}`,
          '[data-account]',
        )
        expect(popup.text).toMatch(words)
        expect(await axeViolations(popup.page)).toEqual([])
        await popup.page.close()
        await browser.closeTab(tab)
      }
    })
  })
}

/**
 * Private windows, where the user allowed Vigie in them. Firefox only: Chromium under automation cannot allow an
 * unpacked extension in incognito (that takes a click on chrome://extensions), so it never sees such tabs at all.
 */
export function privateWindowScenarios(
  name: string,
  launch: (sites: TestSites) => Promise<
    ExtensionBrowser & {
      openPrivate(url: string): Promise<number>
      askFromNormalWindow(message: unknown): Promise<unknown>
    }
  >,
): void {
  describe(name, () => {
    const env = useBrowser(launch)

    it('grades a private tab but never names its host to a service, nor remembers it', async () => {
      const { browser, sites, fakes } = env
      await browser.setSettings({ hstspreload: { enabled: true, mode: 'always' } })
      const tab = await browser.openPrivate(`${sites.named('https', 'secret')}/h/good/login.html`)
      expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
      await new Promise((r) => setTimeout(r, 1500))
      expect(fakes.log).toEqual([])
      // The options page's preview, asked from a normal window, never gets the private tab's host.
      expect(await browser.askFromNormalWindow({ type: 'ui:preview', tabId: tab })).toEqual({
        type: 'bg:no-report',
        reason: 'no-tab',
      })
      const report = await browser.extensionPage('report.html', 'report-after-private', 'h1')
      expect(report.text).not.toContain('secret.example.test')
      await report.page.close()
      // The same page in a normal window is looked up, as the mode says: the private tab was spared, not missed.
      await browser.closeTab(tab) // new tabs would otherwise open in the private window, which has the focus
      const normal = await browser.open(`${sites.named('https', 'secret')}/h/good/login.html`)
      expect(await browser.waitForBadge(normal, 'A+')).toBe('A+')
      await poll(
        async () => fakes.log.length,
        (n) => n > 0,
        5_000,
      )
      expect(fakes.log).toEqual([expect.objectContaining({ service: 'hstspreload', host: 'secret.example.test' })])
    })
  })
}
