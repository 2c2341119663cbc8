/** The online cache: bounded in memory as in storage, and what storage gives back is validated before use. */
import { beforeEach, describe, expect, it, vi } from 'vitest'

// No service is reachable here (no permission, the fake's default): every lookup ends in a cached error.
const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))
import { DEFAULT_SETTINGS } from '../../../src/settings.ts'

async function freshModule() {
  vi.resetModules()
  return import('../../../src/background/online.ts')
}

beforeEach(() => fake.reset())

describe('the online cache', () => {
  it('keeps at most MAX_CACHE entries in memory, as in storage', async () => {
    const { cachedCount, CACHE_KEY, lookup, MAX_CACHE } = await freshModule()
    for (let i = 0; i < MAX_CACHE + 40; i++)
      await lookup('observatory', `h${i}.example.com`, DEFAULT_SETTINGS, () => {})
    expect(Object.keys(fake.storage.local.data[CACHE_KEY] as object)).toHaveLength(MAX_CACHE)
    expect(await cachedCount()).toBe(MAX_CACHE)
    // 340 lookups, each writing the whole cache, copied as the browser copies it: seconds on a busy machine.
  }, 30_000)

  it('uses a stored answer of the right shape, and drops one that is not (storage is input too)', async () => {
    const { CACHE_KEY, onlineFor } = await freshModule()
    const now = Date.now()
    const ready = (grade: unknown) => ({
      result: {
        state: 'ready',
        facts: { observatory: { grade, observedAt: '2026-06-01T00:00:00.000Z' } },
        expiresAt: now + 60_000,
      },
      fetchedAt: now,
      expiresAt: now + 60_000,
    })
    fake.storage.local.data[CACHE_KEY] = {
      'observatory|good.example.com': ready('B+'),
      'observatory|bad.example.com': ready({ toString: 'not a grade' }),
      'ssllabs|bad.example.com': {
        result: {
          state: 'ready',
          facts: { ssllabs: { grade: 'A', observedAt: 'x', certificate: { chain: 'nope' } } },
          expiresAt: now + 60_000,
        },
        fetchedAt: now,
        expiresAt: now + 60_000,
      },
    }
    expect((await onlineFor('good.example.com', now)).facts.observatory?.grade).toBe('B+')
    expect(await onlineFor('bad.example.com', now)).toEqual({ facts: {}, status: {} })
  })

  it('honours a stored backoff of the right shape, and ignores one that is not', async () => {
    const { BACKOFF_KEY, lookup, onlineFor } = await freshModule()
    const until = Date.now() + 60_000
    fake.storage.local.data[BACKOFF_KEY] = {
      observatory: { until, error: 'rate-limited' },
      ssllabs: { until, error: '<img src=x>' },
    }
    await lookup('observatory', 'a.example.com', DEFAULT_SETTINGS, () => {})
    await lookup('ssllabs', 'a.example.com', DEFAULT_SETTINGS, () => {})
    const { status } = await onlineFor('a.example.com', Date.now())
    expect(status.observatory).toMatchObject({ state: 'error', error: 'rate-limited' })
    // Not an error Vigie knows: no backoff, so the lookup ran (and met the missing permission).
    expect(status.ssllabs).toMatchObject({ state: 'error', error: 'no-permission' })
  })

  it('forgets the answers, the backoff and the problems together', async () => {
    const { BACKOFF_KEY, CACHE_KEY, cachedCount, forgetOnline, lookup } = await freshModule()
    await lookup('observatory', 'a.example.com', DEFAULT_SETTINGS, () => {})
    fake.storage.local.data[BACKOFF_KEY] = { observatory: { until: Date.now() + 60_000, error: 'rate-limited' } }
    await forgetOnline()
    expect(await cachedCount()).toBe(0)
    expect(Object.keys(fake.storage.local.data).filter((k) => k === CACHE_KEY || k === BACKOFF_KEY)).toEqual([])
  })
})
