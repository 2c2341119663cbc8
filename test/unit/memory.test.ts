import { describe, expect, it, vi } from 'vitest'

// pruned() is pure; the module's storage functions are exercised by the browser tests.
vi.mock('../../src/platform/index.ts', () => ({ browser: {} }))
import { MAX_AGE_MS, MAX_HOSTS, pruned, type HostMemory } from '../../src/background/memory.ts'

const entry = (at: number): HostMemory => ({ grade: 'A', findings: [], strictness: 'standard', at })

describe('pruned', () => {
  it('keeps the newest hosts up to the bound', () => {
    const store = Object.fromEntries(Array.from({ length: MAX_HOSTS + 20 }, (_, i) => [`h${i}.example`, entry(1_000_000 + i)]))
    const kept = pruned(store, 1_000_000 + MAX_HOSTS + 20)
    expect(Object.keys(kept)).toHaveLength(MAX_HOSTS)
    expect(kept['h0.example']).toBeUndefined()
    expect(kept[`h${MAX_HOSTS + 19}.example`]).toBeDefined()
  })
  it('drops entries older than the expiry', () => {
    const now = 10 * MAX_AGE_MS
    expect(Object.keys(pruned({ old: entry(now - MAX_AGE_MS - 1), fresh: entry(now - 1000) }, now))).toEqual(['fresh'])
  })
})
