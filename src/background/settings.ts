/** The background's view of the settings. */
import type { Strictness } from '../core/index.ts'
import { loadSettings } from '../platform/settings.ts'
import { DEFAULT_SETTINGS } from '../settings.ts'

export async function getStrictness(): Promise<Strictness> {
  try {
    return (await loadSettings()).values.strictness
  } catch {
    return DEFAULT_SETTINGS.strictness
  }
}
