/**
 * Online lookups: when to ask, the cache, one request in flight per host and source, backoff, and polling of
 * SSL Labs assessments in progress. Privacy rules first (SPEC.md section 5): a source that is off is never asked;
 * private windows and local or non-public hosts are never named to anyone. No page load waits on a service.
 */
import { isPublicHostname, type OnlineFacts } from '../core/index.ts'
import { CacheEntrySchema, readBackoff, readProblems, type Backoff, type CacheEntry } from '../online/cache-schema.ts'
import type { LookupError } from '../online/errors.ts'
import { ONLINE_SOURCES, type LookupResult } from '../online/sources.ts'
import { browser } from '../platform/index.ts'
import {
  PROBLEMS_KEY,
  resolveServiceUrls,
  SERVICE_URLS,
  SOURCES,
  type Mode,
  type Settings,
  type SourceId,
} from '../settings.ts'
import { debug } from './debug.ts'
import { StoredCache } from './stored-cache.ts'

export const CACHE_KEY = 'onlineCache'
export const BACKOFF_KEY = 'onlineBackoff'
export const SERVICE_URLS_KEY = 'serviceUrls'
/** A problem only the user can fix in the options (SSL Labs 441, no email) is shown there until a lookup works. */
const SETTINGS_PROBLEMS: readonly LookupError[] = ['unregistered', 'no-email', 'no-permission']

async function noteProblem(source: SourceId, result: LookupResult): Promise<void> {
  const all = readProblems((await browser.storage.local.get(PROBLEMS_KEY))[PROBLEMS_KEY])
  const problem = result.state === 'error' && SETTINGS_PROBLEMS.includes(result.error) ? result.error : undefined
  if (all[source] === problem) return
  const next = { ...all }
  if (problem) next[source] = problem
  else delete next[source]
  await browser.storage.local.set({ [PROBLEMS_KEY]: next })
}
export const MAX_CACHE = 300
/** SSL Labs assessments in progress are polled with growing delays, for at most this long. */
const POLL_DELAYS_MS = [5_000, 10_000, 15_000, 30_000, 60_000]
const MAX_POLL_MS = 15 * 60_000

/** What the popup shows for one source and host. */
export type SourceStatus =
  | { state: 'ready'; observedAt: string; grade?: string; fetchedAt: number }
  | { state: 'pending'; progress: number; since: number }
  | { state: 'error'; error: LookupError; at: number; retryAt?: number; message?: string }

type Cache = Record<string, CacheEntry>
const keyOf = (source: SourceId, host: string) => `${source}|${host}`

/** Newest MAX_CACHE entries. Pure, for tests. */
export function boundCache(entries: Cache): Cache {
  return Object.fromEntries(
    Object.entries(entries)
      .sort(([, a], [, b]) => b.fetchedAt - a.fetchedAt)
      .slice(0, MAX_CACHE),
  )
}

/** Bounded in memory as in storage (the worker can live long); entries read back are validated. */
const cache = new StoredCache<CacheEntry>({ key: CACHE_KEY, entry: CacheEntrySchema, bound: boundCache })
const inFlight = new Map<string, Promise<void>>()
/** SSL Labs assessments polled, with their timers (cancelled by "Forget everything"). */
const polling = new Map<string, ReturnType<typeof setTimeout>>()

/**
 * `since`: the cache's generation when the lookup began; a lookup under way when the user chose "Forget
 * everything" writes nothing back (issue #21).
 */
function store(source: SourceId, host: string, entry: CacheEntry, now: number, since: number): Promise<void> {
  return cache.update((entries) => ({ ...entries, [keyOf(source, host)]: entry }), now, since)
}

async function backoffUntil(source: SourceId, now: number): Promise<Backoff | undefined> {
  const entry = readBackoff((await browser.storage.local.get(BACKOFF_KEY))[BACKOFF_KEY])[source]
  return entry && entry.until > now ? entry : undefined
}

async function setBackoff(source: SourceId, until: number, error: LookupError): Promise<void> {
  const all = readBackoff((await browser.storage.local.get(BACKOFF_KEY))[BACKOFF_KEY])
  await browser.storage.local.set({ [BACKOFF_KEY]: { ...all, [source]: { until, error } } })
}

/** The rules that decide whether a source may be asked about a tab's host at all. */
export function mayAsk(options: { incognito: boolean; host: string; enabled: boolean }): boolean {
  return options.enabled && !options.incognito && isPublicHostname(options.host)
}

/** Whether a source's mode asks by itself for this page. */
export function asksAutomatically(mode: Mode, hasLoginForm: boolean): boolean {
  return mode === 'always' || (mode === 'login' && hasLoginForm)
}

/** True only in the test build (`npm run build:test`, vite.config.ts): the store builds never read the override. */
declare const __VIGIE_TEST_BUILD__: boolean
const TEST_BUILD = typeof __VIGIE_TEST_BUILD__ === 'boolean' && __VIGIE_TEST_BUILD__

async function serviceUrl(source: SourceId): Promise<string> {
  // The browser tests point the services at local fakes (which speak http); a store build has no such door.
  if (!TEST_BUILD) return SERVICE_URLS[source]
  const raw = (await browser.storage.local.get(SERVICE_URLS_KEY))[SERVICE_URLS_KEY]
  return resolveServiceUrls(raw)[source]
}

/** The host permission a source needs; asked for by the options page when the user turns the source on. */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl)
  return `${url.protocol}//${url.hostname}/*`
}

async function run(
  source: SourceId,
  host: string,
  settings: Settings,
  onUpdate: (host: string) => void,
): Promise<void> {
  const now = Date.now()
  const since = cache.generation
  const forgotten = () => since !== cache.generation
  const blocked = await backoffUntil(source, now)
  if (blocked) {
    await store(
      source,
      host,
      { result: { state: 'error', error: blocked.error, retryAfterMs: blocked.until - now }, fetchedAt: now },
      now,
      since,
    )
    onUpdate(host)
    return
  }
  const baseUrl = await serviceUrl(source)
  const permitted = await browser.permissions
    .contains({ origins: [originPattern(baseUrl)] })
    .catch((error: unknown) => {
      debug('online', `${source}: the permission check failed`, error)
      return false
    })
  const result: LookupResult = permitted
    ? await ONLINE_SOURCES[source].lookup(host, {
        fetch: globalThis.fetch.bind(globalThis),
        baseUrl,
        now,
        email: settings.ssllabsEmail,
      })
    : { state: 'error', error: 'no-permission' }
  // The user chose "Forget everything" while the service answered: its answer is forgotten too.
  if (forgotten()) return
  await noteProblem(source, result)
  if (forgotten()) return
  const previous = await cache.get(keyOf(source, host))
  const entry: CacheEntry = { result, fetchedAt: now }
  if (result.state === 'ready') entry.expiresAt = result.expiresAt
  if (result.state === 'pending') entry.since = previous?.result.state === 'pending' ? (previous.since ?? now) : now
  // A failed refresh never throws away a good result: it stays until it expires.
  if (result.state === 'error' && previous?.result.state === 'ready' && (previous.expiresAt ?? 0) > now) {
    if (result.retryAfterMs) await setBackoff(source, now + result.retryAfterMs, result.error)
    onUpdate(host)
    return
  }
  await store(source, host, entry, now, since)
  if (forgotten()) return
  if (result.state === 'error' && result.retryAfterMs) await setBackoff(source, now + result.retryAfterMs, result.error)
  onUpdate(host)
  if (result.state === 'pending') schedulePoll(source, host, settings, onUpdate, entry.since ?? now)
}

function schedulePoll(
  source: SourceId,
  host: string,
  settings: Settings,
  onUpdate: (host: string) => void,
  since: number,
): void {
  const key = keyOf(source, host)
  if (polling.has(key)) return
  const elapsed = Date.now() - since
  if (elapsed > MAX_POLL_MS) return
  const step = POLL_DELAYS_MS.findIndex((_, i) => POLL_DELAYS_MS.slice(0, i + 1).reduce((a, b) => a + b, 0) > elapsed)
  const delay = POLL_DELAYS_MS[step === -1 ? POLL_DELAYS_MS.length - 1 : step]!
  polling.set(
    key,
    setTimeout(() => {
      polling.delete(key)
      void lookup(source, host, settings, onUpdate, { force: true })
    }, delay),
  )
}

/** Starts (or joins) a lookup; resolves when it is done. Cached results are used until they expire. */
export async function lookup(
  source: SourceId,
  host: string,
  settings: Settings,
  onUpdate: (host: string) => void,
  options: { force?: boolean } = {},
): Promise<void> {
  const key = keyOf(source, host)
  const running = inFlight.get(key)
  if (running) return running
  const entry = await cache.get(key)
  const now = Date.now()
  if (!options.force && entry) {
    if (entry.result.state === 'ready' && (entry.expiresAt ?? 0) > now) return
    if (entry.result.state === 'pending') {
      schedulePoll(source, host, settings, onUpdate, entry.since ?? now)
      return
    }
    if (entry.result.state === 'error' && now - entry.fetchedAt < (entry.result.retryAfterMs ?? 60_000)) return
  }
  const promise: Promise<void> = run(source, host, settings, onUpdate).finally(() => {
    if (inFlight.get(key) === promise) inFlight.delete(key)
  })
  inFlight.set(key, promise)
  return promise
}

/** Cached facts and statuses for a host, whichever sources have any. */
export async function onlineFor(
  host: string,
  now: number,
): Promise<{ facts: OnlineFacts; status: Partial<Record<SourceId, SourceStatus>> }> {
  const c = await cache.entries()
  const facts: OnlineFacts = {}
  const status: Partial<Record<SourceId, SourceStatus>> = {}
  for (const source of SOURCES) {
    const entry = c[keyOf(source, host)]
    if (!entry) continue
    const r = entry.result
    if (r.state === 'ready' && (entry.expiresAt ?? 0) > now) {
      Object.assign(facts, r.facts)
      const part = r.facts.ssllabs ?? r.facts.observatory ?? r.facts.preload
      status[source] = {
        state: 'ready',
        observedAt: part?.observedAt ?? new Date(entry.fetchedAt).toISOString(),
        fetchedAt: entry.fetchedAt,
        ...(r.facts.ssllabs
          ? { grade: r.facts.ssllabs.grade }
          : r.facts.observatory
            ? { grade: r.facts.observatory.grade }
            : r.facts.preload
              ? { grade: r.facts.preload.status }
              : {}),
      }
    } else if (r.state === 'pending') {
      status[source] = { state: 'pending', progress: r.progress, since: entry.since ?? entry.fetchedAt }
    } else if (r.state === 'error') {
      status[source] = {
        state: 'error',
        error: r.error,
        at: entry.fetchedAt,
        ...(r.retryAfterMs ? { retryAt: entry.fetchedAt + r.retryAfterMs } : {}),
        ...(r.message ? { message: r.message } : {}),
      }
    }
  }
  return { facts, status }
}

export async function forgetOnline(): Promise<void> {
  for (const timer of polling.values()) clearTimeout(timer)
  polling.clear()
  // Lookups under way finish, but write nothing (the cache's generation moved on); a new one starts afresh rather
  // than joining them.
  inFlight.clear()
  await Promise.all([cache.clear(), browser.storage.local.remove([BACKOFF_KEY, PROBLEMS_KEY])])
}

export async function cachedCount(): Promise<number> {
  return Object.keys(await cache.entries()).length
}
