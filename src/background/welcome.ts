/** The first-run page: opened once, when Vigie is installed (not on an update), to show how to pin its button. */
import { browser } from '../platform/index.ts'

export function onInstalled(details: { reason: string }): void {
  if (details.reason !== 'install') return
  void browser.tabs.create({ url: browser.runtime.getURL('welcome.html') }).catch(() => undefined)
}

browser.runtime.onInstalled.addListener(onInstalled)
