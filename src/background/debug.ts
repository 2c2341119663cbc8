/**
 * The background's debug log, off by default: when on, the steps that fail quietly (a storage read, a data file,
 * a permission check) say why in the background's console. Switched on by a user from that console with
 * `vigieDebug(true)` (kept in storage.local under `debugLog` until `vigieDebug(false)`, read back at each start by
 * watchDebugSwitch()), or by a test with setDebug(true). What it writes names the step and the error's kind (`QuotaExceededError`), never a page's data:
 * no host, address or form, and not an error's message, which may quote an address.
 */
import { browser } from '../platform/index.ts'

export const DEBUG_KEY = 'debugLog'

let enabled = false

export function setDebug(on: boolean): void {
  enabled = on
}

export function debugEnabled(): boolean {
  return enabled
}

/** Logs `message` (fixed text: no page data) under `area`, with the kind of `error` if there is one. */
export function debug(area: string, message: string, error?: unknown): void {
  if (!enabled) return
  const kind = error === undefined ? [] : [error instanceof Error ? error.name : typeof error]
  console.debug(`[vigie ${area}] ${message}`, ...kind)
}

/**
 * Reads the user's stored switch; the background calls it once as it starts (src/background/index.ts), so a log
 * switched on survives the worker's restarts. Never throws.
 */
export function watchDebugSwitch(): Promise<void> {
  return Promise.resolve()
    .then(() => browser.storage.local.get(DEBUG_KEY))
    .then(
      (stored) => {
        if (stored[DEBUG_KEY] === true) enabled = true
      },
      () => undefined,
    )
}

/** The console command: `vigieDebug(true)` in the background's console, on at once and for the next starts too. */
function vigieDebug(on: boolean): Promise<void> {
  enabled = on
  return on ? browser.storage.local.set({ [DEBUG_KEY]: true }) : browser.storage.local.remove(DEBUG_KEY)
}

// Only a name on the global object (no browser call): loading this module costs a page nothing.
Object.assign(globalThis, { vigieDebug })
