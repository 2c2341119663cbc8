/**
 * The router of the extension pages' messages (the popup, the options, report and setup pages): each message, once
 * validated (messages.ts), gets its answer from the pipeline, the memory and the sources; it keeps no state of its
 * own (the idea of Dark Reader's messenger: the router apart from the state).
 */
import type * as v from 'valibot'
import { gradeSite } from '../core/index.ts'
import type { BackgroundToUi, UiToBackgroundSchema } from '../messages.ts'
import { browser, browserName, type Runtime } from '../platform/index.ts'
import { allRemembered, forgetMemory } from './memory.ts'
import { hooks, pageFacts } from './pipeline.ts'
import { currentSettings, getStrictness } from './live-settings.ts'
import { checkCompanion, hideInstallHint, ratingsByHost } from './scanner.ts'
import { rescan } from './sources/scanner.ts'
import { FACT_SOURCES } from './sources/index.ts'
import { lookupOnDemand } from './sources/online.ts'
import { merged, type SourceStatus } from './sources/source.ts'
import { allTabIds, isComplete, loadTab, updateTab } from './tab-state.ts'
import { hostOf, isWebUrl } from './urls.ts'

/** The report page's hosts, each with the SSL Labs rating of its last scan from this computer when there is one. */
async function hostsWithRatings(now: number) {
  const [hosts, ratings] = await Promise.all([allRemembered(now), ratingsByHost(now)])
  return hosts.map((h) => {
    const serverRating = ratings.get(h.host)
    return serverRating ? { ...h, serverRating } : h
  })
}

export async function onUiMessage(
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
      await rescan(await loadTab(message.tabId), hooks)
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
  const facts = await pageFacts(state)
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
  const { locked } = await currentSettings()
  const facts = await pageFacts(state)
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
      // The online source fills this in; the popup's contract wants it even without one.
      online: { eligible: false, sources: [] },
      ...merged(statuses),
      ...(state.previous ? { previous: state.previous } : {}),
      // The settings an administrator fixed: the popup says when the level the grade was made at is one of them.
      ...(locked.length > 0 ? { locked } : {}),
      report: gradeSite(facts, await getStrictness()),
    },
  }
}
