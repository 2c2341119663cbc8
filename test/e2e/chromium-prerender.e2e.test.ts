/**
 * A page that asks Chromium to prerender another page of its site (speculation rules) keeps its own grade until that
 * page is shown (issue #21). Playwright's Chromium never prerenders (it attaches to page targets, and
 * content/browser/devtools/devtools_instrumentation.cc IsPrerenderAllowed() refuses while a session lacks tab-target
 * support), so this file drives Chromium with puppeteer-core, which attaches through tab targets: Chromium prerenders
 * and activates under it. The test checks that it did (the shown page's activationStart), so it cannot pass
 * without a prerender.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import puppeteer, { type Browser, type Page } from 'puppeteer-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromiumArgs, CHROMIUM } from './harness/chromium.ts'
import { drivePopup, launchRetrying, poll, SCREENSHOTS, type PopupReading } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'

interface Driven {
  browser: Browser
  control: Page
  extensionId: string
  profile: string
}

async function launch(onKill: (kill: () => void) => void): Promise<Driven> {
  const extensionDir = resolve('dist/test/chrome')
  const profile = mkdtempSync(join(tmpdir(), 'vigie-chromium-pptr-'))
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    userDataDir: profile,
    acceptInsecureCerts: true,
    timeout: 40_000,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: chromiumArgs(extensionDir, { ignoreCertificateErrors: true }),
  })
  onKill(() => void browser.close().catch(() => undefined))
  const worker = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith('chrome-extension://'),
    { timeout: 20_000 },
  )
  const extensionId = new URL(worker.url()).host
  const control = await browser.newPage()
  await control.goto(`chrome-extension://${extensionId}/popup.html?tab=0`)
  // The first navigation is missed unless the worker's listeners are in place.
  const sw = await worker.worker()
  if (sw) await poll(() => sw.evaluate(() => chrome.webRequest.onHeadersReceived.hasListeners()), Boolean, 10_000)
  return { browser, control, extensionId, profile }
}

describe('Chromium (puppeteer, prerender on): speculation rules', () => {
  let sites: TestSites
  let driven: Driven
  beforeAll(async () => {
    sites = await startSites()
    driven = await launchRetrying('Chromium', launch)
  })
  afterAll(async () => {
    await driven?.browser.close()
    if (driven) rmSync(driven.profile, { recursive: true, force: true, maxRetries: 5 })
    await sites?.close()
  })

  const badge = (tabId: number) => driven.control.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)
  const badgeBecomes = (tabId: number, text: string) =>
    poll(
      () => badge(tabId),
      (b) => b === text,
      10_000,
    )
  const tabIdOf = (url: string) =>
    poll(
      () => driven.control.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id ?? -1, url),
      (id) => id >= 0,
      5_000,
    )
  async function popup(tabId: number, name: string): Promise<PopupReading> {
    const page = await driven.browser.newPage()
    await page.setViewport({ width: 400, height: 600 })
    await page.goto(`chrome-extension://${driven.extensionId}/popup.html?tab=${tabId}`)
    try {
      return await drivePopup(
        (fn) => page.evaluate(fn),
        (selector) => page.click(selector),
      )
    } finally {
      mkdirSync(SCREENSHOTS, { recursive: true })
      await page.screenshot({ path: join(SCREENSHOTS, `chromium-${name}.png`), fullPage: true })
      await page.close()
    }
  }

  it("keeps the page shown its own grade while Chromium prerenders another page of its site, then shows that page's", async () => {
    // The shown page sends its password to http (F); the page it prerenders is A+.
    const url = `${sites.https}/h/good/login-prerender.html?pptr`
    const page = await driven.browser.newPage()
    await page.goto(url, { waitUntil: 'load' })
    const tab = await tabIdOf(url)
    expect(await badgeBecomes(tab, 'F')).toBe('F')
    // Let the prerender load and its content script report: the shown page must keep its F.
    await new Promise((r) => setTimeout(r, 3000))
    expect(await badge(tab)).toBe('F')
    const shown = await popup(tab, 'prerender-shown')
    expect(shown.grade).toBe('F')
    expect(shown.findings.map((f) => f.id)).toContain('form-action-http')

    await page.bringToFront()
    await Promise.all([page.waitForNavigation({ timeout: 10_000 }), page.click('#next')])
    // It was a prerender, activated: the page shown now started before the click.
    const activationStart = await page.evaluate(
      () =>
        (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & { activationStart: number })
          .activationStart,
    )
    expect(activationStart).toBeGreaterThan(0)
    expect(await badgeBecomes(tab, 'A+')).toBe('A+')
    const next = await popup(tab, 'prerender-activated')
    expect(next.grade).toBe('A+')
    expect(next.findings.map((f) => f.id)).not.toContain('form-action-http')
  })
})
