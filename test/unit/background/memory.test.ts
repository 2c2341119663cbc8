import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))
import { MAX_AGE_MS, MAX_HOSTS, MEMORY_KEY, pruned, type HostMemory } from '../../../src/background/memory.ts'
import type { Report } from '../../../src/core/index.ts'

const entry = (at: number): HostMemory => ({ grade: 'A', findings: [], strictness: 'standard', at })
const report = (grade: Report['grade']) => ({ grade, findings: [], strictness: 'standard' }) as unknown as Report

async function freshModule() {
  vi.resetModules()
  return import('../../../src/background/memory.ts')
}

beforeEach(() => fake.reset())

describe('pruned', () => {
  it('keeps the newest hosts up to the bound', () => {
    const store = Object.fromEntries(
      Array.from({ length: MAX_HOSTS + 20 }, (_, i) => [`h${i}.example`, entry(1_000_000 + i)]),
    )
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

describe('the per-host memory in storage.local', () => {
  it('recalls what was stored, drops entries of the wrong shape, and forgets the expired', async () => {
    const now = Date.now()
    fake.storage.local.data[MEMORY_KEY] = {
      'good.example': entry(now - 1000),
      'old.example': entry(now - MAX_AGE_MS - 1),
      'bad.example': { ...entry(now), grade: 'Z' },
      'paged.example': { ...entry(now), page: '../../etc' },
    }
    const memory = await freshModule()
    expect(await memory.recall('good.example', now)).toEqual(entry(now - 1000))
    for (const host of ['old.example', 'bad.example', 'paged.example', 'constructor'])
      expect(await memory.recall(host, now), host).toBeUndefined()
  })

  it('writes a report only when it changed, or once an hour to refresh its date', async () => {
    const memory = await freshModule()
    await memory.remember('a.example', report('B'), 1_000)
    await memory.remember('a.example', report('B'), 2_000)
    expect(fake.storage.local.writes).toHaveLength(1)
    await memory.remember('a.example', report('C'), 3_000)
    await memory.remember('a.example', report('C'), 3_000 + 3_600_000)
    expect(fake.storage.local.writes).toHaveLength(3)
    expect((await memory.allRemembered(3_000 + 3_600_000)).map((h) => [h.host, h.grade])).toEqual([['a.example', 'C']])
  })

  it('forgets everything, a write under way included', async () => {
    const memory = await freshModule()
    const writing = memory.remember('a.example', report('B'), 1_000)
    await memory.forgetMemory()
    await writing
    expect(await memory.allRemembered(1_000)).toEqual([])
    expect(Object.hasOwn(fake.storage.local.data, MEMORY_KEY)).toBe(false)
  })
})

describe("a host's pages (the report page's grade)", () => {
  const graded = (grade: Report['grade'], findings: Report['findings'] = [], strictness = 'standard') =>
    ({ grade, findings, strictness }) as unknown as Report

  it('keeps the last report of each page, so the worst does not depend on which page was graded last', async () => {
    const memory = await freshModule()
    const login = graded('F', [{ id: 'http-login-form', severity: 'critical', cap: 'F' }])
    await memory.remember('a.example', login, 1_000, '0000000a')
    await memory.remember('a.example', graded('A+'), 2_000, '0000000b')
    const [entry] = await memory.allRemembered(2_000)
    expect(entry).toMatchObject({ host: 'a.example', grade: 'A+', page: '0000000b' })
    expect(entry!.pages).toEqual({
      '0000000a': { grade: 'F', findings: ['http-login-form'], at: 1_000 },
      '0000000b': { grade: 'A+', findings: [], at: 2_000 },
    })
    // A tab gets the last report only.
    expect(await memory.recall('a.example', 2_000)).toEqual({
      grade: 'A+',
      findings: [],
      strictness: 'standard',
      at: 2_000,
      page: '0000000b',
    })
  })

  it('keeps an online grade letter, a variant and a source beside the ids', async () => {
    const memory = await freshModule()
    const report = graded('B', [
      { id: 'ssllabs-grade', severity: 'high', cap: 'B', source: 'ssllabs', detail: { grade: 'B' } },
      { id: 'tls-weak-cipher', severity: 'critical', cap: 'F', variant: 'broken', source: 'scanner' },
      { id: 'hsts-missing', severity: 'medium', cap: 'B', source: 'browser' },
    ])
    await memory.remember('a.example', report, 1_000, '0000000a')
    const [entry] = await memory.allRemembered(1_000)
    expect(entry!.notes).toEqual({
      'ssllabs-grade': { grade: 'B', source: 'ssllabs' },
      'tls-weak-cipher': { variant: 'broken', source: 'scanner' },
    })
  })

  it('starts over when the strictness changes, keeps at most MAX_PAGES, and tells ports apart', async () => {
    const memory = await freshModule()
    for (let i = 0; i < memory.MAX_PAGES + 3; i++)
      await memory.remember('a.example', graded('B'), 1_000 + i, i.toString(16).padStart(8, '0'))
    let [entry] = await memory.allRemembered(2_000)
    expect(Object.keys(entry!.pages!)).toHaveLength(memory.MAX_PAGES)
    expect(entry!.pages!['00000000']).toBeUndefined()
    await memory.remember('a.example', graded('A', [], 'strict'), 3_000, '0000000f')
    ;[entry] = await memory.allRemembered(3_000)
    expect(Object.keys(entry!.pages!)).toEqual(['0000000f'])
    await memory.remember('a.example:8443', graded('F'), 4_000, '0000000f')
    const hosts = await memory.allRemembered(4_000)
    expect(hosts.map((h) => [h.host, h.grade]).sort()).toEqual([
      ['a.example', 'A'],
      ['a.example:8443', 'F'],
    ])
  })
})
