/**
 * The local scanner as a fact source: the facts of the page's server's last scan, the scanner's part of the popup,
 * and the scans the probe setting starts by itself. The companion, the cache and the rules are in scanner.ts and
 * scan-rules.ts.
 */
import { currentSettings } from '../live-settings.ts'
import { hasSiteLoginForm, type TabState } from '../tab-state.ts'
import {
  checkCompanion,
  forgetScans,
  knownCompanion,
  scan,
  scanFactsFor,
  scannerStatus,
  scansAutomatically,
  scanTargetOf,
} from '../scanner.ts'
import type { Source, SourceHooks } from './source.ts'

/** Whether an open tab still shows the host and port of `url` (a scan waiting for the cap is dropped otherwise). */
async function someTabShows(url: string, hooks: SourceHooks): Promise<boolean> {
  const target = scanTargetOf(url)
  if (!target) return false
  return (await hooks.openUrls()).some((other) => {
    const shown = scanTargetOf(other)
    return shown !== null && shown.host === target.host && shown.port === target.port
  })
}

/**
 * The popup's Rescan button. No scan before a companion answered: until then the button is "Check again", and asks
 * `hello` only. Otherwise the scan starts and this resolves at once (the popup shows "scanning" and is told when
 * the result is in).
 */
export async function rescan(state: TabState | undefined, hooks: SourceHooks): Promise<void> {
  const { values } = await currentSettings()
  if ((await knownCompanion()).state !== 'working') {
    await checkCompanion()
    return
  }
  if (state && values.probe.enabled) void scan(state, (h) => hooks.refreshHost(h), { force: true })
}

export const scannerSource: Source = {
  name: 'scanner',

  async facts(state, now) {
    const scanned = await scanFactsFor(state.url, state.incognito, now)
    return scanned ? { scan: scanned } : {}
  },

  async status({ tabId, state, facts }, now, hooks) {
    const { values } = await currentSettings()
    const scanner = await scannerStatus(state, values.probe, facts.tls, now)
    // A popup opened before Vigie ever asked the companion: ask now, and tell the popup when the answer is in.
    if (scanner?.companion.state === 'unknown')
      void checkCompanion().then(
        () => hooks.tellUi(tabId),
        () => {},
      )
    return scanner ? { scanner } : {}
  },

  /** Per the probe setting: pages with a password field, or every https page. */
  async trigger(state, hooks) {
    // The settings as known now (the administrator's values seen at the last start included), not settledSettings():
    // Chromium's first storage.managed read can take seconds, and the scanner talks only to the site's own server,
    // never to a third party. An administrator's "off" stops it as soon as storage.managed answers.
    const { values } = await currentSettings()
    if (scansAutomatically(values.probe, hasSiteLoginForm(state)))
      await scan(state, (h) => hooks.refreshHost(h), { wanted: () => someTabShows(state.url, hooks) })
  },

  forget: forgetScans,
}
