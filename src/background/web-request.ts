/**
 * What the network layer tells about each top-level document: scheme, the browser's own HSTS upgrade, the
 * Strict-Transport-Security header, whether the response came from cache, and in Firefox the TLS and certificate
 * facts. Listeners are registered synchronously at start-up so that they wake the worker / event page.
 */
import { hstsHeaderOf } from '../core/index.ts'
import { hostKey } from '../core/page-key.ts'
import { browser, type WebRequest } from '../platform/index.ts'
import { debug } from './debug.ts'
import { recall } from './memory.ts'
import { factsFromSecurityInfo, type SecurityInfoLike } from './security-info.ts'
import { noteOrigin } from './origin-facts.ts'
import { connectionOf } from './scan-rules.ts'
import { arriving, documentUrl, updateTab, withDocument, type PendingDocument } from './tab-state.ts'

const FILTER: WebRequest.RequestFilter = { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] }
/**
 * Hosts the browser upgraded itself (307, Non-Authoritative-Reason: HSTS), by request: those hosts are HSTS
 * already. Evidence for that host alone: a redirect chain that goes on to another host gives that one nothing
 * (issue #21: the final host without its own header is hsts-missing, whatever the first one was).
 */
const hstsUpgraded = new Map<string, Set<string>>()
const hostOf = (url: string | undefined): string => {
  try {
    return new URL(url ?? '').hostname
  } catch {
    return ''
  }
}

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
        const hosts = hstsUpgraded.get(details.requestId) ?? new Set<string>()
        hosts.add(hostOf(details.url))
        hstsUpgraded.set(details.requestId, hosts)
      }
    },
    FILTER,
    ['responseHeaders'],
  )

  /**
   * Claims the tab for this document at once, in event order: the content script's report and the load event that
   * follow must land on this state, not be replaced by it. Returns false for responses that are not a document's.
   */
  const claim = (details: WebRequest.OnHeadersReceivedDetailsType): boolean => {
    if (details.tabId < 0) return false
    // Redirects are followed under the same requestId; the last response is the document's.
    if (details.statusCode >= 300 && details.statusCode < 400) return false
    const { requestId, url } = details
    const upgraded = hstsUpgraded.get(requestId)
    hstsUpgraded.delete(requestId)
    const transport = {
      // The first header only, its raw bytes when they are not UTF-8 (binaryValue), as browsers read it.
      hstsHeader: hstsHeaderOf(details.responseHeaders),
      fromCache: false,
      knownHsts: upgraded?.has(hostOf(url)) ?? false,
    }
    void updateTab(details.tabId, async (state) => {
      // The page's own report came first (a non-blocking listener's event can arrive late): keep what it said.
      if (state && state.requestId === undefined && documentUrl(state.url) === url)
        return { ...state, requestId, transport }
      // Until the tab says otherwise it counts as private: nothing is remembered for it. A response is not yet a
      // page the tab shows: a link answered 204, a download or a prerender never commit, and until the tab commits
      // this URL its badge and popup stay on the page the user sees (arriving). The document it replaces is
      // remembered for Back (replacing), restored from the back-forward cache.
      const shown = (await browser.tabs.get(details.tabId).catch(() => undefined))?.url
      return arriving(state, { url, requestId, incognito: true, transport, since: Date.now() }, shown)
    }).catch((error: unknown) => debug('web-request', "a document's response could not be noted", error))
    return true
  }

  /** Everything else, merged in once known: certificate facts, private or not, the host's last report. */
  const complete = async (
    details: WebRequest.OnHeadersReceivedDetailsType,
    info: SecurityInfoLike | null,
    now: Date,
  ) => {
    const { tabId, requestId, url } = details
    let secure = {}
    try {
      if (info) secure = factsFromSecurityInfo(info, now)
    } catch (error) {
      // Malformed security info: the facts stay unknown.
      debug('web-request', 'the security info could not be read', error)
    }
    // Firefox says it in the details; Chrome does not, and the tab tells (until it does, the page counts as private).
    const said = (details as { incognito?: unknown }).incognito
    const incognito =
      typeof said === 'boolean' ? said : ((await browser.tabs.get(tabId).catch(() => undefined))?.incognito ?? true)
    // Private windows neither read nor feed the per-host memory.
    const previous = incognito ? undefined : await recall(hostKey(url), now.getTime())
    let seen: PendingDocument | undefined
    await updateTab(tabId, (state) =>
      withDocument(
        state,
        requestId,
        (doc) => (seen = { ...doc, incognito, ...secure, ...(previous ? { previous } : {}) }),
      ),
    )
    onChange(tabId)
    // For a later page of this origin that a service worker serves without a response seen here (origin-facts.ts).
    if (seen) {
      const { transport, certificate, tls } = seen
      await noteOrigin(
        new URL(url).origin,
        incognito,
        { ...(transport ? { transport } : {}), ...(certificate ? { certificate } : {}), ...(tls ? { tls } : {}) },
        now.getTime(),
      )
    }
  }
  const later = (details: WebRequest.OnHeadersReceivedDetailsType, info: SecurityInfoLike | null, now: Date): void => {
    // A task of its own: the blocking listener's answer goes to the network first.
    setTimeout(
      () =>
        void complete(details, info, now).catch((error: unknown) =>
          debug('web-request', "a response's certificate facts could not be kept", error),
        ),
      0,
    )
  }

  const observe = (details: WebRequest.OnHeadersReceivedDetailsType): void => {
    if (claim(details)) later(details, null, new Date())
  }

  if (getSecurityInfo) {
    // Firefox: getSecurityInfo works only while a blocking onHeadersReceived listener holds the response, and the
    // document waits for the listener. So the listener is registered for https alone, and it answers at once,
    // without waiting for the security info: the call leaves this process before the answer, in order, and the
    // parent reads the channel's security info as the call arrives, while the response is still held
    // (bench:listener, 40 loads: the listener's own time fell from 2.1 ms to 0.5 ms median, 5.0 ms to 1.8 ms p90). Parsing
    // the certificates, tabs.get and every storage read and write happen after.
    browser.webRequest.onHeadersReceived.addListener(
      (details) => {
        if (!claim(details)) return undefined
        const now = new Date()
        void getSecurityInfo(details.requestId, { certificateChain: true, rawDER: true }).then(
          (info) => later(details, (info ?? {}) as SecurityInfoLike, now),
          () => later(details, null, now),
        )
        return undefined
      },
      { ...FILTER, urls: ['https://*/*'] },
      ['blocking', 'responseHeaders'],
    )
    browser.webRequest.onHeadersReceived.addListener(observe, { ...FILTER, urls: ['http://*/*'] }, ['responseHeaders'])
  } else {
    browser.webRequest.onHeadersReceived.addListener(observe, FILTER, ['responseHeaders'])
  }

  browser.webRequest.onResponseStarted.addListener((details) => {
    if (details.tabId < 0) return
    // Where the browser connected, for the scanner: it may reach only that address (scan-rules.ts, scanRoute).
    const connection = connectionOf(details)
    void updateTab(details.tabId, (state) =>
      withDocument(state, details.requestId, (doc) => ({
        ...doc,
        ...(connection ? { connection } : {}),
        ...(details.fromCache && doc.transport ? { transport: { ...doc.transport, fromCache: true } } : {}),
      })),
    ).then(() => (details.fromCache ? onChange(details.tabId) : undefined))
  }, FILTER)

  browser.webRequest.onErrorOccurred.addListener((details) => hstsUpgraded.delete(details.requestId), FILTER)
}
