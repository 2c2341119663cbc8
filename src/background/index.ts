/**
 * The background: gathers each tab's facts, grades them with the core, and keeps the badge right. Every listener
 * is registered synchronously here so that an event wakes the Chrome service worker or the Firefox event page.
 */
import * as v from 'valibot'
import { gradeSite, type SiteFacts } from '../core/index.ts'
import {
  ContentToBackgroundSchema,
  UI_PORT,
  UiToBackgroundSchema,
  type BackgroundPush,
  type BackgroundToUi,
} from '../messages.ts'
import { browser, browserName, extensionOrigin, type Runtime, type Tabs } from '../platform/index.ts'
import { showBadge } from './badge.ts'
import { showIcon } from './icon.ts'
import './welcome.ts' // opens the first-run page on install
import { pageKey } from '../core/page-key.ts'
import { hostOf, isWebUrl, originOf } from './urls.ts'
import { allRemembered, forgetMemory, memoryGeneration, remember } from './memory.ts'
import { currentSettings, getStrictness, onSettingsChanged } from './settings.ts'
import { FACT_SOURCES } from './sources/index.ts'
import { lookupOnDemand } from './sources/online.ts'
import { merged, type SourceHooks, type SourceStatus } from './sources/source.ts'
import {
  allTabIds,
  committing,
  documentUrl,
  isComplete,
  loadTab,
  persisted,
  previousDueIn,
  replacing,
  restored,
  updateTab,
  withFrame,
  type TabState,
} from './tab-state.ts'
import { lastSeen } from './origin-facts.ts'
import { registerWebRequest } from './web-request.ts'
import { checkCompanion, hideInstallHint, knownCompanion, ratingsByHost, scan, scanTargetOf } from './scanner.ts'

/**
 * A tab's facts: what every source knows of its page (the page itself, the online services, the scanner, the
 * account data sets shipped with Vigie).
 */
async function factsWithOnline(state: TabState): Promise<SiteFacts> {
  const now = Date.now()
  const parts = await Promise.all(FACT_SOURCES.map((source) => source.facts(state, now)))
  return { page: { url: state.url }, ...merged(parts) }
}

async function reportOf(state: TabState) {
  return gradeSite(await factsWithOnline(state), await getStrictness())
}

/** What the sources tell a popup (and call back when they learn more). */
const hooks: SourceHooks = {
  refreshHost: (host) => void refreshHost(host),
  tellUi: (tabId) => tellUi(tabId),
  someTabShows: (url) => someTabShows(url),
}

/** Tabs showing a host, to refresh when an online result for it arrives. */
async function refreshHost(host: string): Promise<void> {
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

/**
 * Open popups keep a port to the background: each is told when its tab's report may have changed (the page
 * reported, a scan or a lookup started or ended), so it shows the change at once instead of polling for it.
 */
const uiPorts = new Set<Runtime.Port>()
browser.runtime.onConnect.addListener((port) => {
  if (
    port.name !== UI_PORT ||
    port.sender?.id !== browser.runtime.id ||
    !port.sender.url?.startsWith(extensionOrigin())
  ) {
    port.disconnect()
    return
  }
  uiPorts.add(port)
  port.onDisconnect.addListener(() => uiPorts.delete(port))
})
function tellUi(tabId: number): void {
  const message: BackgroundPush = { type: 'bg:tab-changed', tabId }
  for (const port of uiPorts) {
    try {
      port.postMessage(message)
    } catch {
      uiPorts.delete(port)
    }
  }
}

/** Draws the tab's badge and icon, then tells an open popup of that tab. */
async function refresh(tabId: number): Promise<void> {
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
  const report = await reportOf(state)
  // Stored first, so that a grade on the badge is never lost with a background stopped the moment after.
  await persisted(tabId)
  await showBadge(tabId, report, host)
  await showIcon(tabId, report)
  if (!state.incognito && !state.forgotten && host !== '')
    await remember(host, report, Date.now(), pageKey(state.url), since)
  for (const source of FACT_SOURCES) void source.trigger?.(state, hooks).catch(() => {})
}

/** Whether an open tab still shows the host and port of `url` (a scan waiting for the cap is dropped otherwise). */
async function someTabShows(url: string): Promise<boolean> {
  const target = scanTargetOf(url)
  for (const id of await allTabIds()) {
    const other = await loadTab(id)
    const shown = other ? scanTargetOf(other.url) : null
    if (target && shown && shown.host === target.host && shown.port === target.port) return true
  }
  return false
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
const refreshing = new Map<number, Promise<void>>()
function refreshSoon(tabId: number, pageReported = false): void {
  if (refreshQueued.has(tabId)) return
  refreshQueued.add(tabId)
  const running = refreshing.get(tabId)
  const next = (running ?? Promise.resolve())
    .then(() => new Promise((r) => setTimeout(r, running || !pageReported ? REFRESH_DELAY_MS : PAGE_REPORT_DELAY_MS)))
    .then(() => {
      refreshQueued.delete(tabId)
      return refresh(tabId)
    })
    .catch(() => {})
  refreshing.set(tabId, next)
  void next.finally(() => {
    if (refreshing.get(tabId) === next) refreshing.delete(tabId)
  })
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

registerWebRequest((tabId) => refreshSoon(tabId))

/**
 * The URL a frame is graded by: the browser's word for it; for about:blank and about:srcdoc frames, which run with
 * the origin of the page that made them, that origin (Chrome's sender.origin, else what the frame's own content
 * script read from location.origin in its isolated world).
 */
function frameUrlOf(sender: Runtime.MessageSender, reported: string): string {
  const url = sender.url ?? ''
  if (isWebUrl(url)) return url
  if (!/^(about|blob):/i.test(url)) return ''
  const origin = (sender as { origin?: string }).origin
  if (isWebUrl(origin)) return `${origin}/`
  return isWebUrl(reported) ? `${originOf(reported)}/` : ''
}

/** A content script's report of one frame. */
async function onFrameFacts(message: v.InferOutput<typeof ContentToBackgroundSchema>, sender: Runtime.MessageSender) {
  const tab = sender.tab
  const frameId = sender.frameId ?? 0
  if (tab?.id === undefined) return
  const tabId = tab.id
  const top = frameId === 0
  if (message.type === 'content:frame-gone') {
    // A frame left the page (removed, or navigated elsewhere): what it held no longer counts.
    if (!top) await updateTab(tabId, (state) => (state ? withFrame(state, frameId, undefined) : state))
    refreshSoon(tabId)
    return
  }
  // A page Chromium prerenders (speculation rules) is not the page the tab shows: its content script speaks again
  // once it is shown (src/content/index.ts), and meanwhile the tab keeps its own state.
  if ((sender as { documentLifecycle?: string }).documentLifecycle === 'prerender') return
  const frameUrl = frameUrlOf(sender, message.frame.url)
  if (frameUrl === '') return
  await updateTab(tabId, (known) => {
    // The top document speaking is the tab's committed document: its navigation is no longer pending.
    const state = top && !message.restored && known ? (committing(known, frameUrl) ?? known) : known
    // The page's URL is what the browser says it is, not what the page claims.
    const frame = { ...message.frame, url: frameUrl, top }
    if (top && message.restored) {
      // Back or Forward brought this document back from the back-forward cache: no request, so the network
      // listeners never saw it. Its own facts, and the network facts Vigie kept when it was loaded; never the
      // state of the page the tab showed before.
      return withFrame(restored(state, frameUrl, tab.incognito), 0, frame)
    }
    if (top && (!state || originOf(state.url) !== originOf(frameUrl))) {
      // A document the network listeners did not see (a service worker served it, or it loaded before Vigie
      // started): what the page itself tells, with the network facts of its origin's last response seen here
      // (origin-facts.ts), never none, which would read as a clean response.
      return lastSeen(originOf(frameUrl), tab.incognito).then((network) =>
        withFrame(replacing(state, { url: frameUrl, incognito: tab.incognito, frames: {}, ...network }), 0, frame),
      )
    }
    if (!top && !state && isWebUrl(tab.url)) {
      // A frame that speaks before its new tab's document did, and before the network events arrived (Firefox
      // delivers the observational onHeadersReceived of http documents late): keep its report in a state of that
      // document, which the network listener then completes instead of replacing (web-request.ts, claim).
      return withFrame({ url: documentUrl(tab.url), incognito: tab.incognito, frames: {} }, frameId, frame)
    }
    if (!state) return undefined
    const next = withFrame({ ...state, incognito: tab.incognito }, frameId, frame)
    return top ? { ...next, url: frameUrl } : next
  })
  refreshSoon(tabId, top)
}

/** The report page's hosts, each with the SSL Labs rating of its last scan from this computer when there is one. */
async function hostsWithRatings(now: number) {
  const [hosts, ratings] = await Promise.all([allRemembered(now), ratingsByHost(now)])
  return hosts.map((h) => {
    const serverRating = ratings.get(h.host)
    return serverRating ? { ...h, serverRating } : h
  })
}

async function onUiMessage(
  message: v.InferOutput<typeof UiToBackgroundSchema>,
  sender: Runtime.MessageSender,
): Promise<BackgroundToUi> {
  switch (message.type) {
    case 'ui:lookup': {
      const state = await loadTab(message.tabId)
      if (state) await lookupOnDemand(state, message.source, hooks)
      return reportAnswer(message.tabId)
    }
    case 'ui:get-report':
      return reportAnswer(message.tabId)
    case 'ui:get-hosts':
      return { type: 'bg:hosts', hosts: await hostsWithRatings(Date.now()) }
    case 'ui:preview':
      return previewAnswer(message.tabId, sender.tab?.incognito ?? false)
    case 'ui:get-data':
      return {
        type: 'bg:data',
        online: 0,
        ...merged(await Promise.all(FACT_SOURCES.map((source) => source.count?.() ?? {}))),
        hosts: (await allRemembered(Date.now())).length,
      }
    case 'ui:forget-all':
      // Open documents first, so that no refresh under way writes them back once the memory is empty.
      await Promise.all(
        (await allTabIds()).map((id) => updateTab(id, (state) => (state ? { ...state, forgotten: true } : state))),
      )
      await Promise.all([forgetMemory(), ...FACT_SOURCES.map((source) => source.forget?.())])
      return { type: 'bg:done' }
    case 'ui:rescan': {
      const state = await loadTab(message.tabId)
      const { values } = await currentSettings()
      // No scan before a companion answered: until then the button is "Check again", and asks `hello` only.
      if ((await knownCompanion()).state !== 'working') {
        await checkCompanion()
        return reportAnswer(message.tabId)
      }
      // The popup shows "scanning" at once and polls: the answer does not wait for the scan.
      if (state && values.probe.enabled) void scan(state, (h) => void refreshHost(h), { force: true })
      return reportAnswer(message.tabId)
    }
    case 'ui:companion-check':
      return { type: 'bg:companion', companion: { ...(await checkCompanion()), extensionId: browser.runtime.id } }
    case 'ui:scanner-hint-hide':
      await hideInstallHint()
      return { type: 'bg:done' }
  }
}

/** A tab's grade at each strictness, for the options page's preview; a private tab's only to a private window. */
async function previewAnswer(tabId: number, askerIncognito: boolean): Promise<BackgroundToUi> {
  const state = await loadTab(tabId)
  if (!state || !isWebUrl(state.url) || (state.incognito && !askerIncognito))
    return { type: 'bg:no-report', reason: 'no-tab' }
  const facts = await factsWithOnline(state)
  return {
    type: 'bg:preview',
    host: hostOf(state.url),
    grades: {
      relaxed: gradeSite(facts, 'relaxed').grade,
      standard: gradeSite(facts, 'standard').grade,
      strict: gradeSite(facts, 'strict').grade,
    },
  }
}

async function reportAnswer(tabId: number | undefined): Promise<BackgroundToUi> {
  if (tabId === undefined) return { type: 'bg:no-report', reason: 'no-tab' }
  const state = await loadTab(tabId)
  if (!state) {
    const tab = await browser.tabs.get(tabId).catch(() => undefined)
    return { type: 'bg:no-report', reason: tab && !isWebUrl(tab.url) ? 'not-web-page' : 'not-yet' }
  }
  const host = hostOf(state.url)
  const now = Date.now()
  const facts = await factsWithOnline(state)
  const page = { tabId, state, host, facts }
  const statuses: SourceStatus[] = await Promise.all(
    FACT_SOURCES.map((source) => source.status?.(page, now, hooks) ?? {}),
  )
  return {
    type: 'bg:report',
    tab: {
      tabId,
      url: state.url,
      host,
      browser: browserName(),
      pending: !isComplete(state),
      online: { eligible: false, sources: [] },
      ...merged(statuses),
      ...(state.previous ? { previous: state.previous } : {}),
      report: gradeSite(facts, await getStrictness()),
    },
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own scripts may talk to the background.
  if (sender.id !== browser.runtime.id) return undefined
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin())
  if (fromExtensionPage) {
    const parsed = v.safeParse(UiToBackgroundSchema, raw)
    return parsed.success ? onUiMessage(parsed.output, sender) : undefined
  }
  const parsed = v.safeParse(ContentToBackgroundSchema, raw)
  if (parsed.success && sender.tab) void onFrameFacts(parsed.output, sender).catch(() => {})
  return undefined
})

/** How long after a page loaded its content script's first report may take (see onUpdated). */
const CONTENT_GRACE_MS = 2000

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url !== undefined && !isWebUrl(change.url)) {
    void updateTab(tabId, () => undefined).then(() => Promise.all([showBadge(tabId, null), showIcon(tabId, null)]))
    return
  }
  if (!isWebUrl(tab.url)) return
  const url = tab.url
  // The tab committed its URL: the navigation pending for it is the tab's document now (a 204, a download or a
  // prerender never get here). Then the rest, on the state as it is after that.
  // In the tab's queue of changes, after a response whose claim is still under way.
  let committed = false
  void updateTab(tabId, (state) => {
    const next = state?.pending ? committing(state, url) : undefined
    committed = next !== undefined
    return next ?? state
  }).then(() => {
    if (committed) refreshSoon(tabId)
    onTabProgress(tabId, change, tab)
  })
})

function onTabProgress(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab): void {
  // The browser clears a tab's badge when it navigates: set it again as soon as the new page commits, and once
  // it has loaded (pages where no content script runs are complete then).
  // Only ever with this document's state: a page restored from the back-forward cache commits and completes
  // without a request, and its state (set when its content script speaks) is not the one of the page left.
  const current = (state: TabState | undefined) =>
    state !== undefined && documentUrl(state.url) === documentUrl(tab.url!)
  if (change.status === 'loading') {
    void loadTab(tabId).then((state) => (current(state) ? refreshSoon(tabId) : undefined))
  }
  if (change.status === 'complete') {
    // The content script makes its first report just after the load event (src/content/index.ts), so a page is
    // taken as one without a content script only if no report came CONTENT_GRACE_MS after it loaded: until then
    // its badge waits, rather than showing a grade without what the page holds and changing it a moment later.
    void loadTab(tabId).then((state) => {
      if (state === undefined || (current(state) && isComplete(state))) return refreshSoon(tabId)
      if (!current(state)) return
      // The same document (a reload of the same address in the meantime is another request).
      const same = (later: TabState | undefined) => current(later) && later!.requestId === state.requestId
      setTimeout(() => {
        void updateTab(tabId, (later) =>
          same(later) && !isComplete(later!) ? { ...later!, loaded: true } : later,
        ).then((later) => {
          if (same(later)) refreshSoon(tabId)
        })
      }, CONTENT_GRACE_MS)
    })
  }
}

browser.tabs.onRemoved.addListener((tabId) => void updateTab(tabId, () => undefined))

// A new strictness applies to every open tab at once: the user's, an administrator's, or the administrator's
// values arriving after the first pages were graded without them.
onSettingsChanged(() => void allTabIds().then((ids) => ids.forEach((id) => refreshSoon(id))))
