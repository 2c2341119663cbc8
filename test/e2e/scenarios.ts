/**
 * The browser scenarios, written once and run in Chromium and in Firefox ESR with the built extension loaded.
 * They assert what a person sees: the badge text and the popup's grade and findings.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, poll, PREVIOUS_COLOUR, warmUp, type ExtensionBrowser, type Look } from './harness/types.ts'
import { startFakes, type Fakes } from './fakes.ts'
import { startOnePortSite, startSites, type OnePortSite, type TestSites } from './servers.ts'

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

type BadgeLook = { text: string; colour: string }

export function browserScenarios(name: string, launch: (sites: TestSites) => Promise<ExtensionBrowser>): void {
  describe(name, () => {
    const env = useBrowser(launch)
    // Many tests below: short names for the environment's parts, read once it is up.
    let sites: TestSites
    let browser: ExtensionBrowser
    let fakes: Fakes
    beforeAll(() => {
      ;({ sites, browser, fakes } = env)
    })

    /** Opens a page, waits for the badge, reads the popup. */
    async function visit(url: string, badge: string, shot: string) {
      const tab = await browser.open(url)
      expect(await browser.waitForBadge(tab, badge)).toBe(badge)
      const popup = await browser.popup(tab, shot)
      expect(popup.grade).toBe(badge)
      return { tab, popup, ids: popup.findings.map((f) => f.id) }
    }

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

    describe('HSTS', () => {
      it('grades a one-year HSTS policy with includeSubDomains A+', async () => {
        const { popup } = await visit(`${sites.https}/h/good/plain.html`, 'A+', 'https-hsts-good')
        expect(popup.findings.filter((f) => f.severity !== 'info')).toEqual([])
        if (browser.name === 'firefox') {
          // Firefox shows the TLS 1.3 connection and the test CA's chain: every fact is known, and clean.
          expect(popup.text).toContain(
            'Checked: the page, the site’s security settings, its certificate and its encryption.',
          )
        } else {
          expect(popup.text).toContain('Chrome does not show extensions the certificate or the encryption in use.')
        }
      })
      it('reports a short max-age', async () => {
        const { ids } = await visit(`${sites.https}/h/short/plain.html`, 'A-', 'https-hsts-short')
        expect(ids).toContain('hsts-short-max-age')
      })
      it('reports an invalid header as hsts-invalid', async () => {
        const { ids } = await visit(`${sites.https}/h/invalid/plain.html`, 'B', 'https-hsts-invalid')
        expect(ids).toContain('hsts-invalid')
      })
      it('reports a missing header as hsts-missing', async () => {
        const { ids } = await visit(`${sites.https}/plain.html`, 'B', 'https-no-hsts')
        expect(ids).toContain('hsts-missing')
      })
      it('reports a policy without includeSubDomains', async () => {
        const { ids } = await visit(`${sites.https}/h/no-subdomains/plain.html`, 'A', 'https-hsts-no-subdomains')
        expect(ids).toContain('hsts-no-subdomains')
      })
    })

    describe('forms on https', () => {
      it('gives F when a form posts a password to http', async () => {
        const { popup } = await visit(`${sites.https}/h/good/login-to-http.html`, 'F', 'https-form-to-http')
        expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
      })
      it('gives F when <base href> sends a password form to http', async () => {
        const { popup } = await visit(`${sites.https}/h/good/login-base-http.html`, 'F', 'https-base-to-http')
        expect(popup.findings).toContainEqual({ id: 'form-action-http', severity: 'critical' })
      })
      it('reports a password form sent with GET', async () => {
        const { ids } = await visit(`${sites.https}/h/good/login-get.html`, 'D', 'https-password-get')
        expect(ids).toContain('password-in-url')
      })
    })

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

    describe('tabs, navigation and the background', () => {
      it('keeps two tabs with different grades at once', async () => {
        const bad = await browser.open(`${sites.http}/login.html`)
        const good = await browser.open(`${sites.https}/h/good/plain.html`)
        expect(await browser.waitForBadge(bad, 'F')).toBe('F')
        expect(await browser.waitForBadge(good, 'A+')).toBe('A+')
        expect((await browser.popup(bad, 'two-tabs-bad')).grade).toBe('F')
        expect((await browser.popup(good, 'two-tabs-good')).grade).toBe('A+')
      })
      it('changes the grade when the tab navigates', async () => {
        const tab = await browser.open(`${sites.https}/h/good/plain.html`)
        expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
        await browser.navigate(tab, `${sites.http}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        expect((await browser.popup(tab, 'navigated')).grade).toBe('F')
      })
      it('keeps every tab right after the background was stopped', async () => {
        const first = await browser.open(`${sites.http}/login.html`)
        expect(await browser.waitForBadge(first, 'F')).toBe('F')
        await browser.stopBackground()
        // The next page wakes the background; the first tab's report comes back from storage.session.
        const second = await browser.open(`${sites.https}/h/invalid/plain.html`)
        expect(await browser.waitForBadge(second, 'B')).toBe('B')
        expect(await browser.badge(first)).toBe('F')
        const popup = await browser.popup(first, 'after-restart')
        expect(popup.grade).toBe('F')
        expect(popup.findings.map((f) => f.id)).toContain('http-login-form')
      })
      it('says when a page got worse than at the last visit, and how long ago', async () => {
        const url = `${sites.https}/h/good/plain.html`
        const first = await browser.open(url)
        expect(await browser.waitForBadge(first, 'A+')).toBe('A+')
        await browser.closeTab(first)
        const tab = await browser.open(url) // the same page again (the query the harness adds does not count)
        expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
        await browser.runInPage(
          tab,
          `document.body.insertAdjacentHTML('beforeend', '<form action="http://127.0.0.1:9/login" method="post"><input type="password" name="p"></form>')`,
        )
        expect(await browser.waitForBadge(tab, 'F', 6_000)).toBe('F')
        const popup = await browser.popup(tab, 'worse-than-last-visit')
        expect(popup.notice).toBe('worse')
        expect(popup.text).toMatch(/Worse than at your last visit, \d+ seconds? ago: it was A\+, it is now F/)
      })
      it('does not call another page of the same host worse for its own headers', async () => {
        const tab = await browser.open(`${sites.https}/h/good/plain.html`)
        expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
        await browser.navigate(tab, `${sites.https}/h/invalid/plain.html`)
        expect(await browser.waitForBadge(tab, 'B')).toBe('B')
        const popup = await browser.popup(tab, 'other-page-same-host')
        expect(popup.notice).toBeNull()
      })
      /** Navigates `tab` to `url` and reads its badge every 20 ms until the page's own `grade` shows: every look. */
      async function looksWhileLoading(tab: number, url: string, grade: string): Promise<BadgeLook[]> {
        const going = browser.navigate(tab, url)
        const looks: BadgeLook[] = []
        const end = Date.now() + 8_000
        let look: BadgeLook | undefined
        // The badge shows the page left until the new one commits: only looks after the page's own grade count.
        while (Date.now() < end && !(look && look.text === grade && look.colour !== PREVIOUS_COLOUR)) {
          look = await browser.badgeLook(tab)
          looks.push(look)
          await new Promise((r) => setTimeout(r, 20))
        }
        await going
        return looks
      }
      it("shows the last visit's grade, grey, while a slow page of the host loads, then the page's own", async () => {
        const site = sites.named('http', 'again')
        const tab = await browser.open(`${site}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        // Its image holds the load event back 3 s: the page is read 1 s after DOMContentLoaded.
        const looks = await looksWhileLoading(tab, `${site}/plain-late.html?ms=3000`, 'C')
        expect(looks).toContainEqual({ text: 'F', colour: PREVIOUS_COLOUR })
        expect(looks.at(-1)?.text).toBe('C')
        expect(looks.at(-1)?.colour).not.toBe(PREVIOUS_COLOUR)
      })
      it("shows a page that loads quickly its own grade, without the last visit's grey one first", async () => {
        const site = sites.named('http', 'again')
        const tab = await browser.open(`${site}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        // Its image holds the load event back 250 ms, under the half second after which the last grade shows.
        const looks = await looksWhileLoading(tab, `${site}/plain-late.html?ms=250`, 'C')
        expect(looks.filter((l) => l.colour === PREVIOUS_COLOUR)).toEqual([])
        expect(looks.at(-1)?.text).toBe('C')
      })
      /** Follows a link in the page, as a click does. */
      const follow = (tab: number, href: string) =>
        browser.runInPage(
          tab,
          `{ const a = document.createElement('a'); a.href = ${JSON.stringify(href)}; document.body.append(a); a.click() }`,
        )
      it('stays on the page shown when a link to another host is answered 204 No Content', async () => {
        const tab = await browser.open(`${sites.http}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        await follow(tab, `${sites.named('https', 'console')}/nothing`)
        await new Promise((r) => setTimeout(r, 1500))
        expect(await browser.badge(tab)).toBe('F')
        const popup = await browser.popup(tab, 'nav-204-other-host')
        expect(popup.grade).toBe('F')
        expect(popup.text).toContain('127.0.0.1')
        expect(popup.text).not.toContain('console.example.test')
      })
      it('stays on the page shown when a link sends a file, on another host or the same one', async () => {
        const tab = await browser.open(`${sites.https}/plain.html`)
        expect(await browser.waitForBadge(tab, 'B')).toBe('B')
        // The file comes with a good HSTS header: graded as the page, it would be A+.
        await follow(tab, `${sites.https}/file.bin`)
        await new Promise((r) => setTimeout(r, 1500))
        expect(await browser.badge(tab)).toBe('B')
        await follow(tab, `${sites.named('https', 'console')}/file.bin`)
        await new Promise((r) => setTimeout(r, 1500))
        expect(await browser.badge(tab)).toBe('B')
        const popup = await browser.popup(tab, 'nav-download')
        expect(popup.grade).toBe('B')
        expect(popup.findings.map((f) => f.id)).toContain('hsts-missing')
        expect(popup.text).not.toContain('console.example.test')
      })
      it("keeps the page shown its own grade when it asks for a prerender of a page of its site, then shows that page's once it is shown", async () => {
        // The shown page sends its password to http (F); the page Chromium prerenders meanwhile is A+.
        const tab = await browser.open(`${sites.https}/h/good/login-prerender.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        await new Promise((r) => setTimeout(r, 2500))
        expect(await browser.badge(tab)).toBe('F')
        const shown = await browser.popup(tab, 'nav-prerender-shown')
        expect(shown.grade).toBe('F')
        expect(shown.findings.map((f) => f.id)).toContain('form-action-http')
        await browser.runInPage(tab, "document.getElementById('next').click()")
        await poll(
          async () => String(await browser.runInPage(tab, 'location.href').catch(() => '')),
          (u) => u.includes('next'),
          5_000,
        )
        // Chromium under playwright never prerenders, and Firefox has none: in both, this checks that a page with
        // speculation rules and the page it names each get their own grade. (playwright attaches to page targets
        // directly, and content/browser/devtools/devtools_instrumentation.cc IsPrerenderAllowed() refuses while
        // RenderFrameDevToolsAgentHost::HasSessionsWithoutTabTargetSupport(): PrerenderingDisabledByDevTools.
        // puppeteer attaches through tab targets, and Chromium prerenders and activates under it.)
        expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
        const next = await browser.popup(tab, 'nav-prerender-activated')
        expect(next.grade).toBe('A+')
        expect(next.findings.map((f) => f.id)).not.toContain('form-action-http')
      })
      it('keeps the grade a page earned on the network when its service worker serves it', async () => {
        const first = await browser.open(`${sites.https}/sw-page.html`)
        // No HSTS header: B, from the network.
        expect(await browser.waitForBadge(first, 'B')).toBe('B')
        expect(
          await browser.runInPage(
            first,
            "navigator.serviceWorker.ready.then(() => caches.open('v')).then((c) => c.match('/sw-page.html')).then(Boolean)",
          ),
        ).toBe(true)
        await browser.closeTab(first)
        const again = await browser.open(`${sites.https}/sw-page.html`)
        // Served by the worker, from its copy (no response the extension could see).
        expect(await browser.runInPage(again, 'navigator.serviceWorker.controller !== null')).toBe(true)
        expect(await browser.waitForBadge(again, 'B')).toBe('B')
        await new Promise((r) => setTimeout(r, 1000))
        expect(await browser.badge(again)).toBe('B')
        const popup = await browser.popup(again, 'nav-service-worker')
        expect(popup.grade).toBe('B')
        expect(popup.findings.map((f) => f.id)).toContain('hsts-missing')
        // The worker's scope is the whole test site: it goes, so that no later test's page comes from it.
        await browser.runInPage(
          again,
          'navigator.serviceWorker.getRegistrations().then((all) => Promise.all(all.map((r) => r.unregister())))',
        )
        await browser.closeTab(again)
      })
      it('applies a new strictness to open tabs at once', async () => {
        const tab = await browser.open(`${sites.https}/h/no-subdomains/plain.html`)
        expect(await browser.waitForBadge(tab, 'A')).toBe('A')
        await browser.setSettings({ strictness: 'strict' })
        expect(await browser.waitForBadge(tab, 'A-')).toBe('A-')
        await browser.setSettings({ strictness: 'relaxed' })
        expect(await browser.waitForBadge(tab, 'A+')).toBe('A+')
        await browser.setSettings({ strictness: 'standard' })
        expect(await browser.waitForBadge(tab, 'A')).toBe('A')
      })
    })

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
      })

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

    describe('pages', () => {
      it('passes axe on the popup, the options page and the report page', async () => {
        const tab = await browser.open(`${sites.http}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        for (const [path, ready] of [
          [`popup.html?tab=${tab}`, '[data-grade]'],
          ['options.html', '[data-setting="strictness"]'],
          ['report.html', 'table'],
        ] as const) {
          const { page } = await browser.extensionPage(path, `axe-${path.split('.')[0]}`, ready)
          expect(await axeViolations(page), path).toEqual([])
          await page.close()
        }
      })

      it('changes the strictness on the options page, and an open tab follows at once', async () => {
        const tab = await browser.open(`${sites.https}/h/no-subdomains/plain.html`)
        expect(await browser.waitForBadge(tab, 'A')).toBe('A')
        const { page, text } = await browser.extensionPage('options.html', 'options-before-strict', '[data-preview]')
        expect(text).toMatch(/On localhost the grade would be: Relaxed A\+, Standard A, Strict A-/)
        expect(text.match(/recommended/gi)).toHaveLength(1)
        await page.click('input[value="strict"]')
        expect(await browser.waitForBadge(tab, 'A-')).toBe('A-')
        await page.click('input[value="standard"]')
        expect(await browser.waitForBadge(tab, 'A')).toBe('A')
        await page.close()
      })

      it('lists every host graded so far and exports them as JSON and Markdown', async () => {
        const tab = await browser.open(`${sites.http}/login.html`)
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        const offender = await browser.open(`${sites.at('https', 'login.dailymail.co.uk')}/h/good/plain.html`)
        expect(await browser.waitForBadge(offender, 'C')).toBe('C')
        // Remembered now; the open tab of a public name would be asked about by later tests' online sources.
        await browser.closeTab(offender)
        const { page, text } = await browser.extensionPage(
          'report.html',
          'report',
          'tbody[data-host="login.dailymail.co.uk"]',
        )
        expect(text).toContain('localhost')
        // Capture what the export buttons hand to the download.
        const capture =
          "window.__exports = []; URL.createObjectURL = (blob) => { window.__exports.push(blob); return 'blob:captured' };" +
          ' HTMLAnchorElement.prototype.click = function () { window.__downloads = (window.__downloads ?? []).concat(this.download) }; 1'
        await page.evaluateSource(capture)
        await page.click('[data-export="json"]')
        await page.click('[data-export="markdown"]')
        const [json, markdown] = (await page.evaluateSource(
          `Promise.all(window.__exports.map((b) => b.text()))`,
        )) as string[]
        expect(await page.evaluateSource('window.__downloads.join()')).toMatch(
          /^vigie-report-\d{4}-\d{2}-\d{2}\.json,vigie-report-\d{4}-\d{2}-\d{2}\.md$/,
        )
        const parsed = JSON.parse(json!) as { sites: { host: string; grade: string; findings: string[] }[] }
        expect(parsed.sites).toContainEqual(
          expect.objectContaining({
            host: '127.0.0.1',
            grade: 'F',
            findings: expect.arrayContaining(['http-login-form']),
          }),
        )
        expect(markdown).toMatch(/^\| Site \| Grade \| Main findings \| Account \| Level \| Checked \|$/m)
        expect(markdown).toMatch(
          /^\| 127\.0\.0\.1 \| F \| `http-login-form`, `http-page` \| No weakness found \| standard \| \d{4}-\d{2}-\d{2} \|$/m,
        )
        // The account findings have a column of their own.
        expect(markdown).toMatch(
          /^\| login\.dailymail\.co\.uk \| C \| [^|]* \| `plaintext-offender`, `password-short-max-length` \| standard \| \d{4}-\d{2}-\d{2} \|$/m,
        )
        await page.click('tbody[data-host="login.dailymail.co.uk"] button.expand')
        expect(await page.text('tbody[data-host="login.dailymail.co.uk"]')).toMatch(
          /Reported for emailing passwords in clear/,
        )
        await page.click('tbody[data-host="127.0.0.1"] button.expand')
        expect(await page.text('tbody[data-host="127.0.0.1"]')).toMatch(/Password field on an unencrypted page/)
        await page.screenshot('report-expanded')
        await page.close()
      })
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

    it('forgets everything from the options page', async () => {
      const { page } = await browser.extensionPage('options.html', 'options-data', '[data-summary]')
      expect(await page.text('[data-summary]')).not.toMatch(/^Sites remembered: 0\./)
      await page.click('[data-action="forget"]')
      await page.click('[data-action="forget-confirm"]')
      await poll(
        () => page.text('[data-summary]'),
        (t) => /^Sites remembered: 0\. Online answers cached: 0\./.test(t),
        5_000,
      )
      expect(await page.text('[data-summary]')).toMatch(/^Sites remembered: 0\. Online answers cached: 0\./)
      await page.close()
      const report = await browser.extensionPage('report.html', 'report-empty', '.empty')
      expect(report.text).toMatch(/No site graded yet/)
      await report.page.close()
    })
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
    }, 60_000)

    it('shows the locked settings as locked, with why', async () => {
      const options = await env.browser.extensionPage(
        'options.html',
        'options-locked',
        '[data-setting="strictness"] [data-locked]',
      )
      expect(await options.page.text('[data-setting="strictness"]')).toMatch(/Set by your administrator/)
      expect(await options.page.text('[data-setting="ssllabs"]')).toMatch(/Set by your administrator/)
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
  const looks: Look[] = [
    { locale: 'en', scheme: 'dark' },
    { locale: 'fr', scheme: 'light' },
    { locale: 'fr', scheme: 'dark' },
  ]
  describe.each(looks)(`${name}, $locale, $scheme`, (look) => {
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
    })

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
