/** The one stored cache of the background (src/background/stored-cache.ts) and its keyed queue. */
import * as v from 'valibot'
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))
import { setDebug } from '../../../src/background/debug.ts'
import { KeyedQueue } from '../../../src/background/keyed-queue.ts'
import { StoredCache, type Entries } from '../../../src/background/stored-cache.ts'

const Entry = v.object({ at: v.number(), label: v.pipe(v.string(), v.maxLength(10)) })
type Entry = v.InferOutput<typeof Entry>
/** The newest `max` entries. */
const newest = (max: number) => (entries: Entries<Entry>) =>
  Object.fromEntries(
    Object.entries(entries)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, max),
  )
const local = fake.storage.local
let n = 0
/** Each test gets a storage key of its own: the module's write queue is shared by key, as in the background. */
const cacheOf = (max = 3) =>
  new StoredCache<Entry>({ key: `cache${++n}`, entry: Entry, bound: newest(max), now: () => 0 })

beforeEach(() => fake.reset())

describe('StoredCache', () => {
  it('reads back only the entries of the right shape, and says so in the debug log', async () => {
    const cache = cacheOf()
    local.data[cache.key] = {
      a: { at: 1, label: 'ok' },
      b: { at: 'soon', label: 'x' },
      c: { at: 2, label: 'far too long a label' },
      d: null,
    }
    const log = vi.spyOn(console, 'debug').mockImplementation(() => {})
    setDebug(true)
    expect(await cache.entries()).toEqual({ a: { at: 1, label: 'ok' } })
    setDebug(false)
    expect(log).toHaveBeenCalledWith(`[vigie storage] ${cache.key}: dropped 3 stored entries of the wrong shape`)
    log.mockRestore()
  })

  it('reads anything else than a record of entries as empty', async () => {
    for (const raw of [[{ at: 1, label: 'x' }], 'text', 42, null]) {
      const cache = cacheOf()
      local.data[cache.key] = raw
      expect(await cache.entries(), JSON.stringify(raw)).toEqual({})
    }
  })

  it('keeps a stored "__proto__" key as a key, and finds no inherited property', async () => {
    const cache = cacheOf()
    local.data[cache.key] = JSON.parse('{"__proto__": {"at": 1, "label": "p"}}')
    expect(Object.keys(await cache.entries())).toEqual(['__proto__'])
    expect(await cache.get('constructor')).toBeUndefined()
    expect(await cache.get('toString')).toBeUndefined()
  })

  it('bounds what it reads back and every change, in memory as in storage', async () => {
    const cache = cacheOf(3)
    local.data[cache.key] = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`h${i}`, { at: i, label: 'x' }]))
    expect(Object.keys(await cache.entries()).sort()).toEqual(['h2', 'h3', 'h4'])
    for (let i = 5; i < 10; i++) await cache.update((e) => ({ ...e, [`h${i}`]: { at: i, label: 'x' } }), i)
    expect(Object.keys(await cache.entries()).sort()).toEqual(['h7', 'h8', 'h9'])
    expect(Object.keys(local.data[cache.key] as object).sort()).toEqual(['h7', 'h8', 'h9'])
  })

  it('batches the changes made while a write waits into one write, and keeps the last word', async () => {
    const cache = cacheOf(10)
    await cache.entries()
    const release = local.hold()
    const first = cache.update((e) => ({ ...e, a: { at: 1, label: 'a' } }), 1)
    await Promise.resolve()
    const rest = [2, 3, 4].map((i) => cache.update((e) => ({ ...e, [`k${i}`]: { at: i, label: `v${i}` } }), i))
    release()
    await Promise.all([first, ...rest])
    // One write for the first change, one for the three made while it waited.
    expect(local.writes.filter((w) => w.keys.includes(cache.key))).toHaveLength(2)
    expect(Object.keys(local.data[cache.key] as object).sort()).toEqual(['a', 'k2', 'k3', 'k4'])
  })

  it('writes nothing when a change returns undefined', async () => {
    const cache = cacheOf()
    await cache.update(() => undefined, 0)
    expect(local.writes).toEqual([])
  })

  it('never has two writes of one cache under way at once', async () => {
    const cache = cacheOf(100)
    let running = 0
    let most = 0
    const set = local.set.bind(local)
    local.set = async (items) => {
      most = Math.max(most, ++running)
      await new Promise((r) => setTimeout(r, 1))
      await set(items)
      running--
    }
    for (let i = 0; i < 5; i++) {
      void cache.update((e) => ({ ...e, [`k${i}`]: { at: i, label: 'x' } }), i)
      await new Promise((r) => setTimeout(r, 0))
    }
    await cache.flushed()
    expect(most).toBe(1)
    expect(Object.keys(local.data[cache.key] as object)).toHaveLength(5)
  })

  it('lets a failed write reject its own callers only; the next change is written', async () => {
    const cache = cacheOf()
    local.failWrites = new Error('QUOTA_BYTES quota exceeded')
    await expect(cache.update((e) => ({ ...e, a: { at: 1, label: 'a' } }), 1)).rejects.toThrow(/quota/)
    local.failWrites = undefined
    await cache.update((e) => ({ ...e, b: { at: 2, label: 'b' } }), 2)
    expect(Object.keys(local.data[cache.key] as object).sort()).toEqual(['a', 'b'])
  })

  it('forgets everything on clear(), after the writes already queued, and a read under way does not bring it back', async () => {
    const cache = cacheOf()
    local.data[cache.key] = { old: { at: 1, label: 'old' } }
    const release = local.hold()
    const reading = cache.entries()
    const cleared = cache.clear()
    release()
    await Promise.all([reading, cleared])
    expect(await cache.entries()).toEqual({})
    expect(Object.hasOwn(local.data, cache.key)).toBe(false)
  })

  it('drops a change asked for before a clear() that came while the entries were read back', async () => {
    const cache = cacheOf()
    const release = local.hold()
    const change = cache.update((e) => ({ ...e, late: { at: 1, label: 'late' } }), 1)
    const cleared = cache.clear()
    release()
    await Promise.all([change, cleared])
    expect(await cache.entries()).toEqual({})
    expect(Object.hasOwn(local.data, cache.key)).toBe(false)
  })

  it('tries again after a read that failed', async () => {
    const cache = cacheOf()
    local.data[cache.key] = { a: { at: 1, label: 'a' } }
    const get = local.get
    local.get = async () => {
      throw new Error('storage is gone')
    }
    await expect(cache.entries()).rejects.toThrow()
    local.get = get
    expect(await cache.entries()).toEqual({ a: { at: 1, label: 'a' } })
  })
})

describe('KeyedQueue', () => {
  it('runs the tasks of one key one after another, and of different keys side by side', async () => {
    const queue = new KeyedQueue<number>()
    const order: string[] = []
    const task = (name: string, ms: number) => () =>
      new Promise<void>((r) => setTimeout(() => (order.push(name), r()), ms))
    await Promise.all([queue.run(1, task('1a', 20)), queue.run(1, task('1b', 1)), queue.run(2, task('2a', 5))])
    expect(order).toEqual(['2a', '1a', '1b'])
    expect(queue.size).toBe(0)
  })
  it('runs the next task after one that failed, and idle() never rejects', async () => {
    const queue = new KeyedQueue<string>()
    const failed = queue.run('k', () => Promise.reject(new Error('no')))
    const next = queue.run('k', () => 'ran')
    await expect(failed).rejects.toThrow('no')
    expect(await next).toBe('ran')
    await expect(queue.idle('k')).resolves.toBeUndefined()
  })
})

describe('the debug log', () => {
  it('is off by default, and follows the switch the user keeps in storage.local', async () => {
    vi.resetModules()
    const debug = await import('../../../src/background/debug.ts')
    expect(debug.debugEnabled()).toBe(false)
    await (globalThis as unknown as { vigieDebug: (on: boolean) => Promise<void> }).vigieDebug(true)
    expect(fake.storage.local.data[debug.DEBUG_KEY]).toBe(true)
    vi.resetModules()
    const restarted = await import('../../../src/background/debug.ts')
    expect(restarted.debugEnabled()).toBe(false)
    await restarted.watchDebugSwitch()
    expect(restarted.debugEnabled()).toBe(true)
    restarted.setDebug(false)
  })
})
