/**
 * Issue #21: the state a popup and badge show is that of the document committed in the tab. A response that never
 * commits (a link answered 204 No Content, a download, a prerender) leaves the tab on the page the user sees.
 */
import { describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  const listeners: { event: string; fn: (d: unknown) => unknown; extra?: string[] }[] = []
  const event = (name: string) => ({
    addListener: (fn: (d: unknown) => unknown, _f: unknown, extra?: string[]) =>
      listeners.push({ event: name, fn, extra }),
  })
  const tab = { url: '' }
  const browser = {
    webRequest: {
      onBeforeRedirect: event('redirect'),
      onHeadersReceived: event('headers'),
      onResponseStarted: event('started'),
      onErrorOccurred: event('error'),
    },
    tabs: { get: async () => ({ incognito: false, url: tab.url }) },
    storage: {
      session: { get: async () => ({}), set: async () => {}, remove: async () => {} },
      local: { get: async () => ({}), set: async () => {} },
    },
  }
  return { listeners, browser, tab }
})
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake.browser }))
import { registerWebRequest } from '../../../src/background/web-request.ts'
import { arriving, committing, factsOf, loadTab, updateTab, type TabState } from '../../../src/background/tab-state.ts'

registerWebRequest(() => {})
const headers = (details: object) =>
  fake.listeners.find((l) => l.event === 'headers')!.fn({ type: 'main_frame', responseHeaders: [], ...details })
const settle = () => new Promise((r) => setTimeout(r, 30))
const shown: TabState = {
  url: 'http://login.example/',
  requestId: '1',
  incognito: false,
  frames: { '0': { url: 'http://login.example/', top: true, passwordFields: 1, forms: [] } },
}

describe('a navigation that never commits', () => {
  it('leaves the tab on the page shown when a link of another host is answered 204', async () => {
    await updateTab(1, () => shown)
    fake.tab.url = 'http://login.example/'
    headers({ tabId: 1, requestId: '2', url: 'https://other.example/nothing', statusCode: 204 })
    await settle()
    const state = (await loadTab(1))!
    expect(factsOf(state).page.url).toBe('http://login.example/')
    expect(state.frames['0']?.passwordFields).toBe(1)
    expect(state.pending?.map((p) => p.url)).toEqual(['https://other.example/nothing'])
  })

  it('leaves the tab on the page shown when a link of the same host sends a file', async () => {
    await updateTab(2, () => ({ ...shown, url: 'https://shop.example/', frames: {} }))
    fake.tab.url = 'https://shop.example/'
    headers({
      tabId: 2,
      requestId: '3',
      url: 'https://shop.example/file.zip',
      statusCode: 200,
      responseHeaders: [{ name: 'Strict-Transport-Security', value: 'max-age=31536000' }],
    })
    await settle()
    const state = (await loadTab(2))!
    expect(state.url).toBe('https://shop.example/')
    expect(state.transport).toBeUndefined()
  })

  it("makes the pending document the tab's once the tab commits its URL", async () => {
    await updateTab(3, () => shown)
    fake.tab.url = 'http://login.example/'
    headers({ tabId: 3, requestId: '4', url: 'https://next.example/', statusCode: 200 })
    await settle()
    const next = committing((await loadTab(3))!, 'https://next.example/#top')!
    expect(next.url).toBe('https://next.example/#top')
    expect(next.requestId).toBe('4')
    expect(next.frames).toEqual({})
    expect(next.pending).toBeUndefined()
    // The page left is kept for Back.
    expect(next.back?.[0]?.url).toBe('http://login.example/')
    expect(committing(shown, 'https://elsewhere.example/')).toBeUndefined()
  })

  it('takes a response for the URL the tab shows at once (a reload), and one in a tab that shows no web page yet', () => {
    const doc = { url: 'http://login.example/', requestId: '9', incognito: true }
    expect(arriving(shown, doc, 'http://login.example/').requestId).toBe('9')
    expect(arriving(undefined, { ...doc, url: 'https://a.example/' }, 'about:blank').url).toBe('https://a.example/')
    expect(arriving(undefined, { ...doc, url: 'https://a.example/' }, undefined).url).toBe('https://a.example/')
  })

  it('keeps at most three pending navigations, the newest', () => {
    let state: TabState = shown
    for (let i = 0; i < 5; i++)
      state = arriving(state, { url: `https://x${i}.example/`, requestId: `p${i}`, incognito: true }, shown.url)
    expect(state.pending?.map((p) => p.requestId)).toEqual(['p2', 'p3', 'p4'])
    expect(state.url).toBe(shown.url)
  })
})

describe("the browser's own HSTS upgrade in a redirect chain (Chromium)", () => {
  const redirect = (details: object) =>
    fake.listeners
      .find((l) => l.event === 'redirect')!
      .fn({
        type: 'main_frame',
        statusCode: 307,
        responseHeaders: [{ name: 'Non-Authoritative-Reason', value: 'HSTS' }],
        ...details,
      })
  it('is evidence for the host upgraded, not for another host the chain goes on to', async () => {
    fake.tab.url = ''
    redirect({ tabId: 5, requestId: 'r1', url: 'http://known.example/', redirectUrl: 'https://known.example/' })
    headers({ tabId: 5, requestId: 'r1', url: 'https://other.example/', statusCode: 200 })
    await settle()
    expect((await loadTab(5))?.transport?.knownHsts).toBe(false)
  })
  it('is evidence for that host when the chain ends there', async () => {
    fake.tab.url = ''
    redirect({ tabId: 6, requestId: 'r2', url: 'http://known.example/', redirectUrl: 'https://known.example/' })
    headers({ tabId: 6, requestId: 'r2', url: 'https://known.example/login', statusCode: 200 })
    await settle()
    expect((await loadTab(6))?.transport?.knownHsts).toBe(true)
  })
})
