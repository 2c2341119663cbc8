/**
 * Issue #21: "Forget everything" wins over anything in flight. A lookup, a read or a write of the per-host memory
 * that was under way when the user clicked writes nothing back afterwards, and a polled assessment is not asked
 * about again.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = vi.hoisted(() => {
  const store: Record<string, unknown> = {}
  /** While set, storage answers only when the test says so. */
  let hold: Promise<void> | null = null
  const local = {
    get: async (key: string) => {
      const answer = key in store ? { [key]: structuredClone(store[key]) } : {}
      if (hold) await hold
      return answer
    },
    set: async (values: Record<string, unknown>) => {
      if (hold) await hold
      Object.assign(store, structuredClone(values))
    },
    remove: async (keys: string | string[]) => {
      for (const k of [keys].flat()) delete store[k]
    },
  }
  const gate = () => {
    let open!: () => void
    hold = new Promise<void>((r) => (open = r))
    return () => {
      hold = null
      open()
    }
  }
  /** The service's answers, one per lookup, resolved by the test. */
  const answers: ((result: unknown) => void)[] = []
  const lookup = vi.fn(() => new Promise((r) => answers.push(r)))
  return { store, local, gate, answers, lookup }
})
vi.mock('../../../src/platform/index.ts', () => ({
  browser: { storage: { local: fake.local }, permissions: { contains: async () => true } },
}))
vi.mock('../../../src/online/sources.ts', () => ({
  ONLINE_SOURCES: {
    ssllabs: { lookup: fake.lookup },
    observatory: { lookup: fake.lookup },
    hstspreload: { lookup: fake.lookup },
  },
}))
import { forgetMemory, memoryGeneration, recall, remember } from '../../../src/background/memory.ts'
import { forgetOnline, lookup, onlineFor } from '../../../src/background/online.ts'
import type { Report } from '../../../src/core/index.ts'
import { DEFAULT_SETTINGS as DEFAULTS } from '../../../src/settings.ts'

const report = { grade: 'B', findings: [{ id: 'hsts-missing' }], strictness: 'standard' } as unknown as Report
const flush = () => new Promise((r) => setTimeout(r, 10))
const ready = {
  state: 'ready',
  facts: { preload: { status: 'preloaded', observedAt: '2026-12-02T00:00:00.000Z' } },
  expiresAt: Date.now() + 86_400_000,
}

beforeEach(async () => {
  await forgetMemory()
  await forgetOnline()
  fake.answers.length = 0
  fake.lookup.mockClear()
})

describe('the per-host memory', () => {
  it('does not keep a write that was under way when the user forgot', async () => {
    const release = fake.gate()
    const writing = remember('a.example', report, Date.now())
    const forgetting = forgetMemory()
    release()
    await Promise.all([writing, forgetting])
    expect(fake.store.hostMemory).toBeUndefined()
    expect(await recall('a.example', Date.now())).toBeUndefined()
  })

  it('does not remember a grade made before the user forgot and saved after', async () => {
    const since = memoryGeneration()
    await forgetMemory()
    await remember('b.example', report, Date.now(), undefined, since)
    expect(fake.store.hostMemory).toBeUndefined()
    // A grade made after it is remembered as usual.
    await remember('b.example', report, Date.now())
    expect(await recall('b.example', Date.now())).toMatchObject({ grade: 'B' })
  })
})

describe('the online lookups', () => {
  it('writes nothing back from a lookup that was under way when the user forgot', async () => {
    const asking = lookup('hstspreload', 'c.example', DEFAULTS, () => {}, { force: true })
    await flush()
    expect(fake.answers).toHaveLength(1)
    await forgetOnline()
    fake.answers[0]!(ready)
    await asking
    await flush()
    expect(fake.store.onlineCache).toBeUndefined()
    expect((await onlineFor('c.example', Date.now())).status).toEqual({})
  })

  it('keeps no backoff nor problem from an answer that came after the user forgot', async () => {
    const asking = lookup('ssllabs', 'd.example', DEFAULTS, () => {}, { force: true })
    await flush()
    await forgetOnline()
    fake.answers[0]!({ state: 'error', error: 'overloaded', retryAfterMs: 1_800_000 })
    await asking
    await flush()
    expect(fake.store).toEqual({})
  })

  it('does not poll again an assessment that was in progress when the user forgot', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    try {
      const asking = lookup('ssllabs', 'e.example', DEFAULTS, () => {}, { force: true })
      await vi.advanceTimersByTimeAsync(0)
      fake.answers[0]!({ state: 'pending', progress: 10 })
      await asking
      await forgetOnline()
      await vi.advanceTimersByTimeAsync(120_000)
      expect(fake.lookup).toHaveBeenCalledTimes(1)
    } finally {
      vi.useRealTimers()
    }
  })
})
