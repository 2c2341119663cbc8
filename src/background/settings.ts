/**
 * The background's view of the settings: read once, then kept until storage.sync or storage.managed changes,
 * so that page events do not read storage every time.
 */
import type { Strictness } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import { loadSettings } from '../platform/settings.ts'
import { DEFAULT_SETTINGS, resolveSettings, type ResolvedSettings } from '../settings.ts'

let current: Promise<ResolvedSettings> | null = null

export function currentSettings(): Promise<ResolvedSettings> {
  current ??= loadSettings().catch(() => resolveSettings({}))
  return current
}

export async function getStrictness(): Promise<Strictness> {
  try {
    return (await currentSettings()).values.strictness
  } catch {
    return DEFAULT_SETTINGS.strictness
  }
}

browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'sync' || area === 'managed') current = null
})
