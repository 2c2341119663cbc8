/**
 * The background's pipeline, one tab at a time: an event (a response, a frame's report, a commit, a new setting)
 * changes the tab's state (tab-state.ts); a refresh then takes the facts every source knows of the page
 * (sources/index.ts), grades them with the core, and shows the grade on the badge and the icon, remembers it for
 * the host's next visit (memory.ts), tells an open popup, and lets each source start what the user's settings ask
 * for by themselves. It names no source.
 */
import { gradeSite, type SiteFacts } from '../core/index.ts'
import { hostKey, pageKey } from '../core/page-key.ts'
import { browser } from '../platform/index.ts'
import { showBadge } from './badge.ts'
import { debug } from './debug.ts'
import { showIcon } from './icon.ts'
import { KeyedQueue } from './keyed-queue.ts'
import { memoryGeneration, remember } from './memory.ts'
import { getStrictness } from './live-settings.ts'
import { FACT_SOURCES } from './sources/index.ts'
import { merged, type SourceHooks } from './sources/source.ts'
import { allTabIds, isComplete, loadTab, persisted, previousDueIn, type TabState } from './tab-state.ts'
import { tellUi } from './ui-port.ts'
import { hostOf, isWebUrl } from './urls.ts'

/** What every source knows of the tab's page now, merged in the order of FACT_SOURCES. */
export async function pageFacts(state: TabState): Promise<SiteFacts> {
  const now = Date.now()
  const parts = await Promise.all(FACT_SOURCES.map((source) => source.facts(state, now)))
  return { page: { url: state.url }, ...merged(parts) }
}

/** What the sources are given to tell the background that their answer for a page changed. */
export const hooks: SourceHooks = {
  refreshHost: (host) => void refreshHost(host),
  tellUi: (tabId) => tellUi(tabId),
  openUrls: () => openUrls(),
}

/** The URLs the open tabs show, as far as Vigie knows them. */
async function openUrls(): Promise<string[]> {
  const urls: string[] = []
  for (const id of await allTabIds()) {
    const state = await loadTab(id)
    if (state) urls.push(state.url)
  }
  return urls
}

/** Tabs showing a host, to refresh when a source's result for it arrives. */
export async function refreshHost(host: string): Promise<void> {
  for (const id of await allTabIds()) {
    const state = await loadTab(id)
    if (state && hostOf(state.url) === host) await refresh(id)
  }
}

/**
 * Whether the tab shows `url` already. Before its document commits, a tab still shows the previous page, and the
 * browser resets the badge at the commit: a badge set before it would be lost, or torn (a letter left without its
 * colour) if the reset fell between the calls that set it.
 */
async function committed(tabId: number, url: string): Promise<boolean> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined)
  return tab?.url === undefined || tab.url.split('#')[0] === url.split('#')[0]
}

/** Draws the tab's badge and icon, then tells an open popup of that tab. */
export async function refresh(tabId: number): Promise<void> {
  try {
    await drawTab(tabId)
  } finally {
    tellUi(tabId)
  }
}

/**
 * Sets the tab's badge once the page's facts are complete; until then, once the page has loaded for
 * PREVIOUS_AFTER_MS, the host's last report (marked as such) when Vigie remembers one. A complete report of a
 * normal window is remembered for the next visit.
 */
async function drawTab(tabId: number): Promise<void> {
  // A grade made while the user chose "Forget everything" is not remembered (memory.ts).
  const since = memoryGeneration()
  const state = await loadTab(tabId)
  if (!state || !isWebUrl(state.url)) {
    await showBadge(tabId, null)
    await showIcon(tabId, null)
    return
  }
  const host = hostOf(state.url)
  if (!isComplete(state)) {
    const due = previousDueIn(state, Date.now())
    if (due === null || !state.previous) return
    if (due > 0) refreshLater(tabId, due)
    else if (await committed(tabId, state.url)) {
      await showBadge(tabId, state.previous, host, { previous: true })
      await showIcon(tabId, state.previous, { previous: true })
    }
    return
  }
  const report = gradeSite(await pageFacts(state), await getStrictness())
  // Stored first, so that a grade on the badge is never lost with a background stopped the moment after.
  await persisted(tabId)
  await showBadge(tabId, report, host)
  await showIcon(tabId, report)
  if (!state.incognito && !state.forgotten && host !== '')
    await remember(hostKey(state.url), report, Date.now(), pageKey(state.url), since)
  for (const source of FACT_SOURCES)
    void source
      .trigger?.(state, hooks)
      .catch((error: unknown) => debug('pipeline', `${source.name}: its trigger failed`, error))
}

/**
 * Refreshes come in bursts (a page with a thousand frames reports a thousand times): one refresh per tab runs at a
 * time, and every request made meanwhile becomes one more refresh, REFRESH_DELAY_MS later, of the latest state.
 * The top frame's report comes just after the page's load event, and its grade follows after PAGE_REPORT_DELAY_MS
 * only. Not the network's events: those come while the page loads, and the work of a refresh (the badge, the icon)
 * would then compete with the page (measured: a sign-in page's load event 1.19× later with them at 25 ms).
 */
const REFRESH_DELAY_MS = 50
const PAGE_REPORT_DELAY_MS = 25
const refreshQueued = new Set<number>()
const refreshes = new KeyedQueue<number>()
export function refreshSoon(tabId: number, pageReported = false): void {
  if (refreshQueued.has(tabId)) return
  refreshQueued.add(tabId)
  const delay = refreshes.busy(tabId) || !pageReported ? REFRESH_DELAY_MS : PAGE_REPORT_DELAY_MS
  refreshes
    .run(tabId, async () => {
      await new Promise((r) => setTimeout(r, delay))
      refreshQueued.delete(tabId)
      await refresh(tabId)
    })
    .catch((error: unknown) => debug('pipeline', 'a refresh failed', error))
}

/** One refresh of the tab `ms` from now, however many are asked for meanwhile (drawTab, for the last grade). */
const refreshLaterFor = new Set<number>()
function refreshLater(tabId: number, ms: number): void {
  if (refreshLaterFor.has(tabId)) return
  refreshLaterFor.add(tabId)
  setTimeout(() => {
    refreshLaterFor.delete(tabId)
    refreshSoon(tabId)
  }, ms)
}

/** Every open tab again (a new strictness applies to all at once). */
export async function refreshAll(): Promise<void> {
  for (const id of await allTabIds()) refreshSoon(id)
}
