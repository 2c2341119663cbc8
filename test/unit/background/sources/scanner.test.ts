/**
 * The scanner behind the Source interface: its facts come from the stored scans, the probe setting decides what it
 * starts by itself, its status reaches the popup (and asks the companion once when nobody has yet), and "Forget
 * everything" empties it.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TabState } from '../../../../src/background/tab-state.ts'
import type * as SourceModule from '../../../../src/background/sources/scanner.ts'
import type { ScanFacts } from '../../../../src/core/index.ts'

const fake = await vi.hoisted(async () => {
  const browser = (await import('../../../support/browser.ts')).fakeBrowser()
  const native = {
    calls: [] as unknown[],
    answer: (_m: unknown): Promise<unknown> => Promise.resolve(undefined),
  }
  const runtime = {
    ...browser.runtime,
    id: 'abcdefghijklmnopabcdefghijklmnop',
    sendNativeMessage: (_name: string, message: unknown) => {
      native.calls.push(message)
      return native.answer(message)
    },
  }
  return { browser: { ...browser, runtime }, native }
})
vi.mock('../../../../src/platform/index.ts', () => ({ browser: fake.browser }))

/** A server that still speaks TLS 1.0. */
const weakFacts = (host = 'console.example.com', port = 443): ScanFacts => ({
  observedAt: '2026-11-23T10:00:00.000Z',
  host,
  port,
  protocols: { ssl3: false, tls1: true, tls1_1: true, tls1_2: true, tls1_3: true },
  negotiated: { protocol: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', keyExchange: 'ECDHE', group: 'X25519' },
  weakSuites: { export: false, rc4: false, tripleDes: false, null: false, anon: false },
  acceptedWeakSuites: [],
  staticRsa: false,
  forwardSecrecyPreferred: true,
  dhBits: null,
  dhe: false,
  fallbackScsv: true,
  certificate: null,
  trust: { trusted: true, nameMatches: true, error: null },
  hsts: { header: null },
  httpRedirect: 'redirects-to-https',
  connections: 12,
  durationMs: 200,
  unknown: [],
})

const HELLO = { type: 'hello', version: '0.2.0', protocol: 2, node: 'v20.20.2' }
const URL_ = 'https://console.example.com/login'
const state = (passwordFields: number, url = URL_): TabState => ({
  url,
  incognito: false,
  connection: { address: '203.0.113.7' },
  frames: { '0': { url, top: true, passwordFields, forms: [] } },
})
const hooks = () => ({
  refreshHost: vi.fn((_host: string) => {}),
  tellUi: vi.fn((_tabId: number) => {}),
  openUrls: vi.fn(async () => [URL_]),
})
const settle = () => new Promise((r) => setTimeout(r, 20))
const scanRequests = () => fake.native.calls.filter((m) => (m as { type: string }).type === 'scan')

let source: typeof SourceModule
beforeEach(async () => {
  vi.resetModules()
  fake.browser.reset()
  fake.native.calls.length = 0
  fake.native.answer = async (m) => {
    const message = m as { type: string; host: string; port: number }
    if (message.type === 'hello') return HELLO
    const facts = weakFacts(message.host, message.port)
    return { type: 'scan-result', host: facts.host, port: facts.port, facts }
  }
  source = await import('../../../../src/background/sources/scanner.ts')
})

describe('scannerSource', () => {
  it('gives the facts of the last scan of the page server, and nothing for an http page', async () => {
    const now = Date.now()
    fake.browser.storage.local.data.scanCache = { 'console.example.com:443': { at: now - 60_000, facts: weakFacts() } }
    expect(await source.scannerSource.facts(state(1), now)).toEqual({ scan: weakFacts() })
    expect(await source.scannerSource.facts(state(1, 'http://console.example.com/'), now)).toEqual({})
  })

  it('scans a page with a password field by itself (the default setting), and not one without', async () => {
    const h = hooks()
    await source.scannerSource.trigger!(state(0), h)
    await settle()
    expect(scanRequests()).toEqual([])
    await source.scannerSource.trigger!(state(1), h)
    await settle()
    expect(scanRequests()).toEqual([{ type: 'scan', host: 'console.example.com', port: 443, address: '203.0.113.7' }])
    expect(h.refreshHost).toHaveBeenCalledWith('console.example.com')
    expect(await source.scannerSource.facts(state(1), Date.now())).toEqual({ scan: weakFacts() })
  })

  it("fills the popup's scanner part, and asks the companion once when nobody has yet", async () => {
    const h = hooks()
    const s = state(1)
    const status = await source.scannerSource.status!(
      { tabId: 7, state: s, host: 'console.example.com', facts: { page: { url: URL_ } } },
      Date.now(),
      h,
    )
    expect(status.scanner).toMatchObject({ state: 'none', mode: 'login', companion: { state: 'unknown' } })
    await settle()
    expect(fake.native.calls).toEqual([{ type: 'hello' }])
    expect(h.tellUi).toHaveBeenCalledWith(7)
  })

  it('forgets every scan', async () => {
    await source.scannerSource.trigger!(state(1), hooks())
    await settle()
    expect(fake.browser.storage.local.data.scanCache).toBeDefined()
    await source.scannerSource.forget!()
    expect(fake.browser.storage.local.data.scanCache).toBeUndefined()
    expect(await source.scannerSource.facts(state(1), Date.now())).toEqual({})
  })
})
