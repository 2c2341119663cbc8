/**
 * The local scanner in real browsers (issue 12): the companion installed into the test profile by the real
 * installer (`scripts/companion.mjs install`), a weak local https server, and what a person sees on the badge and
 * in the popup. Also the browser without the companion: one calm note, no attempts in a loop.
 */
import { execFileSync } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, poll, warmUp, type ExtensionBrowser } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'
import { startWeakServer, type WeakServer } from './weak-server.ts'

/** Runs `npm run companion:install -- ARGS` as a user would (without npm's banner). */
export function installCompanion(args: string[]): string {
  return execFileSync(
    process.execPath,
    [resolve(import.meta.dirname, '../../scripts/companion.mjs'), 'install', ...args],
    { encoding: 'utf8' },
  )
}

export interface ScannerSetup {
  sites: TestSites
  weak: WeakServer
  /** Install the companion into the browser's profile or HOME before launch. */
  companion: boolean
}

function useScannerBrowser(
  launch: (setup: ScannerSetup) => Promise<ExtensionBrowser>,
  companion: boolean,
  leafDigest: 'sha1' | 'sha256',
) {
  const env = {} as { sites: TestSites; weak: WeakServer; browser: ExtensionBrowser }
  beforeAll(async () => {
    env.sites = await startSites()
    env.weak = await startWeakServer({ leafDigest })
    env.browser = await launch({ sites: env.sites, weak: env.weak, companion })
    await warmUp(env.browser, `${env.sites.http}/plain.html`)
  }, 150_000)
  afterAll(async () => {
    await env.browser?.close()
    await env.sites?.close()
    await env.weak?.close()
  })
  return env
}

/** Reads the popup's scanner part from inside the popup page. */
const SCANNER_STATE = `document.querySelector('[data-scanner]')?.getAttribute('data-scanner') ?? 'none-shown'`

export function scannerScenarios(name: string, launch: (setup: ScannerSetup) => Promise<ExtensionBrowser>): void {
  const chromium = name.toLowerCase().includes('chromium')
  // Firefox refuses SHA-1 certificates even under a trusted test root: it gets a SHA-256 chain, and shows what the
  // server accepts beyond the TLS 1.3 it negotiated.
  describe(`${name}: the local scanner with the companion installed`, () => {
    const env = useScannerBrowser(launch, true, chromium ? 'sha1' : 'sha256')

    it('scans a weak server with a login page by itself, and shows the findings on the badge and in the popup', async () => {
      const { browser, weak } = env
      const tab = await browser.open(`${weak.origin}/login.html`)
      const popup = await browser.popup(tab, 'scanner-weak-server', {
        until: (r) =>
          r.findings.some((f) => f.id === 'tls-legacy-protocol') && /Scanned from this computer/.test(r.text),
      })
      const ids = popup.findings.map((f) => f.id)
      expect(ids).toContain('tls-legacy-protocol')
      expect(popup.text).toMatch(/Scanned from this computer, (now|\d+ seconds? ago|1 minute ago)\./)
      expect(popup.text).toContain('From this computer')
      if (chromium) {
        // Chrome shows extensions no certificate: the scanner's served chain brings SHA-1 (F).
        expect(popup.findings).toContainEqual({ id: 'cert-sha1', severity: 'critical' })
        expect(popup.grade).toBe('F')
        expect(await browser.waitForBadge(tab, 'F')).toBe('F')
        expect(popup.text).toContain(
          'Checked here: the page and its security settings. Scanned from this computer: the certificate and encryption.',
        )
        // What the article found: SSL 3 (POODLE) and export suites (FREAK) offered, beside RC4 and old TLS.
        expect(ids).toContain('tls-weak-cipher')
        expect(popup.text).toMatch(
          /The server also accepts SSL 3, export suites \(FREAK\), RC4 suites, TLS 1\.0, TLS 1\.1, 3DES suites \(Sweet32\),? and key exchange without forward secrecy \(static RSA\)\./,
        )
      } else {
        // Firefox keeps what it negotiated (TLS 1.3, its own chain) and adds what the server also accepts.
        expect(popup.text).toContain(
          'Checked: the page, the site’s security settings, its certificate and its encryption.',
        )
        expect(ids).not.toContain('tls-no-tls13')
        expect(popup.text).toMatch(
          /The server also accepts SSL 3, export suites \(FREAK\), RC4 suites, TLS 1\.0, TLS 1\.1, 3DES suites \(Sweet32\),? and key exchange without forward secrecy \(static RSA\)\./,
        )
        expect(await browser.waitForBadge(tab, popup.grade!)).toBe(popup.grade)
      }
      // The server's rating, folded: its title on the marker's line (a block title once left the marker alone).
      const { page } = await browser.extensionPage(`popup.html?tab=${tab}`, 'scanner-rating', '.server-rating')
      const offset = (await page.evaluateSource(
        `(() => { const s = document.querySelector('.server-rating > summary'); return s.querySelector('.group-title').getBoundingClientRect().top - s.getBoundingClientRect().top })()`,
      )) as number
      expect(offset).toBeLessThan(4)
      await page.close()
    })

    it('rescans from the popup, and the companion answers through the browser', async () => {
      const { browser, weak } = env
      const tab = await browser.open(`${weak.origin}/account.html`)
      await poll(
        () => browser.badge(tab),
        (b) => b !== '',
        5_000,
      )
      const { page } = await browser.extensionPage(
        `popup.html?tab=${tab}`,
        'scanner-before-rescan',
        '[data-scanner="ready"]',
      )
      await page.click('[data-action="rescan"]')
      const states = new Set<string>()
      await poll(
        async () => {
          const state = (await page.evaluateSource(SCANNER_STATE)) as string
          states.add(state)
          return state
        },
        (s) => s === 'ready' && states.has('running'),
        15_000,
      )
      expect([...states]).toContain('running')
      expect(await page.evaluateSource(SCANNER_STATE)).toBe('ready')
      await page.screenshot('scanner-after-rescan')
      expect(await axeViolations(page)).toEqual([])
      // Round trips measured from an extension page: a ping (start-up and framing), then a whole scan.
      const timing = JSON.parse(
        (await page.evaluateSource(
          `(async () => { const api = globalThis.browser ?? chrome; const t0 = performance.now();` +
            ` const pong = await api.runtime.sendNativeMessage('dev.vigie.scanner', { type: 'ping' }); const t1 = performance.now();` +
            // The companion connects only to the address the browser connected to: a host name without it is refused.
            ` const scan = await api.runtime.sendNativeMessage('dev.vigie.scanner', { type: 'scan', host: 'localhost', port: ${weak.port}, address: '127.0.0.1' }); const t2 = performance.now();` +
            ` const bare = await api.runtime.sendNativeMessage('dev.vigie.scanner', { type: 'scan', host: 'localhost', port: ${weak.port} });` +
            ` return JSON.stringify({ pong: pong.type, scan: scan.type, bare: bare.error, pingMs: Math.round(t1 - t0), scanMs: Math.round(t2 - t1) }) })()`,
        )) as string,
      ) as { pong: string; scan: string; bare: string; pingMs: number; scanMs: number }
      console.log(
        `${name}: companion round trip through the browser: ping ${timing.pingMs} ms, scan of localhost:${weak.port} ${timing.scanMs} ms`,
      )
      expect(timing).toMatchObject({ pong: 'pong', scan: 'scan-result', bare: 'bad-request' })
      await page.close()
    })

    it('lists the scanned host with its findings on the report page and in the Markdown export', async () => {
      const { browser, weak } = env
      // Rows are keyed by host and port: the weak server listens on a port of its own.
      const host = `localhost:${weak.port}`
      const { page, text } = await browser.extensionPage('report.html', 'scanner-report', `tbody[data-host="${host}"]`)
      expect(text).toContain(host)
      await page.evaluateSource(
        "window.__exports = []; URL.createObjectURL = (blob) => { window.__exports.push(blob); return 'blob:captured' }; HTMLAnchorElement.prototype.click = function () {}; 1",
      )
      await page.click('[data-export="markdown"]')
      const [markdown] = (await page.evaluateSource('Promise.all(window.__exports.map((b) => b.text()))')) as string[]
      const row = new RegExp(`^\\| localhost:${weak.port} \\| ([A-F][+-]?) \\| ([^|]*) \\|`, 'm').exec(markdown ?? '')
      expect(row?.[2]).toMatch(/Outdated encryption protocol/)
      if (chromium) {
        expect(row?.[1]).toBe('F')
        expect(row?.[2]).toMatch(/Certificate with a forgeable signature/)
      }
      await page.close()
    })
  })

  describe(`${name}: the local scanner without the companion`, () => {
    const env = useScannerBrowser(launch, false, chromium ? 'sha1' : 'sha256')

    it('says once, calmly, how to install the companion, and does not try again in a loop', async () => {
      const { browser, weak, sites } = env
      const tab = await browser.open(`${weak.origin}/login.html`)
      const { page } = await browser.extensionPage(
        `popup.html?tab=${tab}`,
        'scanner-missing',
        '[data-scanner="missing"]',
      )
      // Folded into one line at the foot of the popup; opened, it says how to install the companion.
      expect(await page.text('[data-scanner] summary')).toMatch(/from your computer/)
      await page.click('[data-scanner="missing"] summary')
      expect(await page.text('[data-scanner]')).toMatch(/companion program, which is not installed/)
      // No Scan button before a companion answered: Check again, and the way to the setup page.
      expect(await page.text('[data-scanner] [data-action="rescan"]')).toBe('Check again')
      expect(
        await page.evaluate(() =>
          document.querySelector('[data-scanner] a[data-action="setup"]')?.getAttribute('href'),
        ),
      ).toBe('setup.html')
      await page.screenshot('scanner-missing-open')
      expect(await page.evaluate(() => document.querySelectorAll('[role="alert"]').length)).toBe(0)
      expect(await axeViolations(page)).toEqual([])
      if (chromium) expect(await browser.badge(tab)).toBe('B') // no scanner, no certificate facts in Chrome
      const missingAt = () =>
        page.evaluateSource(
          "(globalThis.browser ?? chrome).storage.local.get('scannerState').then((s) => s.scannerState?.companion?.state === 'missing' ? s.scannerState.companion.at : null)",
        )
      const first = await missingAt()
      expect(typeof first).toBe('number')
      // Another login page, on another https server: no new attempt by itself.
      const other = await browser.open(`${sites.https}/h/good/login.html`)
      await browser.waitForBadge(other, 'A+')
      await new Promise((r) => setTimeout(r, 1_000))
      expect(await missingAt()).toBe(first)
      await page.click('[data-action="hide-scanner-hint"]')
      await poll(
        () => page.evaluateSource(SCANNER_STATE),
        (s) => s === 'none',
        5_000,
      )
      expect(await page.text('[data-scanner]')).not.toMatch(/not installed/)
      await page.screenshot('scanner-missing-hidden')
      await page.close()
      // The options page explains the scanner and its modes.
      const options = await browser.extensionPage('options.html', 'scanner-options', '[data-setting="probe"]')
      expect(await options.page.text('[data-setting="probe"]')).toMatch(/It connects only to the site’s own server/)
      expect(
        await options.page.evaluate(
          () => (document.querySelector('[data-setting="probe"] select') as HTMLSelectElement).value,
        ),
      ).toBe('login')
      expect(await axeViolations(options.page)).toEqual([])
      await options.page.close()
    })
  })
}
