/**
 * The background's scanner source: when it asks the companion, what it keeps where (private windows in memory
 * only), and what it does without the companion. The browser is a small fake with in-memory storage areas and a
 * sendNativeMessage the test controls.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { ScanFacts, TlsFacts } from '../../src/core/index.ts'

const areas = { local: new Map<string, unknown>(), session: new Map<string, unknown>() }
const area = (m: Map<string, unknown>) => ({
  get: async (key: string | string[]) => Object.fromEntries([key].flat().filter((k) => m.has(k)).map((k) => [k, structuredClone(m.get(k))])),
  set: async (values: Record<string, unknown>) => Object.entries(values).forEach(([k, v]) => m.set(k, structuredClone(v))),
  remove: async (key: string | string[]) => [key].flat().forEach((k) => m.delete(k)),
})
const native = { calls: [] as { name: string; message: unknown }[], answer: (_m: unknown): Promise<unknown> => Promise.resolve(undefined) }
vi.mock('../../src/platform/index.ts', () => ({
  browser: {
    storage: { local: area(areas.local), session: area(areas.session) },
    runtime: {
      sendNativeMessage: (name: string, message: unknown) => {
        native.calls.push({ name, message })
        return native.answer(message)
      },
    },
  },
}))

const scanner = await import('../../src/background/scanner.ts')

export function weakFacts(host = 'console.example.com', port = 443): ScanFacts {
  return {
    observedAt: '2026-11-23T10:00:00.000Z',
    host,
    port,
    protocols: { ssl3: true, tls1: true, tls1_1: true, tls1_2: true, tls1_3: false },
    negotiated: { protocol: 'TLSv1.2', cipherSuite: 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', keyExchange: 'ECDHE', group: 'X25519' },
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
const URL_ = 'https://console.example.com/login'
const ON = { enabled: true, mode: 'login' } as const

beforeEach(async () => {
  await scanner.forgetScans()
  areas.local.clear()
  areas.session.clear()
  native.calls.length = 0
  native.answer = async (m) => reply(weakFacts((m as { host: string }).host, (m as { port: number }).port))
})

describe('scanTargetOf', () => {
  it('takes the host and port of https pages only', () => {
    expect(scanner.scanTargetOf('https://Console.Example.com:8443/x')).toEqual({ host: 'console.example.com', port: 8443 })
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
  it('recognises both browsers\' "no companion" errors', () => {
    expect(scanner.isMissingCompanion('Specified native messaging host not found.')).toBe(true)
    expect(scanner.isMissingCompanion('No such native application dev.vigie.scanner')).toBe(true)
    expect(scanner.isMissingCompanion('Native host has exited.')).toBe(false)
  })
})

describe('alsoAccepted', () => {
  const tls = (protocol: string, cipherSuite = 'TLS_AES_128_GCM_SHA256'): TlsFacts => ({ protocol, cipherSuite, keaGroup: 'x25519', weak: false, source: 'browser' })
  it('lists what the server accepts beyond what Firefox negotiated, worst first', () => {
    expect(scanner.alsoAccepted(weakFacts(), tls('TLSv1.3'))).toEqual(['ssl3', 'export', 'rc4', 'tls1', 'tls1_1', 'staticRsa', 'weakDh'])
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
  it('asks the companion for the page\'s host and port, keeps the facts in storage.local, and refreshes the host', async () => {
    const updates: string[] = []
    await scanner.scan('https://console.example.com:8443/login', false, (h) => updates.push(h))
    expect(native.calls).toEqual([{ name: 'dev.vigie.scanner', message: { type: 'scan', host: 'console.example.com', port: 8443 } }])
    expect(updates).toEqual(['console.example.com', 'console.example.com'])
    expect(Object.keys(areas.local.get('scanCache') as object)).toEqual(['console.example.com:8443'])
    expect((await scanner.scanFactsFor('https://console.example.com:8443/', false, Date.now()))?.dhBits).toBe(1024)
    // The same page again: no second scan the same day.
    await scanner.scan('https://console.example.com:8443/other', false, () => {})
    expect(native.calls).toHaveLength(1)
  })
  it('runs one scan per host and port: a second request joins it', async () => {
    let release: () => void = () => {}
    native.answer = (m) => new Promise((resolve) => (release = () => resolve(reply(weakFacts((m as { host: string }).host)))))
    const first = scanner.scan(URL_, false, () => {}, { force: true })
    const second = scanner.scan(URL_, false, () => {}, { force: true })
    await new Promise((r) => setTimeout(r, 10))
    expect((await scanner.scannerStatus(URL_, false, ON, undefined, Date.now()))?.state).toBe('running')
    release()
    await Promise.all([first, second])
    expect(native.calls).toHaveLength(1)
  })
  it('keeps a private window\'s scan in storage.session only, never in storage.local', async () => {
    await scanner.scan(URL_, true, () => {})
    expect(areas.local.has('scanCache')).toBe(false)
    expect(Object.keys(areas.session.get('scanCache') as object)).toEqual(['console.example.com:443'])
    expect(await scanner.scanFactsFor(URL_, true, Date.now())).toBeDefined()
    expect(await scanner.scanFactsFor(URL_, false, Date.now())).toBeUndefined()
  })
  it('without the companion: says so once, and does not try again by itself', async () => {
    native.answer = () => Promise.reject(new Error('Specified native messaging host not found.'))
    await scanner.scan(URL_, false, () => {})
    expect(await scanner.scannerStatus(URL_, false, ON, undefined, Date.now())).toMatchObject({ state: 'missing', hintHidden: false })
    await scanner.scan('https://other.example.com/', false, () => {})
    expect(native.calls).toHaveLength(1)
    // Rescan always asks; hiding the note is remembered.
    await scanner.scan(URL_, false, () => {}, { force: true })
    expect(native.calls).toHaveLength(2)
    await scanner.hideInstallHint()
    expect(await scanner.scannerStatus(URL_, false, ON, undefined, Date.now())).toMatchObject({ state: 'missing', hintHidden: true })
  })
  it('turns a failed scan into an error with its reason, and never lets it replace good facts', async () => {
    await scanner.scan(URL_, false, () => {})
    native.answer = async () => ({ type: 'error', error: 'scan-failed', message: 'connect ECONNREFUSED 127.0.0.1:443' })
    await scanner.scan(URL_, false, () => {}, { force: true })
    expect((await scanner.scannerStatus(URL_, false, ON, undefined, Date.now()))?.state).toBe('ready')
    await scanner.scan('https://down.example.com/', false, () => {}, { force: true })
    expect(await scanner.scannerStatus('https://down.example.com/', false, ON, undefined, Date.now())).toMatchObject({
      state: 'error',
      message: 'connect ECONNREFUSED 127.0.0.1:443',
    })
  })
  it('refuses replies that are not what the companion sends', async () => {
    for (const bad of [null, 'text', { type: 'scan-result', host: 'x', port: 443, facts: { observedAt: 1 } }, { type: 'scan-result', host: 'x', port: 443, facts: { ...weakFacts(), protocols: 'all' } }]) {
      native.answer = async () => bad
      await scanner.scan(URL_, false, () => {}, { force: true })
      expect((await scanner.scannerStatus(URL_, false, ON, undefined, Date.now()))?.state).toBe('error')
    }
    expect(await scanner.scanFactsFor(URL_, false, Date.now())).toBeUndefined()
  })
  it('shows nothing when the scanner is off or the page is not https', async () => {
    expect(await scanner.scannerStatus(URL_, false, { enabled: false, mode: 'login' }, undefined, Date.now())).toBeUndefined()
    expect(await scanner.scannerStatus('http://console.example.com/', false, ON, undefined, Date.now())).toBeUndefined()
    expect(await scanner.scannerStatus(URL_, false, ON, undefined, Date.now())).toMatchObject({ state: 'none' })
  })
})
