/** The online sources against responses shaped like the real ones, served by a fake fetch. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hstspreload, observatory, ssllabs, waitFor, type LookupContext } from '../../../src/online/sources.ts'

const fixture = (name: string) =>
  readFileSync(resolve(import.meta.dirname, `../../fixtures/online/${name}.json`), 'utf8')
const NOW = Date.UTC(2026, 5, 1)

function fakeFetch(status: number, body: string, seen: { url?: string; init?: RequestInit } = {}): typeof fetch {
  return (async (url: string, init?: RequestInit) => {
    seen.url = url
    seen.init = init
    return new Response(status === 204 ? null : body, { status })
  }) as typeof fetch
}

const ctx = (f: typeof fetch, extra: Partial<LookupContext> = {}): LookupContext => ({
  fetch: f,
  baseUrl: 'https://api.example/v4/',
  now: NOW,
  email: 'security@example.com',
  random: () => 0,
  ...extra,
})

describe('ssllabs.lookup', () => {
  it('asks the cache with the registered email, and reads a finished assessment', async () => {
    const seen: { url?: string; init?: RequestInit } = {}
    const result = await ssllabs.lookup('console.example.com', ctx(fakeFetch(200, fixture('ssllabs-weak'), seen)))
    expect(seen.url).toBe('https://api.example/v4/analyze?host=console.example.com&fromCache=on&all=done&maxAge=24')
    expect((seen.init?.headers as Record<string, string>).email).toBe('security@example.com')
    expect(seen.init?.credentials).toBe('omit')
    expect(result).toMatchObject({ state: 'ready', facts: { ssllabs: { grade: 'F' } }, expiresAt: 1780386495000 })
  })
  it('reports progress while the assessment runs', async () => {
    expect(await ssllabs.lookup('console.example.com', ctx(fakeFetch(200, fixture('ssllabs-in-progress'))))).toEqual({
      state: 'pending',
      progress: 42,
    })
  })
  it('asks for an email before sending anything', async () => {
    const seen: { url?: string } = {}
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(200, '{}', seen), { email: '' }))).toEqual({
      state: 'error',
      error: 'no-email',
    })
    expect(seen.url).toBeUndefined()
  })
  it('turns 441 into "unregistered"', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(441, '')))).toEqual({
      state: 'error',
      error: 'unregistered',
    })
  })
  it('backs off 30 minutes or more on 529', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(529, '')))).toEqual({
      state: 'error',
      error: 'overloaded',
      retryAfterMs: 30 * 60_000,
    })
  })
  it('backs off 15 minutes or more on 503', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(503, '')))).toMatchObject({
      error: 'maintenance',
      retryAfterMs: 15 * 60_000,
    })
  })
  it('backs off on 429', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(429, '')))).toMatchObject({ error: 'rate-limited' })
  })
  it('randomises the waits', () => {
    expect(waitFor(529, () => 1)).toBe(45 * 60_000)
  })
  it('rejects malformed JSON', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(200, '{"status":')))).toEqual({
      state: 'error',
      error: 'invalid-response',
    })
  })
  it('rejects an unexpected shape', async () => {
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(200, '{"status":"DONE"}')))).toEqual({
      state: 'error',
      error: 'invalid-response',
    })
  })
  it('rejects an oversized answer without reading it all', async () => {
    const huge = JSON.stringify({ status: 'READY', filler: 'x'.repeat(3_000_000) })
    expect(await ssllabs.lookup('a.example', ctx(fakeFetch(200, huge)))).toMatchObject({
      state: 'error',
      error: 'invalid-response',
    })
  })
  it('says "unreachable" on a network error', async () => {
    const failing = (async () => {
      throw new TypeError('network')
    }) as unknown as typeof fetch
    expect(await ssllabs.lookup('a.example', ctx(failing))).toEqual({ state: 'error', error: 'unreachable' })
  })
  it('says "unreachable" when the service is too slow', async () => {
    const slow = ((_url: string, init: RequestInit) =>
      new Promise((_, reject) =>
        init.signal!.addEventListener('abort', () => reject(new DOMException('timeout', 'TimeoutError'))),
      )) as unknown as typeof fetch
    expect(await ssllabs.lookup('a.example', ctx(slow, { timeoutMs: 50 }))).toEqual({
      state: 'error',
      error: 'unreachable',
    })
  })
})

describe('observatory.lookup', () => {
  it('POSTs a scan and reads the grade', async () => {
    const seen: { url?: string; init?: RequestInit } = {}
    const result = await observatory.lookup('console.example.com', ctx(fakeFetch(200, fixture('observatory'), seen)))
    expect(seen.url).toBe('https://api.example/v4/scan?host=console.example.com')
    expect(seen.init?.method).toBe('POST')
    expect(result).toMatchObject({ state: 'ready', facts: { observatory: { grade: 'C+' } } })
  })
  it('reports a scan error', async () => {
    expect(
      await observatory.lookup('x.example', ctx(fakeFetch(200, '{"error":"invalid-hostname","grade":null}'))),
    ).toMatchObject({ error: 'assessment-failed' })
  })
})

describe('hstspreload.lookup', () => {
  it('reads the status', async () => {
    expect(
      await hstspreload.lookup('console.example.com', ctx(fakeFetch(200, fixture('hstspreload-unknown')))),
    ).toMatchObject({
      state: 'ready',
      facts: { preload: { status: 'unknown' } },
    })
  })
})
