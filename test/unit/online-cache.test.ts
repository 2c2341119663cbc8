/** The online cache in memory is bounded as the stored copy is: a long-lived background never grows it. */
import { describe, expect, it, vi } from 'vitest'

const local = vi.hoisted(() => ({
  store: {} as Record<string, unknown>,
  async get(key: string) {
    return { [key]: local.store[key] }
  },
  async set(values: Record<string, unknown>) {
    Object.assign(local.store, values)
  },
  async remove(keys: string[]) {
    for (const k of keys) delete local.store[k]
  },
}))
// No service is reachable here (no permission): every lookup ends in a cached error, which is all this needs.
vi.mock('../../src/platform/index.ts', () => ({ browser: { storage: { local }, permissions: { contains: async () => false } } }))
import { cachedCount, CACHE_KEY, lookup, MAX_CACHE } from '../../src/background/online.ts'
import { DEFAULT_SETTINGS } from '../../src/settings.ts'

describe('the online cache', () => {
  it('keeps at most MAX_CACHE entries in memory, as in storage', async () => {
    for (let i = 0; i < MAX_CACHE + 40; i++) await lookup('observatory', `h${i}.example.com`, DEFAULT_SETTINGS, () => {})
    expect(Object.keys(local.store[CACHE_KEY] as object)).toHaveLength(MAX_CACHE)
    expect(await cachedCount()).toBe(MAX_CACHE)
  })
})
