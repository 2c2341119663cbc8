import { describe, expect, it, vi } from 'vitest'

const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))
const { asksAutomatically, boundCache, MAX_CACHE, mayAsk, originPattern } =
  await import('../../../src/background/online.ts')

describe('mayAsk', () => {
  it('asks about a public host in a normal window when the source is on', () => {
    expect(mayAsk({ incognito: false, host: 'console.example.com', enabled: true })).toBe(true)
  })
  it('never asks when the source is off (the default)', () => {
    expect(mayAsk({ incognito: false, host: 'console.example.com', enabled: false })).toBe(false)
  })
  it('never asks about a private window', () => {
    expect(mayAsk({ incognito: true, host: 'console.example.com', enabled: true })).toBe(false)
  })
  it('never asks about a local host', () => {
    expect(mayAsk({ incognito: false, host: 'localhost', enabled: true })).toBe(false)
    expect(mayAsk({ incognito: false, host: '10.0.0.1', enabled: true })).toBe(false)
  })
})

describe('asksAutomatically', () => {
  it('asks on every page in "always"', () => expect(asksAutomatically('always', false)).toBe(true))
  it('asks on login pages only in "login"', () => {
    expect(asksAutomatically('login', true)).toBe(true)
    expect(asksAutomatically('login', false)).toBe(false)
  })
  it('never asks by itself "on demand"', () => expect(asksAutomatically('on-demand', true)).toBe(false))
})

describe('boundCache', () => {
  it('keeps the newest entries', () => {
    const entries = Object.fromEntries(
      Array.from({ length: MAX_CACHE + 5 }, (_, i) => [
        `ssllabs|h${i}.example`,
        { result: { state: 'pending' as const, progress: 0 }, fetchedAt: i },
      ]),
    )
    const kept = boundCache(entries)
    expect(Object.keys(kept)).toHaveLength(MAX_CACHE)
    expect(kept['ssllabs|h0.example']).toBeUndefined()
  })
})

describe('originPattern', () => {
  it('asks for the service host only', () =>
    expect(originPattern('https://api.ssllabs.com/api/v4/')).toBe('https://api.ssllabs.com/*'))
})
