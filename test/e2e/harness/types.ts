/** What every browser test needs from a browser with the built extension loaded, whichever browser it is. */
export interface PopupReading {
  grade: string | null
  findings: { id: string; severity: string }[]
  notice: string | null
  online: { source: string; state: string; text: string }[]
  text: string
}

/** What tests do with an open extension page, whichever driver. */
export interface PageHandle {
  click(selector: string): Promise<void>
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
  /** Navigates an open tab. */
  navigate(tabId: number, url: string): Promise<void>
  /** The tab's badge text. */
  badge(tabId: number): Promise<string>
  /** Waits until the badge reads `text` (the background works after load), or returns what it reads at the end. */
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
    text: (root as HTMLElement).innerText,
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
  let reading = await poll(() => evaluate(readPopupInPage), (r) => r !== null, 5_000)
  if (!reading) throw new Error('the popup never rendered a report')
  if (options.click) await click(options.click)
  if (options.click || options.until) {
    const until = options.until ?? (() => true)
    reading = await poll(async () => (await evaluate(readPopupInPage))!, (r) => r !== null && until(r), 10_000)
  }
  return reading!
}
