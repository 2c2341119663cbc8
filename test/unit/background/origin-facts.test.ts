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
import { forgetOrigins, lastSeen, MAX_ORIGINS, noteOrigin, UNCHANGED_MS } from '../../../src/background/origin-facts.ts'

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
  it('writes nothing for a response that says what the last one said, until UNCHANGED_MS later', async () => {
    const writes = vi.spyOn(session, 'set')
    const tls = (observedAt: string) => ({ protocol: 'TLSv1.3', observedAt }) as never
    try {
      await noteOrigin('https://same.example', false, { transport, tls: tls('t1') }, 1_000)
      expect(writes).toHaveBeenCalledTimes(1)
      // The same facts, observed later: nothing to write.
      await noteOrigin('https://same.example', false, { transport, tls: tls('t2') }, 2_000)
      expect(writes).toHaveBeenCalledTimes(1)
      // Another header: written at once.
      const changed = { ...transport, hstsHeader: 'max-age=31536000' }
      await noteOrigin('https://same.example', false, { transport: changed, tls: tls('t3') }, 3_000)
      expect(writes).toHaveBeenCalledTimes(2)
      expect(await lastSeen('https://same.example', false)).toEqual({ transport: changed, tls: tls('t3') })
      // The same again, but UNCHANGED_MS later: written, so the origin stays among the newest.
      await noteOrigin('https://same.example', false, { transport: changed, tls: tls('t4') }, 3_000 + UNCHANGED_MS)
      expect(writes).toHaveBeenCalledTimes(3)
    } finally {
      writes.mockRestore()
    }
  })
})
