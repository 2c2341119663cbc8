/**
 * One fake `browser` for the unit tests of background code: the storage areas (test/support/storage.ts) with
 * storage.onChanged, and small stand-ins for the other APIs the background calls, each a vi.fn() a test can
 * inspect or replace. Use it in place of src/platform:
 *
 *   const fake = await vi.hoisted(async () => (await import('../support/browser.ts')).fakeBrowser())
 *   vi.mock('../../src/platform/index.ts', () => ({ browser: fake }))
 *
 * (vi.hoisted runs before the mocked module is loaded; one object serves every vi.resetModules() of the test.)
 */
import { vi } from 'vitest'
import { fakeStorageArea, type ChangeListener, type FakeStorageArea } from './storage.ts'

export function fakeBrowser() {
  const listeners: ChangeListener[] = []
  const storage = {
    local: fakeStorageArea('local', listeners),
    sync: fakeStorageArea('sync', listeners),
    session: fakeStorageArea('session', listeners),
    managed: fakeStorageArea('managed', listeners),
    onChanged: {
      addListener: (listener: ChangeListener) => void listeners.push(listener),
      removeListener: (listener: ChangeListener) => void listeners.splice(listeners.indexOf(listener) >>> 0, 1),
      hasListener: (listener: ChangeListener) => listeners.includes(listener),
      /** For tests: tells the listeners of a change as the browser would (say, one the administrator made). */
      emit: (changes: Parameters<ChangeListener>[0], area: 'local' | 'sync' | 'session' | 'managed') => {
        ;[...listeners].forEach((listener) => listener(changes, area))
        // A test may take an area's own event away, as Firefox has no storage.managed.onChanged.
        const own = storage[area].onChanged as FakeStorageArea['onChanged'] | undefined
        own?.emit(changes)
      },
    },
  }
  return {
    storage,
    /** Empties every area and forgets the listeners: a fresh browser for the next test. */
    reset() {
      for (const area of [storage.local, storage.sync, storage.session, storage.managed]) {
        area.reset()
        area.onChanged.forget()
      }
      listeners.length = 0
    },
    permissions: { contains: vi.fn(async (_: { origins?: string[] }) => false) },
    runtime: { getURL: (path: string) => `chrome-extension://vigie-test/${path.replace(/^\//, '')}` },
    i18n: { getMessage: (key: string) => key, getUILanguage: () => 'en' },
    tabs: { onRemoved: { addListener: vi.fn() } },
  }
}

export type FakeBrowser = ReturnType<typeof fakeBrowser>
