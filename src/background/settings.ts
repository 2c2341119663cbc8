/** User settings in storage.sync, under documented keys (README, "Settings"). Values are validated on read. */
import { STRICTNESS_LEVELS, type Strictness } from '../core/index.ts'
import { browser } from '../platform/index.ts'

export const SETTINGS_KEYS = { strictness: 'strictness' } as const
export const DEFAULT_STRICTNESS: Strictness = 'standard'

export function toStrictness(value: unknown): Strictness {
  return (STRICTNESS_LEVELS as readonly unknown[]).includes(value) ? (value as Strictness) : DEFAULT_STRICTNESS
}

export async function getStrictness(): Promise<Strictness> {
  try {
    const stored = await browser.storage.sync.get(SETTINGS_KEYS.strictness)
    return toStrictness(stored[SETTINGS_KEYS.strictness])
  } catch {
    return DEFAULT_STRICTNESS
  }
}
