/**
 * The content scripts' reports: each frame tells what it holds (password fields, forms), and the tab's state keeps
 * it (tab-state.ts) for the pipeline to grade. The browser's word on the frame's URL wins over the page's.
 */
import type * as v from 'valibot'
import type { ContentToBackgroundSchema } from '../messages.ts'
import type { Runtime } from '../platform/index.ts'
import { lastSeen } from './origin-facts.ts'
import { refreshSoon } from './pipeline.ts'
import { committing, documentUrl, replacing, restored, updateTab, withFrame } from './tab-state.ts'
import { originOf } from '../core/index.ts'
import { isWebUrl } from './urls.ts'

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
  return isWebUrl(reported) ? `${originOf(reported) ?? ''}/` : ''
}

/** A content script's report of one frame. */
export async function onFrameFacts(
  message: v.InferOutput<typeof ContentToBackgroundSchema>,
  sender: Runtime.MessageSender,
) {
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
      return lastSeen(originOf(frameUrl) ?? '', tab.incognito).then((network) =>
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
