/** Issue #21: the network facts last seen per origin, for a page a service worker serves without a response seen. */
import { describe, expect, it, vi } from 'vitest'

const session = vi.hoisted(() => {
  const store: Record<string, unknown> = {}
  return {
    store,
    get: async (k: string) => ({ [k]: store[k] }),
    set: async (v: Record<string, unknown>) => void Object.assign(store, v),
    remove: async (k: string) => void delete store[k],
  }
})
vi.mock('../../../src/platform/index.ts', () => ({ browser: { storage: { session } } }))
import { forgetOrigins, lastSeen, MAX_ORIGINS, noteOrigin } from '../../../src/background/origin-facts.ts'

const transport = { hstsHeader: null, fromCache: false, knownHsts: false }

describe('the network facts last seen per origin', () => {
  it('gives a page of the origin what its last response said, in the same kind of window only', async () => {
    await noteOrigin('https://a.example', false, { transport }, 1)
    expect(await lastSeen('https://a.example', false)).toEqual({ transport })
    expect(await lastSeen('https://a.example', true)).toBeUndefined()
    expect(await lastSeen('https://b.example', false)).toBeUndefined()
  })
  it(`keeps the newest ${MAX_ORIGINS} origins, and nothing once forgotten`, async () => {
    for (let i = 0; i < MAX_ORIGINS + 5; i++) await noteOrigin(`https://o${i}.example`, false, { transport }, 10 + i)
    expect(Object.keys(session.store.originFacts as object)).toHaveLength(MAX_ORIGINS)
    expect(await lastSeen('https://o0.example', false)).toBeUndefined()
    expect(await lastSeen(`https://o${MAX_ORIGINS + 4}.example`, false)).toEqual({ transport })
    await forgetOrigins()
    expect(await lastSeen(`https://o${MAX_ORIGINS + 4}.example`, false)).toBeUndefined()
  })
})
