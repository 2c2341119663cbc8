import { describe, expect, it, vi } from 'vitest'

/** A fake Firefox: records each webRequest listener, and what the background did before the blocking one returned. */
const fake = vi.hoisted(() => {
  const calls: string[] = []
  const listeners: { fn: (d: unknown) => unknown; filter: { urls: string[] }; extra?: string[] }[] = []
  const event = () => ({
    addListener: (fn: (d: unknown) => unknown, filter: { urls: string[] }, extra?: string[]) =>
      listeners.push({ fn, filter, extra }),
  })
  const browser = {
    webRequest: {
      onBeforeRedirect: event(),
      onHeadersReceived: event(),
      onResponseStarted: event(),
      onErrorOccurred: event(),
      getSecurityInfo: async () => (
        calls.push('getSecurityInfo'),
        { state: 'secure', protocolVersion: 'TLSv1.3', certificates: [] }
      ),
    },
    tabs: { get: async () => (calls.push('tabs.get'), { incognito: false }) },
    storage: {
      session: {
        get: async () => (calls.push('session.get'), {}),
        set: async () => void calls.push('session.set'),
        remove: async () => {},
      },
      local: { get: async () => (calls.push('local.get'), {}), set: async () => void calls.push('local.set') },
    },
  }
  return { calls, listeners, browser }
})
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake.browser }))
vi.mock('../../../src/background/security-info.ts', () => ({
  factsFromSecurityInfo: () => (fake.calls.push('parse'), {}),
}))
import { registerWebRequest } from '../../../src/background/web-request.ts'

describe('Firefox blocking onHeadersReceived listener', () => {
  it('asks for the security info and answers at once, without waiting for it; everything else happens after', async () => {
    const changed: number[] = []
    registerWebRequest((tabId) => changed.push(tabId))
    const blocking = fake.listeners.filter((l) => l.extra?.includes('blocking'))
    expect(blocking).toHaveLength(1)
    // Plain-http documents are never held: the blocking listener is for https alone.
    expect(blocking[0]!.filter.urls).toEqual(['https://*/*'])
    const details = {
      tabId: 7,
      requestId: '1',
      url: 'https://example.com/',
      statusCode: 200,
      responseHeaders: [],
      type: 'main_frame',
    }
    // Not a promise: the response is held for one message to the background and back, no more.
    const answer = blocking[0]!.fn(details)
    expect(answer).toBeUndefined()
    const atReturn = [...fake.calls]
    // Asked before answering: the request reaches the parent while the response is still held.
    expect(atReturn).toContain('getSecurityInfo')
    for (const later of ['parse', 'tabs.get', 'local.get']) expect(atReturn).not.toContain(later)
    await new Promise((r) => setTimeout(r, 20))
    expect(fake.calls).toEqual(expect.arrayContaining(['parse', 'tabs.get', 'local.get']))
    expect(changed).toEqual([7])
  })

  it("takes the window's kind from Firefox's details, without asking the tab again", async () => {
    const blocking = fake.listeners.filter((l) => l.extra?.includes('blocking'))
    fake.calls.length = 0
    blocking[0]!.fn({
      tabId: 8,
      requestId: '3',
      url: 'https://example.org/',
      statusCode: 200,
      responseHeaders: [],
      type: 'main_frame',
      incognito: false,
    })
    await new Promise((r) => setTimeout(r, 20))
    // Once, for the URL the tab shows (the claim); not a second time for the window's kind.
    expect(fake.calls.filter((c) => c === 'tabs.get')).toHaveLength(1)
    expect(fake.calls).toContain('parse')
  })
})

describe('a document whose content script spoke before onHeadersReceived arrived', () => {
  it('keeps what the page reported', async () => {
    const { updateTab, loadTab } = await import('../../../src/background/tab-state.ts')
    await updateTab(9, () => ({
      url: 'http://late.example/',
      incognito: false,
      frames: { '0': { url: 'http://late.example/', top: true, passwordFields: 1, forms: [] } as never },
    }))
    const observer = fake.listeners.filter(
      (l) =>
        !l.extra?.includes('blocking') && l.filter.urls.includes('http://*/*') && l.extra?.includes('responseHeaders'),
    )
    observer.at(-1)!.fn({
      tabId: 9,
      requestId: '2',
      url: 'http://late.example/',
      statusCode: 200,
      responseHeaders: [],
      type: 'main_frame',
    })
    await new Promise((r) => setTimeout(r, 20))
    const state = await loadTab(9)
    expect(state?.requestId).toBe('2')
    expect(Object.keys(state?.frames ?? {})).toEqual(['0'])
  })
})
