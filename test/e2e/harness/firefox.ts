/** Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi, with dist/test/firefox installed (E2E.md). */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import puppeteer, { type Page } from 'puppeteer-core'
import { GECKO_ID } from '../../../src/companion/ids.ts'
import { ACCOUNT_HOSTS, NAMED_HOSTS } from '../servers.ts'
import {
  drivePopup,
  hexColour,
  launchRetrying,
  tabActions,
  poll,
  waitForOwnBadge,
  uniqueUrl,
  SCREENSHOTS,
  type ExtensionBrowser,
  type Look,
  type PageHandle,
  type PopupOptions,
  type PopupReading,
} from './types.ts'

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'
export { GECKO_ID }
const UUID = '6c1f3b6e-3f5e-4c55-9d3c-0a11e1b2c3d4'
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`

interface BidiFrameLike {
  browsingContext: { navigate(url: string, wait: 'complete'): Promise<unknown> }
}

/** page.goto never resolves for moz-extension URLs; BiDi navigate on the frame does. */
export async function navigateExtensionPage(page: Page, url: string): Promise<void> {
  await (page.mainFrame() as unknown as BidiFrameLike).browsingContext.navigate(url, 'complete')
}

/** Firefox reads enterprise policies from here; the private-window test writes one (needs root). */
const POLICIES = '/usr/lib/firefox-esr/distribution/policies.json'

export interface FirefoxOptions {
  /** As if the user allowed Vigie in private windows, through the ExtensionSettings policy (needs root). */
  allowPrivate?: boolean
  caPem: string
  extensionDir?: string
  /** storage.managed values, through a managed-storage manifest under a throw-away HOME. */
  managed?: Record<string, unknown>
  look?: Look
  /** Runs before launch with the throw-away HOME (Firefox reads $HOME/.mozilla/native-messaging-hosts/). */
  prepare?: (home: string) => void
  /** More environment for the browser, which native hosts inherit (NODE_EXTRA_CA_CERTS). */
  env?: Record<string, string>
  /** More roots to trust in the profile. */
  extraCaPems?: string[]
  /** More preferences, over the harness's own (a proxy, more names answered with loopback). */
  prefs?: Record<string, string | number | boolean>
}

export interface PrivateCapable {
  /** Opens `url` in a new private window; needs `allowPrivate`. */
  openPrivate(url: string): Promise<number>
  /** Sends a message to the background from an extension page of a normal window; returns the answer. */
  askFromNormalWindow(message: unknown): Promise<unknown>
}

export function launchFirefox(options: FirefoxOptions): Promise<ExtensionBrowser & PrivateCapable> {
  return launchRetrying('Firefox', (onKill) => launchFirefoxOnce(options, onKill))
}

async function launchFirefoxOnce(
  options: FirefoxOptions,
  onKill: (kill: () => void) => void,
): Promise<ExtensionBrowser & PrivateCapable> {
  // A policy of ours left by an interrupted run would change every later run; anybody else's is left alone.
  const ours = JSON.stringify({ policies: { ExtensionSettings: { [GECKO_ID]: { private_browsing: true } } } })
  if (existsSync(POLICIES) && readFileSync(POLICIES, 'utf8') === ours) rmSync(POLICIES)
  if (options.allowPrivate) {
    if (existsSync(POLICIES)) throw new Error(`${POLICIES} exists: the private-window test will not replace it`)
    writeFileSync(POLICIES, ours)
  }
  const profile = mkdtempSync(join(tmpdir(), 'vigie-firefox-'))
  const home = mkdtempSync(join(tmpdir(), 'vigie-home-'))
  if (options.managed) {
    // Firefox reads ~/.mozilla/managed-storage/<id>.json for storage.managed (besides enterprise policies).
    mkdirSync(join(home, '.mozilla/managed-storage'), { recursive: true })
    writeFileSync(
      join(home, '.mozilla/managed-storage', `${GECKO_ID}.json`),
      JSON.stringify({ name: GECKO_ID, description: 'Vigie test policy', type: 'storage', data: options.managed }),
    )
  }
  // Trust the test CA in the profile: with acceptInsecureCerts the certificate chain would come back empty.
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password'])
  execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', 'Vigie test CA', '-t', 'C,,', '-i', options.caPem])
  for (const [i, pem] of (options.extraCaPems ?? []).entries())
    execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', `Vigie test CA ${i + 2}`, '-t', 'C,,', '-i', pem])
  options.prepare?.(home)
  const browser = await puppeteer.launch({
    browser: 'firefox',
    timeout: 40_000,
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    env: { ...process.env, HOME: home, ...options.env },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID }),
      'extensions.background.idle.timeout': 2000,
      'dom.security.https_first': false,
      // Public-looking test names (servers.ts NAMED_HOSTS) resolve to the local servers.
      // And the real names of the account scenarios (servers.ts ACCOUNT_HOSTS).
      'network.dns.localDomains': [...NAMED_HOSTS, ...ACCOUNT_HOSTS].join(','),
      'browser.shell.checkDefaultBrowser': false,
      // UI language (needs Debian's firefox-esr-l10n-fr for French) and colour scheme of pages.
      'intl.locale.requested': options.look?.locale === 'fr' ? 'fr' : 'en-US',
      'layout.css.prefers-color-scheme.content-override': options.look?.scheme === 'dark' ? 0 : 1,
      ...options.prefs,
    },
  })
  onKill(() => browser.process()?.kill('SIGKILL'))
  // The test variant (npm run build:test): the store build has no service address override for the fakes.
  await browser.installExtension(resolve(options.extensionDir ?? 'dist/test/firefox'))

  const control = await browser.newPage()
  await navigateExtensionPage(control, `${EXTENSION_ORIGIN}/popup.html?tab=0`)
  const pages = new Map<number, Page>()

  const tabIdOf = async (url: string): Promise<number> => {
    const id = await poll(
      () =>
        control.evaluate(async (u) => {
          const api = (globalThis as unknown as { browser: typeof chrome }).browser
          return (await api.tabs.query({})).find((t) => t.url === u)?.id ?? -1
        }, url),
      (v) => v >= 0,
      5_000,
    )
    if (id < 0) throw new Error(`no tab for ${url}`)
    return id
  }

  const self = {
    ...tabActions(pages),
    name: 'firefox' as const,
    async open(url: string) {
      url = uniqueUrl(url)
      const page = await browser.newPage()
      await page.goto(url, { waitUntil: 'load' })
      const id = await tabIdOf(page.url())
      pages.set(id, page)
      return id
    },
    async askFromNormalWindow(message: unknown) {
      return control.evaluate(
        (m) => (globalThis as unknown as { browser: typeof chrome }).browser.runtime.sendMessage(m),
        message,
      )
    },
    /** Opens `url` in a new private window; needs `allowPrivate`. */
    async openPrivate(url: string) {
      url = uniqueUrl(url)
      const id = await control.evaluate(async (u) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser
        const win = await api.windows.create({ incognito: true, url: u })
        return win?.tabs?.[0]?.id ?? -1
      }, url)
      if (id < 0) throw new Error('no private window')
      await poll(
        () =>
          control.evaluate(
            async (i) => (await (globalThis as unknown as { browser: typeof chrome }).browser.tabs.get(i)).status,
            id,
          ),
        (status) => status === 'complete',
        10_000,
      )
      return id
    },
    async closeTab(tabId: number) {
      const page = pages.get(tabId)
      pages.delete(tabId)
      // Tabs not opened through puppeteer (a private window's) are closed through the extension API.
      if (page) await page.close()
      else
        await control.evaluate(
          (id) => (globalThis as unknown as { browser: typeof chrome }).browser.tabs.remove(id),
          tabId,
        )
    },
    async sessionSizes() {
      return control.evaluate(async () => {
        const all = await (globalThis as unknown as { browser: typeof chrome }).browser.storage.session.get(null)
        return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, k.length + JSON.stringify(v).length]))
      })
    },
    async badge(tabId: number) {
      return control.evaluate(async (id) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser
        return api.action.getBadgeText({ tabId: id })
      }, tabId)
    },
    async badgeLook(tabId: number) {
      const [text, rgba] = await control.evaluate(async (id) => {
        const api = (globalThis as unknown as { browser: typeof chrome }).browser
        return Promise.all([api.action.getBadgeText({ tabId: id }), api.action.getBadgeBackgroundColor({ tabId: id })])
      }, tabId)
      return { text, colour: hexColour(rgba) }
    },
    async waitForBadge(tabId: number, text: string, timeoutMs = 5_000) {
      return waitForOwnBadge(() => self.badgeLook(tabId), text, timeoutMs)
    },
    async popup(tabId: number, screenshotName: string, options?: PopupOptions): Promise<PopupReading> {
      const page = await browser.newPage()
      await page.setViewport({ width: 400, height: 600 })
      await navigateExtensionPage(page, `${EXTENSION_ORIGIN}/popup.html?tab=${tabId}`)
      try {
        return await drivePopup(
          (fn) => page.evaluate(fn),
          (selector) => page.click(selector),
          options,
        )
      } finally {
        mkdirSync(SCREENSHOTS, { recursive: true })
        await page.screenshot({ path: join(SCREENSHOTS, `firefox-${screenshotName}.png`), fullPage: true })
        await page.close()
      }
    },
    async extensionPage(path: string, screenshotName: string, ready: string) {
      const page = await browser.newPage()
      // The popup at the size browsers give it; the other pages as a tab would show them.
      await page.setViewport(path.startsWith('popup.html') ? { width: 400, height: 600 } : { width: 800, height: 900 })
      await navigateExtensionPage(page, `${EXTENSION_ORIGIN}/${path}`)
      await page.waitForSelector(ready, { timeout: 10_000 })
      const handle: PageHandle = {
        click: (selector) => page.click(selector),
        evaluateSource: (source) => page.evaluate(source),
        text: (selector = 'body') => page.$eval(selector, (el) => (el as HTMLElement).innerText),
        evaluate: (fn) => page.evaluate(fn),
        screenshot: async (name) => {
          mkdirSync(SCREENSHOTS, { recursive: true })
          await page.screenshot({ path: join(SCREENSHOTS, `firefox-${name}.png`), fullPage: true })
        },
        close: () => page.close(),
      }
      await handle.screenshot(screenshotName)
      return { text: await handle.text(), page: handle }
    },
    async setLocal(values: Record<string, unknown>) {
      await control.evaluate(
        (v) => (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set(v),
        values,
      )
    },
    async stopBackground() {
      // The profile sets extensions.background.idle.timeout to 2 s: an idle event page is unloaded after that.
      await new Promise((r) => setTimeout(r, 4_000))
    },
    async setSettings(values: Record<string, unknown>) {
      await control.evaluate(
        (v) => (globalThis as unknown as { browser: typeof chrome }).browser.storage.sync.set(v),
        values,
      )
    },
    async close() {
      if (options.allowPrivate) rmSync(POLICIES, { force: true })
      await browser.close()
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
      rmSync(home, { recursive: true, force: true, maxRetries: 5 })
    },
  }
  return self
}
