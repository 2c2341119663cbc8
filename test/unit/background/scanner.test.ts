/**
 * The background's scanner source: when it asks the companion, what it keeps where (private windows in memory
 * only), and what it does without the companion. The browser is a small fake with in-memory storage areas and a
 * sendNativeMessage the test controls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScanFacts, TlsFacts } from '../../../src/core/index.ts'
import type * as Scanner from '../../../src/background/scanner.ts'

const areas = { local: new Map<string, unknown>(), session: new Map<string, unknown>() }
const area = (m: Map<string, unknown>) => ({
  get: async (key: string | string[]) =>
    Object.fromEntries(
      [key]
        .flat()
        .filter((k) => m.has(k))
        .map((k) => [k, structuredClone(m.get(k))]),
    ),
  set: async (values: Record<string, unknown>) =>
    Object.entries(values).forEach(([k, v]) => m.set(k, structuredClone(v))),
  remove: async (key: string | string[]) => [key].flat().forEach((k) => m.delete(k)),
})
const native = {
  calls: [] as { name: string; message: unknown }[],
  answer: (_m: unknown): Promise<unknown> => Promise.resolve(undefined),
}
vi.mock('../../../src/platform/index.ts', () => ({
  browser: {
    storage: { local: area(areas.local), session: area(areas.session) },
    runtime: {
      id: 'abcdefghijklmnopabcdefghijklmnop',
      sendNativeMessage: (name: string, message: unknown) => {
        native.calls.push({ name, message })
        return native.answer(message)
      },
    },
  },
}))

// A fresh module per test: the cap and the scans running or waiting live in memory.
let scanner: typeof Scanner

export function weakFacts(host = 'console.example.com', port = 443): ScanFacts {
  return {
    observedAt: '2026-11-23T10:00:00.000Z',
    host,
    port,
    protocols: { ssl3: true, tls1: true, tls1_1: true, tls1_2: true, tls1_3: false },
    negotiated: {
      protocol: 'TLSv1.2',
      cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
      keyExchange: 'ECDHE',
      group: 'X25519',
    },
    weakSuites: { export: true, rc4: true, tripleDes: false, null: false, anon: null },
    acceptedWeakSuites: ['TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'TLS_RSA_WITH_RC4_128_SHA'],
    staticRsa: true,
    forwardSecrecyPreferred: true,
    dhBits: 1024,
    dhe: true,
    fallbackScsv: false,
    certificate: null,
    trust: { trusted: true, nameMatches: true, error: null },
    hsts: { header: null },
    httpRedirect: 'redirects-to-https',
    connections: 17,
    durationMs: 240,
    unknown: [{ check: 'anon', reason: 'connection reset' }],
  }
}

const reply = (facts: ScanFacts) => ({ type: 'scan-result', host: facts.host, port: facts.port, facts })
const HELLO = { type: 'hello', version: '0.2.0', protocol: 2, node: 'v20.20.2' }
const URL_ = 'https://console.example.com/login'
const ADDRESS = '203.0.113.7'
/** A page as the background keeps it: its URL, its window, and where the browser connected for it. */
const page = (
  url = URL_,
  incognito = false,
  connection: { address?: string; proxied?: boolean } | null = { address: ADDRESS },
) => ({
  url,
  incognito,
  ...(connection ? { connection } : {}),
})
const ON = { enabled: true, mode: 'login' } as const
/** The scan requests the companion received (its `hello`s left out). */
const scans = () => native.calls.map((c) => c.message as { type: string }).filter((m) => m.type === 'scan')
const answerScans = (m: unknown) => reply(weakFacts((m as { host: string }).host, (m as { port: number }).port))

beforeEach(async () => {
  vi.resetModules()
  scanner = await import('../../../src/background/scanner.ts')
  areas.local.clear()
  areas.session.clear()
  native.calls.length = 0
  native.answer = async (m) => ((m as { type: string }).type === 'hello' ? HELLO : answerScans(m))
})

describe('scanTargetOf', () => {
  it('takes the host and port of https pages only', () => {
    expect(scanner.scanTargetOf('https://Console.Example.com:8443/x')).toEqual({
      host: 'console.example.com',
      port: 8443,
    })
    expect(scanner.scanTargetOf('https://[::1]/')).toEqual({ host: '::1', port: 443 })
    expect(scanner.scanTargetOf('http://console.example.com/')).toBeNull()
    expect(scanner.scanTargetOf('not a url')).toBeNull()
  })
})

describe('when to scan by itself', () => {
  it('follows the mode', () => {
    expect(scanner.scansAutomatically(ON, true)).toBe(true)
    expect(scanner.scansAutomatically(ON, false)).toBe(false)
    expect(scanner.scansAutomatically({ enabled: true, mode: 'always' }, false)).toBe(true)
    expect(scanner.scansAutomatically({ enabled: true, mode: 'on-demand' }, true)).toBe(false)
    expect(scanner.scansAutomatically({ enabled: false, mode: 'always' }, true)).toBe(false)
  })
  it('scans a host and port once a day; a failure is retried after an hour', () => {
    const now = 10 * 86_400_000
    expect(scanner.isDue(undefined, now)).toBe(true)
    expect(scanner.isDue({ at: now - 3_600_000, facts: weakFacts() }, now)).toBe(false)
    expect(scanner.isDue({ at: now - 86_400_000, facts: weakFacts() }, now)).toBe(true)
    expect(scanner.isDue({ at: now - 3_600_000, error: 'refused' }, now)).toBe(true)
    expect(scanner.isDue({ at: now - 60_000, error: 'refused' }, now)).toBe(false)
  })
})

describe('alsoAccepted', () => {
  const tls = (protocol: string, cipherSuite = 'TLS_AES_128_GCM_SHA256'): TlsFacts => ({
    protocol,
    cipherSuite,
    keaGroup: 'x25519',
    weak: false,
    source: 'browser',
  })
  it('lists what the server accepts beyond what Firefox negotiated, worst first', () => {
    expect(scanner.alsoAccepted(weakFacts(), tls('TLSv1.3'))).toEqual([
      'ssl3',
      'export',
      'rc4',
      'tls1',
      'tls1_1',
      'staticRsa',
      'weakDh',
    ])
  })
  it('leaves out what was negotiated', () => {
    expect(scanner.alsoAccepted(weakFacts(), tls('TLSv1', 'TLS_RSA_WITH_AES_128_CBC_SHA'))).not.toContain('tls1')
    expect(scanner.alsoAccepted(weakFacts(), tls('TLSv1', 'TLS_RSA_WITH_AES_128_CBC_SHA'))).not.toContain('staticRsa')
  })
  it('says nothing for unknowns, and nothing for a clean server', () => {
    const clean: ScanFacts = {
      ...weakFacts(),
      protocols: { ssl3: false, tls1: null, tls1_1: false, tls1_2: true, tls1_3: true },
      weakSuites: { export: false, rc4: null, tripleDes: false, null: false, anon: false },
      staticRsa: null,
      dhBits: null,
    }
    expect(scanner.alsoAccepted(clean, undefined)).toEqual([])
  })
})

describe('scan', () => {
  it("asks hello first, then the page's host and port at the address the browser used; keeps the facts; refreshes the host", async () => {
    const updates: string[] = []
    await scanner.scan(page('https://console.example.com:8443/login'), (h) => updates.push(h))
    expect(native.calls.map((c) => c.message)).toEqual([
      { type: 'hello' },
      { type: 'scan', host: 'console.example.com', port: 8443, address: ADDRESS },
    ])
    expect(native.calls.every((c) => c.name === 'dev.vigie.scanner')).toBe(true)
    expect(updates).toEqual(['console.example.com', 'console.example.com'])
    expect(Object.keys(areas.local.get('scanCache') as object)).toEqual(['console.example.com:8443'])
    expect((await scanner.scanFactsFor('https://console.example.com:8443/', false, Date.now()))?.dhBits).toBe(1024)
    // The same page again: no second scan the same day; a working companion is not asked hello again at once.
    await scanner.scan(page('https://console.example.com:8443/other'), () => {})
    await scanner.scan(page('https://other.example.com/'), () => {})
    expect(native.calls.map((c) => (c.message as { type: string }).type)).toEqual(['hello', 'scan', 'scan'])
  })
  it('never scans by itself a page whose address the browser did not give, and says why', async () => {
    await scanner.scan(page(URL_, false, null), () => {})
    await scanner.scan(page(URL_, false, { address: 'console.example.com' }), () => {})
    await scanner.scan(page(URL_, false, null), () => {}, { force: true })
    expect(native.calls).toEqual([])
    expect(await scanner.scannerStatus(page(URL_, false, null), ON, undefined, Date.now())).toMatchObject({
      state: 'none',
      route: 'no-address',
    })
  })
  it('never scans by itself a page reached through a proxy; on request, it scans without an address', async () => {
    const proxied = page(URL_, false, { address: '10.0.0.3', proxied: true })
    await scanner.scan(proxied, () => {})
    expect(native.calls).toEqual([])
    expect(await scanner.scannerStatus(proxied, ON, undefined, Date.now())).toMatchObject({
      state: 'none',
      route: 'proxied',
    })
    await scanner.scan(proxied, () => {}, { force: true })
    expect(scans()).toEqual([{ type: 'scan', host: 'console.example.com', port: 443, resolve: true }])
  })
  it('runs one scan per host and port: a second request joins it', async () => {
    let release: () => void = () => {}
    native.answer = (m) =>
      (m as { type: string }).type === 'hello'
        ? Promise.resolve(HELLO)
        : new Promise((resolve) => (release = () => resolve(answerScans(m))))
    const first = scanner.scan(page(), () => {}, { force: true })
    const second = scanner.scan(page(), () => {}, { force: true })
    await new Promise((r) => setTimeout(r, 10))
    expect((await scanner.scannerStatus(page(), ON, undefined, Date.now()))?.state).toBe('running')
    release()
    await Promise.all([first, second])
    expect(scans()).toHaveLength(1)
  })
  it('caps automatic scans across all pages: one at a time, the others wait (and say so), six a minute', async () => {
    const releases: (() => void)[] = []
    native.answer = (m) =>
      (m as { type: string }).type === 'hello'
        ? Promise.resolve(HELLO)
        : new Promise((resolve) => releases.push(() => resolve(answerScans(m))))
    const pages = Array.from({ length: 9 }, (_, i) => page(`https://h${i}.example.com/`))
    for (const p of pages) void scanner.scan(p, () => {})
    await new Promise((r) => setTimeout(r, 20))
    expect(scans()).toHaveLength(1)
    expect(await scanner.scannerStatus(pages[3]!, ON, undefined, Date.now())).toMatchObject({ state: 'waiting' })
    for (let i = 0; i < 8; i++) {
      releases[i]?.()
      await new Promise((r) => setTimeout(r, 20))
    }
    // Six started in this minute; the rest wait for it to pass.
    expect(scans()).toHaveLength(6)
    expect(await scanner.scannerStatus(pages[8]!, ON, undefined, Date.now())).toMatchObject({ state: 'waiting' })
    // A scan the user asks for is not held by the cap.
    void scanner.scan(page('https://asked.example.com/'), () => {}, { force: true })
    await new Promise((r) => setTimeout(r, 20))
    expect(scans()).toHaveLength(7)
    releases.forEach((r) => r())
  })
  it('drops a waiting scan whose page no tab shows any more', async () => {
    let release: () => void = () => {}
    native.answer = (m) =>
      (m as { type: string }).type === 'hello'
        ? Promise.resolve(HELLO)
        : new Promise((resolve) => (release = () => resolve(answerScans(m))))
    void scanner.scan(page('https://a.example.com/'), () => {})
    await new Promise((r) => setTimeout(r, 10))
    void scanner.scan(page('https://b.example.com/'), () => {}, { wanted: async () => false })
    release()
    await new Promise((r) => setTimeout(r, 20))
    expect(scans().map((m) => (m as unknown as { host: string }).host)).toEqual(['a.example.com'])
  })
  it("keeps a private window's scan in storage.session only, never in storage.local", async () => {
    await scanner.scan(page(URL_, true), () => {})
    expect(areas.local.has('scanCache')).toBe(false)
    expect(Object.keys(areas.session.get('scanCache') as object)).toEqual(['console.example.com:443'])
    expect(await scanner.scanFactsFor(URL_, true, Date.now())).toBeDefined()
    expect(await scanner.scanFactsFor(URL_, false, Date.now())).toBeUndefined()
  })
  it('"Forget everything" wins over a scan in flight: its result is not written back', async () => {
    const releases: (() => void)[] = []
    const release = () => releases.forEach((r) => r())
    native.answer = (m) =>
      (m as { type: string }).type === 'hello'
        ? Promise.resolve(HELLO)
        : new Promise((resolve) => releases.push(() => resolve(answerScans(m))))
    const running = scanner.scan(page(URL_, false), () => {})
    const privately = scanner.scan(page('https://private.example.com/', true), () => {}, { force: true })
    await new Promise((r) => setTimeout(r, 10))
    await scanner.forgetScans()
    release()
    await Promise.all([running, privately])
    expect(areas.local.get('scanCache')).toBeUndefined()
    expect(areas.session.get('scanCache')).toBeUndefined()
    expect(await scanner.scanFactsFor(URL_, false, Date.now())).toBeUndefined()
  })
  it('without the companion: no scan request, says so, and does not try again by itself', async () => {
    native.answer = () => Promise.reject(new Error('Specified native messaging host not found.'))
    await scanner.scan(page(), () => {})
    expect(await scanner.scannerStatus(page(), ON, undefined, Date.now())).toMatchObject({
      state: 'none',
      companion: { state: 'missing' },
      hintHidden: false,
    })
    await scanner.scan(page('https://other.example.com/'), () => {})
    expect(native.calls.map((c) => c.message)).toEqual([{ type: 'hello' }])
    // Rescan asks hello again; hiding the note is remembered.
    await scanner.scan(page(), () => {}, { force: true })
    expect(native.calls).toHaveLength(2)
    await scanner.hideInstallHint()
    expect(await scanner.scannerStatus(page(), ON, undefined, Date.now())).toMatchObject({
      companion: { state: 'missing' },
      hintHidden: true,
    })
  })
  it('a companion that does not allow this extension, or is too old, gets no scan request', async () => {
    native.answer = () => Promise.reject(new Error('Access to the specified native messaging host is forbidden.'))
    await scanner.scan(page(), () => {}, { force: true })
    expect(await scanner.scannerStatus(page(), ON, undefined, Date.now())).toMatchObject({
      companion: { state: 'forbidden', extensionId: 'abcdefghijklmnopabcdefghijklmnop' },
    })
    native.answer = async (m) =>
      (m as { type: string }).type === 'hello' ? { ...HELLO, version: '0.1.0', protocol: 1 } : answerScans(m)
    expect(await scanner.checkCompanion()).toEqual({ state: 'outdated', version: '0.1.0', protocol: 1 })
    await scanner.scan(page(), () => {}, { force: true })
    expect(scans()).toEqual([])
    native.answer = async (m) => ((m as { type: string }).type === 'hello' ? HELLO : answerScans(m))
    expect(await scanner.checkCompanion()).toEqual({ state: 'working', version: '0.2.0', protocol: 2 })
    await scanner.scan(page(), () => {}, { force: true })
    expect(scans()).toHaveLength(1)
  })
  it('turns a failed scan into an error with its reason, and never lets it replace good facts', async () => {
    await scanner.scan(page(), () => {})
    native.answer = async (m) =>
      (m as { type: string }).type === 'hello'
        ? HELLO
        : { type: 'error', error: 'scan-failed', message: 'connect ECONNREFUSED 127.0.0.1:443' }
    await scanner.scan(page(), () => {}, { force: true })
    expect((await scanner.scannerStatus(page(), ON, undefined, Date.now()))?.state).toBe('ready')
    await scanner.scan(page('https://down.example.com/'), () => {}, { force: true })
    expect(await scanner.scannerStatus(page('https://down.example.com/'), ON, undefined, Date.now())).toMatchObject({
      state: 'error',
      message: 'connect ECONNREFUSED 127.0.0.1:443',
    })
  })
  it('refuses replies that are not what the companion sends', async () => {
    for (const bad of [
      null,
      'text',
      { type: 'scan-result', host: 'x', port: 443, facts: { observedAt: 1 } },
      { type: 'scan-result', host: 'x', port: 443, facts: { ...weakFacts(), protocols: 'all' } },
    ]) {
      native.answer = async (m) => ((m as { type: string }).type === 'hello' ? HELLO : bad)
      await scanner.scan(page(), () => {}, { force: true })
      expect((await scanner.scannerStatus(page(), ON, undefined, Date.now()))?.state).toBe('error')
    }
    expect(await scanner.scanFactsFor(URL_, false, Date.now())).toBeUndefined()
  })
  it('shows nothing when the scanner is off or the page is not https', async () => {
    expect(
      await scanner.scannerStatus(page(), { enabled: false, mode: 'login' }, undefined, Date.now()),
    ).toBeUndefined()
    expect(await scanner.scannerStatus(page('http://console.example.com/'), ON, undefined, Date.now())).toBeUndefined()
    expect(await scanner.scannerStatus(page(), ON, undefined, Date.now())).toMatchObject({
      state: 'none',
      route: 'ok',
      companion: { state: 'unknown' },
    })
  })
})
