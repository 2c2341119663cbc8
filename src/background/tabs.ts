/**
 * The tab lifecycle: a tab commits a URL, starts and finishes loading, leaves the web or closes. Each step updates
 * the tab's state (tab-state.ts) and asks the pipeline for a refresh when the badge may change.
 */
import type { Tabs } from '../platform/index.ts'
import { showBadge } from './badge.ts'
import { showIcon } from './icon.ts'
import { refreshSoon } from './pipeline.ts'
import { committing, documentUrl, isComplete, loadTab, updateTab, type TabState } from './tab-state.ts'
import { isWebUrl } from './urls.ts'

/** How long after a page loaded its content script's first report may take (see onUpdated). */
const CONTENT_GRACE_MS = 2000

export function onTabUpdated(tabId: number, change: Tabs.OnUpdatedChangeInfoType, tab: Tabs.Tab): void {
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
}

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

export function onTabRemoved(tabId: number): void {
  void updateTab(tabId, () => undefined)
}
