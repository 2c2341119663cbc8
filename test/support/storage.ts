/**
 * One fake storage area (storage.local, .sync, .session, .managed) for the unit tests: values are copied in and out
 * as the browser's storage copies them (a caller that changes an object it stored does not change storage), every
 * write is counted, listeners hear changes as storage.onChanged and the area's own onChanged do, and a test can hold the area's answers back
 * (Chromium answers the first storage.managed read seconds late) or make its writes fail (a full quota).
 */

export type ChangeListener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void
type Changes = Parameters<ChangeListener>[0]
type AreaListener = (changes: Changes) => void

export interface FakeStorageArea {
  /** What the area holds now; a test may set it directly. */
  data: Record<string, unknown>
  /** Every set() and remove() call, in order: the keys each wrote or removed. */
  writes: { op: 'set' | 'remove'; keys: string[] }[]
  /** Reads and writes wait until the returned function is called. */
  hold(): () => void
  /** Empties the area, forgets its writes, failures and holds (a held read stays held: the test that held it is over). */
  reset(): void
  /** The next writes reject with this error (until set back to undefined). */
  failWrites: Error | undefined
  get(keys?: string | string[] | Record<string, unknown> | null): Promise<Record<string, unknown>>
  set(items: Record<string, unknown>): Promise<void>
  remove(keys: string | string[]): Promise<void>
  clear(): Promise<void>
  /** The area's own event (storage.local.onChanged and so on): its changes alone, without the area's name. */
  onChanged: {
    addListener(listener: AreaListener): void
    removeListener(listener: AreaListener): void
    hasListener(listener: AreaListener): boolean
    /** For tests: tells this area's own listeners of a change (storage.onChanged's emit calls it too). */
    emit(changes: Changes): void
    /** For tests: forgets every listener (a fresh browser). */
    forget(): void
  }
}

const copy = <T>(value: T): T => (value === undefined ? value : structuredClone(value))

export function fakeStorageArea(name = 'local', listeners: ChangeListener[] = []): FakeStorageArea {
  let gate: Promise<void> = Promise.resolve()
  const own: AreaListener[] = []
  const notify = (changes: Changes) => {
    if (Object.keys(changes).length === 0) return
    for (const listener of [...listeners]) listener(changes, name)
    for (const listener of [...own]) listener(changes)
  }
  const area: FakeStorageArea = {
    onChanged: {
      addListener: (listener) => void own.push(listener),
      removeListener: (listener) => void own.splice(own.indexOf(listener) >>> 0, 1),
      hasListener: (listener) => own.includes(listener),
      emit: (changes) => [...own].forEach((listener) => listener(changes)),
      forget: () => void own.splice(0),
    },
    data: {},
    writes: [],
    failWrites: undefined,
    reset() {
      area.data = {}
      area.writes = []
      area.failWrites = undefined
      gate = Promise.resolve()
    },
    hold() {
      let release!: () => void
      const held = new Promise<void>((resolve) => (release = resolve))
      const before = gate
      gate = before.then(() => held)
      return release
    },
    async get(keys = null) {
      await gate
      const wanted =
        keys === null || keys === undefined
          ? Object.keys(area.data)
          : typeof keys === 'string'
            ? [keys]
            : Array.isArray(keys)
              ? keys
              : Object.keys(keys)
      const defaults = keys !== null && typeof keys === 'object' && !Array.isArray(keys) ? keys : {}
      return Object.fromEntries(
        wanted
          .filter((k) => Object.hasOwn(area.data, k) || Object.hasOwn(defaults, k))
          .map((k) => [k, copy(Object.hasOwn(area.data, k) ? area.data[k] : defaults[k])]),
      )
    },
    async set(items) {
      await gate
      area.writes.push({ op: 'set', keys: Object.keys(items) })
      if (area.failWrites) throw area.failWrites
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {}
      for (const [key, value] of Object.entries(items)) {
        changes[key] = { oldValue: area.data[key], newValue: copy(value) }
        area.data[key] = copy(value)
      }
      notify(changes)
    },
    async remove(keys) {
      await gate
      const list = typeof keys === 'string' ? [keys] : keys
      area.writes.push({ op: 'remove', keys: list })
      if (area.failWrites) throw area.failWrites
      const changes: Record<string, { oldValue?: unknown }> = {}
      for (const key of list) {
        if (!Object.hasOwn(area.data, key)) continue
        changes[key] = { oldValue: area.data[key] }
        delete area.data[key]
      }
      notify(changes)
    },
    async clear() {
      await area.remove(Object.keys(area.data))
    },
  }
  return area
}
