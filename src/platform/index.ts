/**
 * The only door to the browser's extension APIs for the background and the extension pages: one promise-based
 * `browser.*` API in both browsers through webextension-polyfill. Nothing else in src/ names `chrome.*`.
 */
import browser from 'webextension-polyfill'

export { browser }
export type { Runtime, Tabs, WebRequest } from 'webextension-polyfill'

export type BrowserName = 'chrome' | 'firefox'

/** Firefox alone gives extensions the TLS and certificate facts of a request. */
export function browserName(): BrowserName {
  return typeof (browser.webRequest as { getSecurityInfo?: unknown }).getSecurityInfo === 'function'
    ? 'firefox'
    : 'chrome'
}

/** The extension's own origin ("chrome-extension://id/" or "moz-extension://uuid/"). */
export function extensionOrigin(): string {
  return browser.runtime.getURL('')
}
