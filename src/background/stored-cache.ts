/**
 * One way to keep a cache of entries by key in extension storage (the per-host memory, the online answers): read
 * back once, each entry validated against its schema (what storage holds is input like any other: an older build,
 * a hand edit or a bug may have written it), kept in memory, bounded after every change, and written back one write
 * at a time, the changes made while a write waits joining it.
 */
import * as v from 'valibot'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'
import { KeyedQueue } from './keyed-queue.ts'

/** The part of a storage area (storage.local, storage.session) a cache uses. */
export interface StorageAreaLike {
  get(keys: string): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
}

export type Entries<E> = Record<string, E>

export interface StoredCacheOptions<E> {
  /** The storage key the whole cache is kept under. */
  key: string
  /** Each entry's shape: an entry read back that fails it is dropped, the others kept. */
  entry: v.GenericSchema<unknown, E>
  /** Trims the entries (count, age); pure. Applied to what is read back and after every change. */
  bound: (entries: Entries<E>, now: number) => Entries<E>
  /** Where the cache lives; storage.local unless told (a function, so that it is looked up when first used). */
  area?: () => StorageAreaLike
  /** The clock `bound` gets when entries are read back. */
  now?: () => number
}

/** Every cache's writes, one queue per storage key: a cache's writes never overlap, caches do not wait for each other. */
const writes = new KeyedQueue<string>()

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

export class StoredCache<E> {
  readonly #options: Required<StoredCacheOptions<E>>
  #entries: Entries<E> | null = null
  #loading: Promise<Entries<E>> | null = null
  /** A write queued but not started yet: the changes made meanwhile go out with it. */
  #pending: Promise<void> | null = null
  /** Counts clear() calls: a change asked for before a clear is dropped, never written after it. */
  #generation = 0

  constructor(options: StoredCacheOptions<E>) {
    this.#options = { area: () => browser.storage.local, now: Date.now, ...options }
  }

  get key(): string {
    return this.#options.key
  }

  /**
   * How many times the cache was cleared. Work that reads it when it starts and passes it to update() as `since`
   * never writes into a cache cleared meanwhile ("Forget everything" wins over what was in flight, issue #21).
   */
  get generation(): number {
    return this.#generation
  }

  /** The entries, read back from storage on the first call. Rejects when storage cannot be read (the next call tries again). */
  async entries(): Promise<Readonly<Entries<E>>> {
    if (this.#entries) return this.#entries
    this.#loading ??= this.#read().finally(() => (this.#loading = null))
    const read = await this.#loading
    // A clear() or an update() while the read was under way has the last word.
    this.#entries ??= read
    return this.#entries
  }

  async get(key: string): Promise<E | undefined> {
    const entries = await this.entries()
    return Object.hasOwn(entries, key) ? entries[key] : undefined
  }

  /**
   * Applies `change` to the entries as they are now; what it returns (bounded) becomes the cache, and is written
   * soon. Returning undefined changes nothing and writes nothing. Resolves when storage holds the change. A clear()
   * made while the entries were being read back wins: the change is dropped ("Forget everything" forgets it too).
   */
  async update(
    change: (entries: Readonly<Entries<E>>) => Entries<E> | undefined,
    now: number,
    since = this.#generation,
  ): Promise<void> {
    const generation = since
    if (generation !== this.#generation) return
    await this.entries()
    if (generation !== this.#generation) return
    const next = change(this.#entries ?? {})
    if (next === undefined) return
    this.#entries = this.#options.bound(next, now)
    await this.#write()
  }

  /** Empties the cache at once in memory, and in storage after the writes already queued. */
  clear(): Promise<void> {
    this.#generation++
    this.#entries = {}
    this.#pending = null
    const { key, area } = this.#options
    return writes.run(key, () => area().remove(key))
  }

  /** Resolves once every write queued so far has settled. Never rejects. */
  flushed(): Promise<void> {
    return writes.idle(this.#options.key)
  }

  #write(): Promise<void> {
    if (this.#pending) return this.#pending
    const { key, area } = this.#options
    const write: Promise<void> = writes.run(key, () => {
      if (this.#pending === write) this.#pending = null
      return area().set({ [key]: this.#entries ?? {} })
    })
    this.#pending = write
    return write
  }

  async #read(): Promise<Entries<E>> {
    const { key, area, entry, bound, now } = this.#options
    const raw = (await area().get(key))[key]
    const kept: [string, E][] = []
    let dropped = 0
    if (isRecord(raw)) {
      for (const [name, value] of Object.entries(raw)) {
        const parsed = v.safeParse(entry, value)
        if (parsed.success) kept.push([name, parsed.output])
        else dropped++
      }
    } else if (raw !== undefined) dropped++
    if (dropped > 0) debug('storage', `${key}: dropped ${dropped} stored entries of the wrong shape`)
    // fromEntries defines own properties: a stored "__proto__" key stays a key.
    return bound(Object.fromEntries(kept), now())
  }
}
