import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

/** What every browser test needs from a browser with the built extension loaded, whichever browser it is. */
export interface PopupReading {
  grade: string | null
  findings: { id: string; severity: string }[]
  notice: string | null
  online: { source: string; state: string; text: string }[]
  /** The account section's data-twofactor (the second factors the site offers), null without one. */
  twofactor: string | null
  text: string
  /** The popup's full height in CSS pixels: browsers cap popups at 600 and scroll beyond. */
  height: number
}

/** What tests do with an open extension page, whichever driver. */
export interface PageHandle {
  click(selector: string): Promise<void>
  /** Evaluates a script's source text in the page (not subject to the page's CSP: driver-side). */
  evaluateSource(source: string): Promise<unknown>
  text(selector?: string): Promise<string>
  evaluate<T>(fn: () => T): Promise<T>
  screenshot(name: string): Promise<void>
  close(): Promise<void>
}

export interface PopupOptions {
  /** A selector to click once the popup has rendered (a lookup button, say). */
  click?: string
  /** Keep reading until this holds (or 10 s pass). */
  until?: (reading: PopupReading) => boolean
}

export interface ExtensionBrowser {
  name: 'chromium' | 'firefox'
  /** Opens `url` in a new tab and waits for it to load; returns the extension's id for that tab. */
  open(url: string): Promise<number>
  /** Closes a tab opened with open(). */
  closeTab(tabId: number): Promise<void>
  /** Navigates an open tab. */
  navigate(tabId: number, url: string): Promise<void>
  /** Runs a script in the tab's page, in the page's own world, as the page's scripts would; returns its value. */
  runInPage(tabId: number, source: string): Promise<unknown>
  /** Back or Forward in the tab's history, as the toolbar buttons do; resolves once the tab shows `url`. */
  history(tabId: number, direction: 'back' | 'forward', url: string): Promise<void>
  /** What storage.session holds, as JSON characters per key (the background's per-tab state). */
  sessionSizes(): Promise<Record<string, number>>
  /** The tab's badge text. */
  badge(tabId: number): Promise<string>
  /** The tab's badge text and background colour ("#rrggbb"), read together. */
  badgeLook(tabId: number): Promise<{ text: string; colour: string }>
  /**
   * Waits until the badge reads `text` as the page's own grade (the background works after load; the grey grade of
   * the host's last visit shown meanwhile does not count), or returns what it reads at the end.
   */
  waitForBadge(tabId: number, text: string, timeoutMs?: number): Promise<string>
  /** Opens popup.html?tab=<tabId>, reads it, and saves a screenshot under test-results/screenshots. */
  popup(tabId: number, screenshotName: string, options?: PopupOptions): Promise<PopupReading>
  /** Opens an extension page (options.html, report.html), waits for `ready` to match, screenshots it. */
  extensionPage(path: string, screenshotName: string, ready: string): Promise<{ text: string; page: PageHandle }>
  /** Writes to storage.local from an extension page (service addresses for the fakes). */
  setLocal(values: Record<string, unknown>): Promise<void>
  /** Stops the background (Chrome's service worker, Firefox's event page); the next event wakes it. */
  stopBackground(): Promise<void>
  /** Writes settings to storage.sync from an extension page, as the options page will. */
  setSettings(values: Record<string, unknown>): Promise<void>
  close(): Promise<void>
}

export const SCREENSHOTS = new URL('../../../test-results/screenshots/', import.meta.url).pathname

/** Reads the popup from inside its own document (runs in the page). */
export function readPopupInPage(): PopupReading | null {
  const root = document.querySelector('[data-state]')
  if (!root || root.getAttribute('data-state') === 'loading') return null
  // The technical details (coverage, what the server also accepts, the data sets) are read as a person who opens
  // them would: the popup folds them under one line.
  for (const details of document.querySelectorAll<HTMLDetailsElement>('details[data-tech]')) details.open = true
  return {
    grade: root.getAttribute('data-grade'),
    findings: [...document.querySelectorAll('[data-finding]')].map((el) => ({
      id: el.getAttribute('data-finding') ?? '',
      severity: el.getAttribute('data-severity') ?? '',
    })),
    notice: document.querySelector('[data-notice]')?.getAttribute('data-notice') ?? null,
    online: [...document.querySelectorAll('[data-source]')].map((el) => ({
      source: el.getAttribute('data-source') ?? '',
      state: el.getAttribute('data-state') ?? '',
      text: (el as HTMLElement).innerText,
    })),
    twofactor: document.querySelector('[data-twofactor]')?.getAttribute('data-twofactor') ?? null,
    text: (root as HTMLElement).innerText,
    height: document.documentElement.scrollHeight,
  }
}

export async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs
  let value = await read()
  while (!done(value) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100))
    value = await read()
  }
  return value
}

/** The grey of a grade from the host's last visit, shown until the page's own facts are in (src/background/badge.ts). */
export const PREVIOUS_COLOUR = '#5f6872'

/** Polls a tab's badge until it reads `text` in a colour other than the last visit's grey. */
export async function waitForOwnBadge(
  look: () => Promise<{ text: string; colour: string }>,
  text: string,
  timeoutMs: number,
): Promise<string> {
  const seen = await poll(look, (l) => l.text === text && l.colour !== PREVIOUS_COLOUR, timeoutMs)
  return seen.colour === PREVIOUS_COLOUR ? `${seen.text} (last visit's, grey)` : seen.text
}

/** A badge colour as browsers return it ([r, g, b, a]) written as "#rrggbb". */
export const hexColour = (rgba: number[]): string =>
  `#${rgba
    .slice(0, 3)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`

let opened = 0
/** Tabs are found by URL, so every opened URL is made unique with a query parameter the servers ignore. */
export function uniqueUrl(url: string): string {
  opened++
  return `${url}${url.includes('?') ? '&' : '?'}tab=${opened}`
}

/** Reads a popup page: waits for a report, clicks if asked, waits for a condition. Works on either driver's page. */
export async function drivePopup(
  evaluate: <T>(fn: () => T) => Promise<T>,
  click: (selector: string) => Promise<void>,
  options: PopupOptions = {},
): Promise<PopupReading> {
  let reading = await poll(
    () => evaluate(readPopupInPage),
    (r) => r !== null,
    5_000,
  )
  if (!reading) throw new Error('the popup never rendered a report')
  if (options.click) await click(options.click)
  if (options.click || options.until) {
    const until = options.until ?? (() => true)
    reading = await poll(
      async () => (await evaluate(readPopupInPage))!,
      (r) => r !== null && until(r),
      10_000,
    )
  }
  return reading!
}

/** How a test browser presents itself: UI language and colour scheme. */
export interface Look {
  locale: 'en' | 'fr'
  scheme: 'light' | 'dark'
}

/** Every language and colour scheme the pages are checked in. */
export const LOOKS: readonly Look[] = [
  { locale: 'en', scheme: 'light' },
  { locale: 'en', scheme: 'dark' },
  { locale: 'fr', scheme: 'light' },
  { locale: 'fr', scheme: 'dark' },
]

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Runs axe-core (WCAG 2 A and AA, best practices) in an open page; returns the violations, summarised. */
export async function axeViolations(page: PageHandle): Promise<{ id: string; impact: string; nodes: string[] }[]> {
  const json = await page.evaluateSource(
    `${AXE_SOURCE}\n;axe.run(document, { resultTypes: ['violations'], runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })` +
      `.then((r) => JSON.stringify(r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))))`,
  )
  return JSON.parse(json as string) as { id: string; impact: string; nodes: string[] }[]
}

/**
 * Waits until the extension answers for real: a page opened now gets a badge. Browsers start an extension's
 * background a little after the window, and a page loaded in that gap is (rightly) missed.
 */
export async function warmUp(
  browser: Pick<ExtensionBrowser, 'open' | 'badge' | 'closeTab'>,
  url: string,
): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const tab = await browser.open(url)
    const badge = await poll(
      () => browser.badge(tab),
      (b) => b !== '',
      3_000,
    )
    await browser.closeTab(tab)
    if (badge !== '') return
  }
  throw new Error('the extension never set a badge: is it loaded?')
}

/**
 * Starts a browser, trying once more if the first start fails or hangs (on a busy two-core machine a browser now and
 * then never answers its driver). `once` registers how to kill what it started, so a hung start leaves nothing behind.
 */
export async function launchRetrying<T>(
  name: string,
  once: (onKill: (kill: () => void) => void) => Promise<T>,
  timeoutMs = 45_000,
): Promise<T> {
  let lastError: unknown
  for (let attempt = 1; attempt <= 2; attempt++) {
    const kills: (() => void)[] = []
    let timer: ReturnType<typeof setTimeout> | undefined
    const started = once((kill) => kills.push(kill))
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${name} did not start in ${timeoutMs / 1000} s`)), timeoutMs)
    })
    try {
      return await Promise.race([started, timedOut])
    } catch (error) {
      lastError = error
      console.warn(`${name}: start ${attempt} failed (${String(error)})${attempt < 2 ? '; trying again' : ''}`)
      for (const kill of kills) {
        try {
          kill()
        } catch {
          // already gone
        }
      }
      started.catch(() => undefined)
    } finally {
      clearTimeout(timer)
    }
  }
  throw lastError
}

/** What both drivers' pages (playwright's, puppeteer's) offer that the tab actions below need. */
export interface DrivenPage {
  bringToFront(): Promise<void>
  evaluate(source: string): Promise<unknown>
  goto(url: string, options: { waitUntil: 'load' }): Promise<unknown>
}

/** The tab actions that are the same in both browsers, on the pages a harness opened (by tab id). */
export function tabActions(
  pages: Map<number, DrivenPage>,
): Pick<ExtensionBrowser, 'runInPage' | 'history' | 'navigate'> {
  const pageOf = (tabId: number): DrivenPage => {
    const page = pages.get(tabId)
    if (!page) throw new Error(`no page opened by the test for tab ${tabId}`)
    return page
  }
  return {
    async runInPage(tabId, source) {
      const page = pageOf(tabId)
      await page.bringToFront() // focus events reach only the page in front
      return page.evaluate(source)
    },
    async history(tabId, direction, url) {
      const page = pageOf(tabId)
      await page.evaluate(direction === 'back' ? 'history.back()' : 'history.forward()').catch(() => undefined)
      // Until the shown document answers from `url` (the old one may still answer, or none while it switches).
      await poll(
        async () => (await page.evaluate('location.href').catch(() => '')) as string,
        (u) => u === url,
        5_000,
      )
    },
    async navigate(tabId, url) {
      await pageOf(tabId).goto(url, { waitUntil: 'load' })
    },
  }
}
