/** Debian's Chromium driven by playwright-core, with dist/test/chrome loaded (E2E.md), back-forward cache on. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core'
import { unpackedExtensionId } from '../../../scripts/extension-id.mjs'
import { ACCOUNT_HOSTS } from '../servers.ts'
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

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'

export { unpackedExtensionId }

const POLICY_DIR = '/etc/chromium/policies/managed'
const POLICY_FILE = join(POLICY_DIR, 'vigie-e2e-test.json')

export interface ChromiumOptions {
  extensionDir?: string
  /** storage.managed values, set through a Chromium policy file (needs root; removed on close). */
  managed?: Record<string, unknown>
  look?: Look
  /** Runs before launch, with the fresh profile (a --user-data-dir) and the extension's id: the companion's install. */
  prepare?: (profile: string, extensionId: string) => void
  /** More environment for the browser, which native hosts inherit (NODE_EXTRA_CA_CERTS). */
  env?: Record<string, string>
  /**
   * Trust this CA (a PEM file) instead of ignoring certificate errors. Under --ignore-certificate-errors Chromium
   * stores no HSTS policy (a header on a connection with certificate errors is dropped), so tests of its HSTS
   * upgrade need the CA trusted: through an NSS database at $HOME/.pki/nssdb, under a throw-away HOME.
   */
  trustCa?: string
}

/** A throw-away HOME whose NSS database (Chromium's on Linux) trusts the CA in `caPem` for servers. */
function trustingHome(caPem: string): string {
  const home = mkdtempSync(join(tmpdir(), 'vigie-chromium-home-'))
  const db = join(home, '.pki', 'nssdb')
  mkdirSync(db, { recursive: true })
  execFileSync('certutil', ['-N', '-d', `sql:${db}`, '--empty-password'])
  execFileSync('certutil', ['-A', '-d', `sql:${db}`, '-n', 'Vigie test CA', '-t', 'C,,', '-i', caPem])
  return home
}

/**
 * The switches every test Chromium runs with: the extension alone, no sandbox or GPU, nothing fetched by the browser
 * itself, and the test names (servers.ts NAMED_HOSTS, ACCOUNT_HOSTS) resolved to the local servers.
 */
export function chromiumArgs(extensionDir: string, options: { ignoreCertificateErrors: boolean }): string[] {
  return [
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...(options.ignoreCertificateErrors ? ['--ignore-certificate-errors'] : []),
    `--host-resolver-rules=MAP *.example.test 127.0.0.1, ${ACCOUNT_HOSTS.map((h) => `MAP ${h} 127.0.0.1`).join(', ')}`,
  ]
}

type LaunchedChromium = ExtensionBrowser & { worker(): Promise<Worker>; context: BrowserContext }

export function launchChromium(options: ChromiumOptions = {}): Promise<LaunchedChromium> {
  return launchRetrying('Chromium', (onKill) => launchChromiumOnce(options, onKill))
}

async function launchChromiumOnce(
  options: ChromiumOptions,
  onKill: (kill: () => void) => void,
): Promise<LaunchedChromium> {
  // The test variant (npm run build:test): the store build has no service address override for the fakes.
  const extensionDir = options.extensionDir ?? resolve('dist/test/chrome')
  // A policy left by an interrupted run would lock settings for every later run: only this launch's counts.
  rmSync(POLICY_FILE, { force: true })
  if (options.managed) {
    mkdirSync(POLICY_DIR, { recursive: true })
    writeFileSync(
      POLICY_FILE,
      JSON.stringify({ '3rdparty': { extensions: { [unpackedExtensionId(extensionDir)]: options.managed } } }),
    )
  }
  const profile = mkdtempSync(join(tmpdir(), 'vigie-chromium-'))
  const home = options.trustCa ? trustingHome(options.trustCa) : undefined
  if (home) onKill(() => rmSync(home, { recursive: true, force: true, maxRetries: 5 }))
  options.prepare?.(profile, unpackedExtensionId(extensionDir))
  const context = await chromium.launchPersistentContext(profile, {
    timeout: 40_000,
    executablePath: CHROMIUM,
    headless: true,
    // Playwright turns the back-forward cache off by default; Vigie must be right with it, as users have it.
    ignoreDefaultArgs: ['--disable-back-forward-cache'],
    viewport: { width: 1000, height: 700 },
    colorScheme: options.look?.scheme ?? 'light',
    locale: options.look?.locale ?? 'en',
    env: { ...process.env, LANGUAGE: options.look?.locale ?? 'en', ...(home ? { HOME: home } : {}), ...options.env },
    args: [`--lang=${options.look?.locale ?? 'en'}`, ...chromiumArgs(extensionDir, { ignoreCertificateErrors: !home })],
  })
  onKill(() => void context.close().catch(() => undefined))
  const worker = async (): Promise<Worker> =>
    context.serviceWorkers().at(-1) ?? (await context.waitForEvent('serviceworker'))
  const sw = await worker()
  const extensionId = new URL(sw.url()).host
  // The first navigation is missed unless the worker's listeners are in place.
  await poll(() => sw.evaluate(() => chrome.webRequest.onHeadersReceived.hasListeners()), Boolean, 10_000)

  // Badges and tabs are read from an extension page, which works whether or not the worker is running.
  const control = await context.newPage()
  await control.goto(`chrome-extension://${extensionId}/popup.html?tab=0`)
  const pages = new Map<number, Page>()
  const tabIdOf = async (page: Page): Promise<number> => {
    const url = page.url()
    const id = await poll(
      () => control.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url),
      (v) => v >= 0,
      5_000,
    )
    if (id < 0) throw new Error(`no tab for ${url}`)
    return id
  }

  const self = {
    ...tabActions(pages),
    name: 'chromium' as const,
    context,
    worker,
    async open(url: string) {
      url = uniqueUrl(url)
      const page = await context.newPage()
      await page.goto(url, { waitUntil: 'load' })
      const id = await tabIdOf(page)
      pages.set(id, page)
      return id
    },
    async closeTab(tabId: number) {
      await pages.get(tabId)?.close()
      pages.delete(tabId)
    },
    async sessionSizes() {
      return control.evaluate(async () => {
        const all = await chrome.storage.session.get(null)
        return Object.fromEntries(Object.entries(all).map(([k, v]) => [k, k.length + JSON.stringify(v).length]))
      })
    },
    async badge(tabId: number) {
      return control.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)
    },
    async badgeLook(tabId: number) {
      const [text, rgba] = await control.evaluate(
        (id) =>
          Promise.all([
            chrome.action.getBadgeText({ tabId: id }),
            chrome.action.getBadgeBackgroundColor({ tabId: id }),
          ]),
        tabId,
      )
      return { text, colour: hexColour(rgba) }
    },
    async waitForBadge(tabId: number, text: string, timeoutMs = 5_000) {
      return waitForOwnBadge(() => self.badgeLook(tabId), text, timeoutMs)
    },
    async popup(tabId: number, screenshotName: string, options?: PopupOptions): Promise<PopupReading> {
      const page = await context.newPage()
      await page.setViewportSize({ width: 400, height: 600 })
      await page.goto(`chrome-extension://${extensionId}/popup.html?tab=${tabId}`)
      try {
        return await drivePopup(
          (fn) => page.evaluate(fn),
          (selector) => page.click(selector),
          options,
        )
      } finally {
        mkdirSync(SCREENSHOTS, { recursive: true })
        await page.screenshot({ path: join(SCREENSHOTS, `chromium-${screenshotName}.png`), fullPage: true })
        await page.close()
      }
    },
    async extensionPage(path: string, screenshotName: string, ready: string) {
      const page = await context.newPage()
      // The popup at the size browsers give it; the other pages as a tab would show them.
      await page.setViewportSize(
        path.startsWith('popup.html') ? { width: 400, height: 600 } : { width: 800, height: 900 },
      )
      await page.goto(`chrome-extension://${extensionId}/${path}`)
      await page.waitForSelector(ready, { timeout: 10_000 })
      const handle: PageHandle = {
        click: (selector) => page.click(selector),
        evaluateSource: (source) => page.evaluate(source),
        text: (selector = 'body') => page.innerText(selector),
        evaluate: (fn) => page.evaluate(fn),
        screenshot: async (name) => {
          mkdirSync(SCREENSHOTS, { recursive: true })
          await page.screenshot({ path: join(SCREENSHOTS, `chromium-${name}.png`), fullPage: true })
        },
        close: () => page.close(),
      }
      await handle.screenshot(screenshotName)
      return { text: await handle.text(), page: handle }
    },
    async setLocal(values: Record<string, unknown>) {
      await control.evaluate((v) => chrome.storage.local.set(v), values)
    },
    async stopBackground() {
      const cdp = await context.newCDPSession(control)
      const running = new Map<string, string>()
      let sawStopped = false
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        for (const v of versions) {
          running.set(v.versionId, v.runningStatus)
          if (v.runningStatus === 'stopped') sawStopped = true
        }
      })
      await cdp.send('ServiceWorker.enable')
      // stopAllWorkers returns before the worker is gone: wait until it says "stopped". An event already on its
      // way (a tab finishing loading) may start it again at once; that still proves state outlived the worker.
      for (let attempt = 0; attempt < 3 && !sawStopped; attempt++) {
        await cdp.send('ServiceWorker.stopAllWorkers')
        await poll(async () => sawStopped, Boolean, 5_000)
      }
      await cdp.detach()
      if (!sawStopped) throw new Error(`worker never stopped: ${[...running.values()].join(', ')}`)
    },
    async setSettings(values: Record<string, unknown>) {
      await control.evaluate((v) => chrome.storage.sync.set(v), values)
    },
    async close() {
      if (options.managed) rmSync(POLICY_FILE, { force: true })
      await context.close()
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
      if (home) rmSync(home, { recursive: true, force: true, maxRetries: 5 })
    },
  }
  return self
}
