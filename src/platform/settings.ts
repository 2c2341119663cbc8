/** Reading and writing settings, for the background and the extension pages alike. */
import { resolveSettings, SETTING_KEYS, type ResolvedSettings, type Settings } from '../settings.ts'
import { browser } from './index.ts'

export async function loadSettings(): Promise<ResolvedSettings> {
  const [stored, managed] = await Promise.all([
    browser.storage.sync.get(SETTING_KEYS).catch(() => ({})),
    // No policy, or no managed storage in this browser: nothing is locked.
    browser.storage.managed.get(SETTING_KEYS).catch(() => ({})),
  ])
  return resolveSettings(stored, managed)
}

export async function saveSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await browser.storage.sync.set({ [key]: value })
}
