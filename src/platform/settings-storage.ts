/**
 * Reading and writing settings, for the background and the extension pages alike.
 *
 * storage.managed is read apart from storage.sync: in Chromium its first read after the browser starts takes
 * seconds (it waits for the policy service), so nothing on the way to a grade or a page's first paint may wait for
 * it. The last managed values seen are kept in storage.local (`managedSettings`) so that an administrator's
 * choice applies from the first moment of the next start; the live read replaces them as soon as it answers.
 */
import { SETTING_KEYS, type Settings } from '../settings.ts'
import { browser } from './index.ts'

type Values = Record<string, unknown>

/** storage.local key of the last managed values seen. */
export const MANAGED_CACHE_KEY = 'managedSettings'

const object = (raw: unknown): Values => (raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Values) : {})

/** The user's settings (storage.sync). */
export async function readStored(): Promise<Values> {
  return object(await browser.storage.sync.get(SETTING_KEYS).catch(() => ({})))
}

/** The administrator's settings. No policy, or no managed storage in this browser: nothing is locked. */
export async function readManaged(): Promise<Values> {
  return object(await browser.storage.managed.get(SETTING_KEYS).catch(() => ({})))
}

/** The managed values seen last time, or null when none were ever seen. */
export async function readManagedCache(): Promise<Values | null> {
  const raw = object(await browser.storage.local.get(MANAGED_CACHE_KEY).catch(() => ({})))[MANAGED_CACHE_KEY]
  return raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Values) : null
}

export async function writeManagedCache(values: Values): Promise<void> {
  await browser.storage.local.set({ [MANAGED_CACHE_KEY]: values }).catch(() => {})
}

export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await browser.storage.sync.set({ [key]: value })
}
