/**
 * The background's view of the settings, kept in memory and updated from the storage areas' onChanged.
 *
 * Grading never waits for storage.managed (its first read after Chromium starts takes seconds): settings resolve
 * from storage.sync and the managed values seen last time (platform/settings-storage.ts), and when the live managed read
 * answers, or an administrator or the user changes a setting, the listeners hear of it (the background re-grades
 * open tabs) if the resolved values changed. What must obey an administrator before it acts, such as asking an
 * online service, waits with settledSettings().
 */
import type { Strictness } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'
import { readManaged, readManagedCache, readStored, writeManagedCache } from '../platform/settings-storage.ts'
import { DEFAULT_SETTINGS, resolveSettings, SETTING_KEYS, type ResolvedSettings } from '../settings.ts'

type Values = Record<string, unknown>
type Changes = Record<string, { newValue?: unknown }>

let stored: Values = {}
/** The live managed values; null until storage.managed answered. */
let managed: Values | null = null
/** The managed values seen at an earlier start, used until the live ones are known. */
let cached: Values | null = null
/** Changes that arrived while the first reads were under way, applied on top of what those reads return. */
let lateStored: Changes[] | null = []
let lateManaged: Changes[] | null = []
let resolved: ResolvedSettings | null = null
let started: Promise<void> | null = null
let settled: Promise<void> | null = null
const listeners: (() => void)[] = []

function apply(values: Values, changes: Changes): Values {
  const next = { ...values }
  for (const [key, change] of Object.entries(changes)) {
    if (!(SETTING_KEYS as string[]).includes(key)) continue
    if (change && 'newValue' in change) next[key] = change.newValue
    else delete next[key]
  }
  return next
}

function compute(): ResolvedSettings {
  return resolveSettings(stored, managed ?? cached ?? {})
}

/** Recomputes; tells the listeners when a value that grading or lookups use changed. */
function update(): void {
  if (resolved === null) return
  const next = compute()
  const changed = JSON.stringify(next.values) !== JSON.stringify(resolved.values)
  resolved = next
  if (changed) for (const listener of listeners) listener()
}

function start(): Promise<void> {
  if (started) return started
  settled = readManaged().then(async (live) => {
    managed = (lateManaged ?? []).reduce(apply, live)
    lateManaged = null
    update()
    await started
    if (JSON.stringify(managed) !== JSON.stringify(cached)) await writeManagedCache(managed)
  })
  started = Promise.all([readStored(), readManagedCache()]).then(([values, last]) => {
    stored = (lateStored ?? []).reduce(apply, values)
    lateStored = null
    cached = last
    resolved = compute()
  })
  return started
}

/** The settings as known now: storage.sync, with the administrator's values as far as they are known. */
export async function currentSettings(): Promise<ResolvedSettings> {
  await start()
  return resolved ?? compute()
}

/** The settings once storage.managed answered (for anything an administrator may forbid, before it happens). */
export async function settledSettings(): Promise<ResolvedSettings> {
  await start()
  await settled
  return resolved ?? compute()
}

export async function getStrictness(): Promise<Strictness> {
  try {
    return (await currentSettings()).values.strictness
  } catch (error) {
    debug('settings', 'the settings could not be read: the default strictness', error)
    return DEFAULT_SETTINGS.strictness
  }
}

/** Called whenever a resolved value changes: the managed values arrived, or a setting was changed. */
export function onSettingsChanged(listener: () => void): void {
  listeners.push(listener)
}

function onStoredChanged(changes: Changes): void {
  if (lateStored) lateStored.push(changes)
  else stored = apply(stored, changes)
  update()
}
function onManagedChanged(changes: Changes): void {
  if (lateManaged) lateManaged.push(changes)
  else {
    managed = apply(managed ?? {}, changes)
    void writeManagedCache(managed)
  }
  update()
}
/**
 * Each area's own onChanged where the browser has it: storage.onChanged would wake this listener for every write to
 * storage.session too, and the background writes there on each page load (bench:calls). Firefox has no
 * storage.managed.onChanged (its policies do not change while it runs); an area without one is heard on
 * storage.onChanged.
 */
type AreaEvent = { addListener(listener: (changes: Changes) => void): void } | undefined
const ownEvent = (area: 'sync' | 'managed'): AreaEvent => (browser.storage[area] as { onChanged?: AreaEvent }).onChanged
const syncEvent = ownEvent('sync')
const managedEvent = ownEvent('managed')
syncEvent?.addListener(onStoredChanged)
managedEvent?.addListener(onManagedChanged)
if (!syncEvent || !managedEvent)
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'sync' && !syncEvent) onStoredChanged(changes)
    else if (area === 'managed' && !managedEvent) onManagedChanged(changes)
  })

// Read at once when the background starts, so the first page's grade finds the settings ready.
void start().catch((error: unknown) => debug('settings', 'the settings could not be read at start', error))
