/**
 * The background: gathers each tab's facts, grades them with the core, and keeps the badge right. Every listener
 * is registered synchronously here so that an event wakes the Chrome service worker or the Firefox event page.
 */
import * as v from 'valibot'
import { gradeSite, isPublicHostname, type SiteFacts } from '../core/index.ts'
import { ContentToBackgroundSchema, UiToBackgroundSchema, type BackgroundToUi } from '../messages.ts'
import { browser, browserName, extensionOrigin, type Runtime } from '../platform/index.ts'
import { showBadge } from './badge.ts'
import { allRemembered, forgetMemory, remember } from './memory.ts'
import { asksAutomatically, cachedCount, forgetOnline, lookup, mayAsk, onlineFor } from './online.ts'
import { SOURCES, type SourceId } from '../settings.ts'
import { currentSettings, getStrictness, onSettingsChanged, settledSettings } from './settings.ts'
import { allTabIds, factsOf, isComplete, loadTab, updateTab, type TabState } from './tab-state.ts'
import { registerWebRequest } from './web-request.ts'

function isWebUrl(url: string | undefined): url is string {
  return typeof url === 'string' && /^https?:/i.test(url)
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

/** A tab's facts, with what the online sources said about its host when they said anything. */
async function factsWithOnline(state: TabState): Promise<SiteFacts> {
  const facts = factsOf(state)
  const { facts: online } = await onlineFor(hostOf(state.url), Date.now())
  if (Object.keys(online).length > 0) facts.online = online
  return facts
}

async function reportOf(state: TabState) {
  return gradeSite(await factsWithOnline(state), await getStrictness())
}

/** Tabs showing a host, to refresh when an online result for it arrives. */
async function refreshHost(host: string): Promise<void> {
  for (const id of await allTabIds()) {
    const state = await loadTab(id)
    if (state && hostOf(state.url) === host) await refresh(id)
  }
}

function hasLoginForm(state: TabState): boolean {
  return Object.values(state.frames).some((f) => f.passwordFields > 0)
}

/** Asks the online sources that the user set to ask by themselves, never blocking anything. */
async function lookupAutomatically(state: TabState): Promise<void> {
  const host = hostOf(state.url)
  // An administrator may have switched a source off: ask nothing before storage.managed answered.
  const { values } = await settledSettings()
  for (const source of SOURCES) {
    const setting = values[source]
    if (!mayAsk({ incognito: state.incognito, host, enabled: setting.enabled })) continue
    if (asksAutomatically(setting.mode, hasLoginForm(state))) void lookup(source, host, values, (h) => void refreshHost(h))
  }
}

/** The popup's lookup and refresh buttons. */
async function lookupOnDemand(tabId: number, only: SourceId | undefined): Promise<void> {
  const state = await loadTab(tabId)
  if (!state) return
  const host = hostOf(state.url)
  const { values } = await settledSettings()
  await Promise.all(
    SOURCES.filter((s) => (only === undefined || s === only) && mayAsk({ incognito: state.incognito, host, enabled: values[s].enabled })).map(
      (s) => lookup(s, host, values, (h) => void refreshHost(h), { force: true }),
    ),
  )
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
 * Sets the tab's badge once the page's facts are complete; until then, the host's last report (marked as such)
 * when Vigie remembers one. A complete report of a normal window is remembered for the next visit.
 */
async function refresh(tabId: number): Promise<void> {
  const state = await loadTab(tabId)
  if (!state || !isWebUrl(state.url)) {
    await showBadge(tabId, null)
    return
  }
  const host = hostOf(state.url)
  if (!isComplete(state)) {
    if (state.previous && (await committed(tabId, state.url))) await showBadge(tabId, state.previous, host, { previous: true })
    return
  }
  const report = await reportOf(state)
  await showBadge(tabId, report, host)
  if (!state.incognito && host !== '') await remember(host, report, Date.now())
  void lookupAutomatically(state).catch(() => {})
}

registerWebRequest((tabId) => void refresh(tabId))

function originOf(url: string): string {
  try {
    return new URL(url).origin
  } catch {
    return ''
  }
}

/** A content script's report of one frame. */
async function onFrameFacts(message: v.InferOutput<typeof ContentToBackgroundSchema>, sender: Runtime.MessageSender) {
  const tab = sender.tab
  const frameId = sender.frameId ?? 0
  const senderUrl = sender.url ?? ''
  if (tab?.id === undefined || !isWebUrl(senderUrl)) return
  const tabId = tab.id
  await updateTab(tabId, (state) => {
    const top = frameId === 0
    // The page's URL is what the browser says it is, not what the page claims.
    const frame = { ...message.frame, url: senderUrl, top }
    if (top && (!state || originOf(state.url) !== originOf(senderUrl))) {
      // A document the network listeners did not see (restored from the back-forward cache, or loaded before
      // Vigie started): start afresh with what the page itself tells.
      return { url: senderUrl, incognito: tab.incognito, frames: { '0': frame } }
    }
    if (!state) return undefined
    return {
      ...state,
      url: top ? senderUrl : state.url,
      incognito: tab.incognito,
      frames: { ...state.frames, [String(frameId)]: frame },
    }
  })
  await refresh(tabId)
}

async function onUiMessage(message: v.InferOutput<typeof UiToBackgroundSchema>): Promise<BackgroundToUi> {
  switch (message.type) {
    case 'ui:lookup':
      await lookupOnDemand(message.tabId, message.source)
      return reportAnswer(message.tabId)
    case 'ui:get-report':
      return reportAnswer(message.tabId)
    case 'ui:get-hosts':
      return { type: 'bg:hosts', hosts: await allRemembered(Date.now()) }
    case 'ui:preview':
      return previewAnswer(message.tabId)
    case 'ui:get-data':
      return { type: 'bg:data', hosts: (await allRemembered(Date.now())).length, online: await cachedCount() }
    case 'ui:forget-all':
      await Promise.all([forgetMemory(), forgetOnline()])
      return { type: 'bg:done' }
  }
}

/** A tab's grade at each strictness, for the options page's preview. */
async function previewAnswer(tabId: number): Promise<BackgroundToUi> {
  const state = await loadTab(tabId)
  if (!state || !isWebUrl(state.url)) return { type: 'bg:no-report', reason: 'no-tab' }
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
  const { values } = await currentSettings()
  const { status } = await onlineFor(host, Date.now())
  return {
    type: 'bg:report',
    tab: {
      tabId,
      url: state.url,
      host,
      browser: browserName(),
      pending: !isComplete(state),
      online: {
        eligible: !state.incognito && isPublicHostname(host),
        sources: SOURCES.filter((s) => values[s].enabled).map((s) => ({ source: s, mode: values[s].mode, status: status[s] ?? null })),
      },
      ...(state.previous ? { previous: state.previous } : {}),
      report: await reportOf(state),
    },
  }
}

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own scripts may talk to the background.
  if (sender.id !== browser.runtime.id) return undefined
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin())
  if (fromExtensionPage) {
    const parsed = v.safeParse(UiToBackgroundSchema, raw)
    return parsed.success ? onUiMessage(parsed.output) : undefined
  }
  const parsed = v.safeParse(ContentToBackgroundSchema, raw)
  if (parsed.success && sender.tab) void onFrameFacts(parsed.output, sender).catch(() => {})
  return undefined
})

browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url !== undefined && !isWebUrl(change.url)) {
    void updateTab(tabId, () => undefined).then(() => showBadge(tabId, null))
    return
  }
  if (!isWebUrl(tab.url)) return
  // The browser clears a tab's badge when it navigates: set it again as soon as the new page commits, and once
  // it has loaded (pages where no content script runs are complete then).
  if (change.status === 'loading') {
    // Not for a page restored from the back-forward cache before its content script spoke: the state is the old page's.
    void loadTab(tabId).then((state) => (state && originOf(state.url) === originOf(tab.url!) ? refresh(tabId) : undefined))
  }
  if (change.status === 'complete') {
    void updateTab(tabId, (state) => (state && state.url === tab.url ? { ...state, loaded: true } : state)).then(() => refresh(tabId))
  }
})

browser.tabs.onRemoved.addListener((tabId) => void updateTab(tabId, () => undefined))

// A new strictness applies to every open tab at once: the user's, an administrator's, or the administrator's
// values arriving after the first pages were graded without them.
onSettingsChanged(() => void allTabIds().then((ids) => Promise.all(ids.map(refresh))))
