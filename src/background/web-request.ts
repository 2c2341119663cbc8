/**
 * What the network layer tells about each top-level document: scheme, the browser's own HSTS upgrade, the
 * Strict-Transport-Security header, whether the response came from cache, and in Firefox the TLS and certificate
 * facts. Listeners are registered synchronously at start-up so that they wake the worker / event page.
 */
import { hstsHeaderOf } from '../core/index.ts'
import { browser, type WebRequest } from '../platform/index.ts'
import { recall } from './memory.ts'
import { factsFromSecurityInfo, type SecurityInfoLike } from './security-info.ts'
import { replacing, updateTab } from './tab-state.ts'

const FILTER: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] }
/** Requests the browser upgraded itself (307, Non-Authoritative-Reason: HSTS): the host is HSTS already. */
const hstsUpgraded = new Set<string>()

function header(headers: WebRequest.HttpHeaders | undefined, name: string): string | null {
  const found = headers?.filter((h) => h.name.toLowerCase() === name)
  if (!found || found.length === 0) return null
  // Several headers of one name are one comma-joined value (RFC 9110 5.3); for STS that makes it invalid, as in browsers.
  return found.map((h) => h.value ?? '').join(', ')
}

export function registerWebRequest(onChange: (tabId: number) => void): void {
  const getSecurityInfo = (browser.webRequest as { getSecurityInfo?: (id: string, o: object) => Promise<unknown> })
    .getSecurityInfo

  browser.webRequest.onBeforeRedirect.addListener(
    (details) => {
      if (details.statusCode === 307 && header(details.responseHeaders, 'non-authoritative-reason') === 'HSTS') {
        hstsUpgraded.add(details.requestId)
      }
    },
    FILTER,
    ['responseHeaders'],
  )

  const onHeaders = async (details: WebRequest.OnHeadersReceivedDetailsType): Promise<void> => {
    if (details.tabId < 0) return
    // Redirects are followed under the same requestId; the last response is the document's.
    if (details.statusCode >= 300 && details.statusCode < 400) return
    const { tabId, requestId, url } = details
    // Claim the tab for this document at once, in event order: the content script's report and the load event
    // that follow must land on this state, not be replaced by it. Facts that need awaiting are merged in after.
    // Until the tab says otherwise it counts as private: nothing is remembered for it.
    // The document it replaces is remembered for Back (replacing), restored from the back-forward cache.
    const claimed = updateTab(tabId, (old) => replacing(old, {
      url,
      requestId,
      incognito: true,
      transport: {
        // The first header only, its raw bytes when they are not UTF-8 (binaryValue), as browsers read it.
        hstsHeader: hstsHeaderOf(details.responseHeaders),
        fromCache: false,
        knownHsts: hstsUpgraded.delete(requestId),
      },
      frames: {},
    }))
    const now = new Date()
    let secure = {}
    if (getSecurityInfo && url.startsWith('https:')) {
      try {
        const info = (await getSecurityInfo(requestId, { certificateChain: true, rawDER: true })) as SecurityInfoLike
        secure = factsFromSecurityInfo(info ?? {}, now)
      } catch {
        // No security info for this request: the facts stay unknown.
      }
    }
    const tab = await browser.tabs.get(tabId).catch(() => undefined)
    const incognito = tab?.incognito ?? (details as { incognito?: boolean }).incognito ?? true
    // Private windows neither read nor feed the per-host memory.
    const previous = incognito ? undefined : await recall(new URL(url).hostname, now.getTime())
    await claimed
    await updateTab(tabId, (state) =>
      state?.requestId === requestId ? { ...state, incognito, ...secure, ...(previous ? { previous } : {}) } : state,
    )
    onChange(tabId)
  }

  if (getSecurityInfo) {
    // Firefox: getSecurityInfo works only inside a blocking onHeadersReceived listener.
    browser.webRequest.onHeadersReceived.addListener(
      async (details) => {
        await onHeaders(details).catch(() => {})
        return {}
      },
      FILTER,
      ['blocking', 'responseHeaders'],
    )
  } else {
    browser.webRequest.onHeadersReceived.addListener(
      (details) => {
        void onHeaders(details).catch(() => {})
      },
      FILTER,
      ['responseHeaders'],
    )
  }

  browser.webRequest.onResponseStarted.addListener(
    (details) => {
      if (details.tabId < 0 || !details.fromCache) return
      void updateTab(details.tabId, (state) =>
        state && state.requestId === details.requestId && state.transport
          ? { ...state, transport: { ...state.transport, fromCache: true } }
          : state,
      ).then(() => onChange(details.tabId))
    },
    FILTER,
  )

  browser.webRequest.onErrorOccurred.addListener((details) => hstsUpgraded.delete(details.requestId), FILTER)
}
