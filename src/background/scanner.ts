/**
 * The local scanner as a fact source (SPEC.md section 7): asks Vigie's companion, a native messaging host on this
 * computer, to scan the https page's own server, and keeps the facts for grading (`facts.scan`).
 *
 * `runtime.sendNativeMessage`, not `connectNative`: each scan starts the companion, which answers once and exits
 * when the browser closes its stdin. Nothing runs between scans, and nothing has to survive the Chrome service
 * worker or the Firefox event page stopping (an open port would also keep Chrome's worker alive for nothing). The
 * start-up cost (about 0.1 s of Node) is small beside a scan, and one scan per host and port at a time is kept here.
 *
 * When: per the `probe` setting, on pages with a password field (login, the default) or every https page
 * (always), once a day per host and port; or from the popup's Rescan button. Results of normal windows are kept in
 * storage.local; those of private windows in storage.session (memory only, never on disk). Without the companion,
 * the popup says once how to install it, and Vigie does not try again by itself for a day.
 */
import * as v from 'valibot'
import type { ScanFacts, TlsFacts } from '../core/index.ts'
import { normaliseProtocol } from '../core/facts.ts'
import { ratingSummary, type ServerRatingSummary } from '../core/rating/index.ts'
import { COMPANION_NAME, CompanionReplySchema } from '../companion/protocol.ts'
import { parseScanFacts } from '../companion/scan-facts.ts'
import type { ScannerStatus } from '../messages.ts'
import { browser } from '../platform/index.ts'
import type { SourceSetting } from '../settings.ts'

export const SCAN_CACHE_KEY = 'scanCache'
export const SCANNER_STATE_KEY = 'scannerState'
/** "Once a day per host and port." */
export const RESCAN_AFTER_MS = 86_400_000
/** A failed scan is tried again by itself after an hour. */
const RETRY_ERROR_MS = 3_600_000
/** Facts older than this are no longer used for grading. */
export const KEEP_MS = 7 * 86_400_000
export const MAX_SCANS = 300
/** Beyond the companion's own 30 s guard: a companion that never answers must not hold a scan forever. */
const REPLY_TIMEOUT_MS = 40_000

export interface ScanTarget {
  host: string
  port: number
}

/** One host and port's last scan: its facts, or why it failed. */
export interface ScanEntry {
  at: number
  facts?: ScanFacts
  error?: string
}
type ScanCache = Record<string, ScanEntry>

interface ScannerState {
  /** When the browser last said the companion is not installed. */
  missingAt?: number
  hintHidden?: boolean
}

/** The page's server, for https pages only: the scanner talks to nothing else. */
export function scanTargetOf(url: string): ScanTarget | null {
  try {
    const u = new URL(url)
    if (u.protocol !== 'https:' || u.hostname === '') return null
    return { host: u.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port: u.port === '' ? 443 : Number(u.port) }
  } catch {
    return null
  }
}

const keyOf = (t: ScanTarget) => `${t.host}:${t.port}`

/** Whether the setting asks for a scan of this page by itself. */
export function scansAutomatically(setting: SourceSetting, hasLoginForm: boolean): boolean {
  return setting.enabled && (setting.mode === 'always' || (setting.mode === 'login' && hasLoginForm))
}

/** Whether a host's last scan is old enough to scan again by itself. */
export function isDue(entry: ScanEntry | undefined, now: number): boolean {
  if (!entry) return true
  return now - entry.at >= (entry.facts ? RESCAN_AFTER_MS : RETRY_ERROR_MS)
}

/** Newest MAX_SCANS entries younger than KEEP_MS. Pure, for tests. */
export function boundScans(cache: ScanCache, now: number): ScanCache {
  return Object.fromEntries(
    Object.entries(cache)
      .filter(([, e]) => now - e.at < KEEP_MS)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_SCANS),
  )
}

/** Chrome: "Specified native messaging host not found."; Firefox: "No such native application dev.vigie.scanner". */
export function isMissingCompanion(message: string): boolean {
  return /native messaging host not found|no such native application|host is forbidden/i.test(message)
}

const WEAK_ORDER = ['ssl3', 'export', 'null', 'anon', 'rc4', 'tls1', 'tls1_1', 'tripleDes', 'staticRsa', 'weakDh'] as const

/**
 * What the server accepts beyond what was negotiated, worst first: the browser's own connection in Firefox
 * (`tls`), else the scanner's normal handshake. Keys name message suffixes (scannerAccepts_<key>).
 */
export function alsoAccepted(scan: ScanFacts, tls: TlsFacts | undefined): string[] {
  const negotiated = normaliseProtocol(tls?.protocol ?? scan.negotiated?.protocol ?? '')
  const found = new Set<string>()
  if (scan.protocols.ssl3 === true && negotiated !== 'sslv3') found.add('ssl3')
  if (scan.protocols.tls1 === true && negotiated !== 'tlsv1') found.add('tls1')
  if (scan.protocols.tls1_1 === true && negotiated !== 'tlsv1.1') found.add('tls1_1')
  for (const family of ['export', 'rc4', 'tripleDes', 'null', 'anon'] as const) if (scan.weakSuites[family] === true) found.add(family)
  const negotiatedStatic = /^TLS_RSA_/.test(tls?.cipherSuite ?? scan.negotiated?.cipherSuite ?? '')
  if (scan.staticRsa === true && !negotiatedStatic) found.add('staticRsa')
  if (scan.dhBits !== null && scan.dhBits < 2048) found.add('weakDh')
  return WEAK_ORDER.filter((k) => found.has(k))
}

// In memory: scans running now, and the caches as last read.
const running = new Map<string, { since: number; promise: Promise<void> }>()
/** When each target was last tried, so that a failing rescan (whose error is not stored over good facts) is not retried in a loop. */
const attempted = new Map<string, number>()
let localCache: ScanCache | null = null
let writes: Promise<unknown> = Promise.resolve()

async function loadLocal(): Promise<ScanCache> {
  if (localCache) return localCache
  const raw = (await browser.storage.local.get(SCAN_CACHE_KEY))[SCAN_CACHE_KEY]
  localCache = readCache(raw)
  return localCache
}

async function loadPrivate(): Promise<ScanCache> {
  const stored: Record<string, unknown> = await browser.storage.session.get(SCAN_CACHE_KEY).catch(() => ({}))
  const raw = stored[SCAN_CACHE_KEY]
  return readCache(raw)
}

/** Stored entries are re-validated when read: storage is input too. */
function readCache(raw: unknown): ScanCache {
  const cache: ScanCache = {}
  if (!raw || typeof raw !== 'object') return cache
  for (const [key, entry] of Object.entries(raw as Record<string, unknown>)) {
    if (!entry || typeof entry !== 'object' || typeof (entry as ScanEntry).at !== 'number') continue
    const e = entry as ScanEntry
    const facts = e.facts === undefined ? undefined : parseScanFacts(e.facts)
    if (facts) cache[key] = { at: e.at, facts }
    else if (typeof e.error === 'string') cache[key] = { at: e.at, error: e.error.slice(0, 300) }
  }
  return cache
}

async function entryFor(target: ScanTarget, incognito: boolean): Promise<ScanEntry | undefined> {
  const key = keyOf(target)
  // A private window sees what a normal window learned; a normal window never sees a private window's scans.
  const fromPrivate = incognito ? (await loadPrivate())[key] : undefined
  const fromLocal = (await loadLocal())[key]
  if (fromPrivate && (!fromLocal || fromPrivate.at > fromLocal.at)) return fromPrivate
  return fromLocal
}

async function store(target: ScanTarget, incognito: boolean, entry: ScanEntry): Promise<void> {
  const key = keyOf(target)
  const now = Date.now()
  if (incognito) {
    const cache = await loadPrivate()
    await browser.storage.session.set({ [SCAN_CACHE_KEY]: boundScans({ ...cache, [key]: entry }, now) })
    return
  }
  const cache = await loadLocal()
  // A failed rescan never throws away good facts: they stay until they are too old.
  const previous = cache[key]
  if (entry.error && previous?.facts && now - previous.at < KEEP_MS) return
  localCache = boundScans({ ...cache, [key]: entry }, now)
  const snapshot = localCache
  writes = writes.catch(() => undefined).then(() => browser.storage.local.set({ [SCAN_CACHE_KEY]: snapshot }))
  await writes
}

async function loadState(): Promise<ScannerState> {
  const raw = (await browser.storage.local.get(SCANNER_STATE_KEY))[SCANNER_STATE_KEY]
  if (!raw || typeof raw !== 'object') return {}
  const r = raw as Record<string, unknown>
  return {
    ...(typeof r.missingAt === 'number' ? { missingAt: r.missingAt } : {}),
    ...(r.hintHidden === true ? { hintHidden: true } : {}),
  }
}

async function saveState(change: Partial<ScannerState>, remove: (keyof ScannerState)[] = []): Promise<void> {
  const next: Record<string, unknown> = { ...(await loadState()), ...change }
  for (const key of remove) delete next[key]
  await browser.storage.local.set({ [SCANNER_STATE_KEY]: next })
}

/** The one conversation with the companion: a scan request, a validated reply. */
async function askCompanion(target: ScanTarget): Promise<{ facts: ScanFacts } | { error: string } | { missing: true }> {
  let raw: unknown
  try {
    raw = await Promise.race([
      browser.runtime.sendNativeMessage(COMPANION_NAME, { type: 'scan', host: target.host, port: target.port }),
      new Promise((_, reject) => setTimeout(() => reject(new Error('the companion did not answer in time')), REPLY_TIMEOUT_MS)),
    ])
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return isMissingCompanion(message) ? { missing: true } : { error: message.slice(0, 300) }
  }
  const reply = v.safeParse(CompanionReplySchema, raw)
  if (!reply.success) return { error: 'the companion sent an answer Vigie does not understand' }
  if (reply.output.type === 'error') return { error: reply.output.message }
  if (reply.output.type !== 'scan-result') return { error: 'the companion sent an answer Vigie does not understand' }
  const facts = parseScanFacts(reply.output.facts)
  if (!facts) return { error: 'the companion sent facts Vigie does not understand (is it up to date? npm run companion:install)' }
  if (facts.error) return { error: facts.error.reason.slice(0, 300) }
  return { facts }
}

/**
 * Scans a page's server (or joins the scan in progress). `force`: the user asked (Rescan), so the cache, the daily
 * rhythm and an earlier "not installed" are not in the way. Calls `onUpdate` with the host when the scan starts
 * and when its result is in.
 */
export async function scan(url: string, incognito: boolean, onUpdate: (host: string) => void, options: { force?: boolean } = {}): Promise<void> {
  const target = scanTargetOf(url)
  if (!target) return
  const key = keyOf(target)
  const inProgress = running.get(key)
  if (inProgress) return inProgress.promise
  const now = Date.now()
  if (!options.force) {
    if (now - (attempted.get(key) ?? -Infinity) < RETRY_ERROR_MS) return
    if (!isDue(await entryFor(target, incognito), now)) return
    const state = await loadState()
    if (state.missingAt !== undefined && now - state.missingAt < RESCAN_AFTER_MS) return
  }
  attempted.set(key, now)
  const pageHost = new URL(url).hostname
  const promise = (async () => {
    const answer = await askCompanion(target)
    if ('missing' in answer) {
      await saveState({ missingAt: Date.now() })
      return
    }
    await saveState({}, ['missingAt'])
    await store(target, incognito, 'facts' in answer ? { at: Date.now(), facts: answer.facts } : { at: Date.now(), error: answer.error })
  })()
    .catch(() => {})
    .finally(() => {
      running.delete(key)
      onUpdate(pageHost)
    })
  running.set(key, { since: now, promise })
  onUpdate(pageHost)
  return promise
}

/** The scan facts to grade a page with, when there are any young enough. */
export async function scanFactsFor(url: string, incognito: boolean, now: number): Promise<ScanFacts | undefined> {
  const target = scanTargetOf(url)
  if (!target) return undefined
  const entry = await entryFor(target, incognito)
  return entry?.facts && now - entry.at < KEEP_MS ? entry.facts : undefined
}

/** What the popup shows: absent when the scanner is off or the page is not https. */
export async function scannerStatus(
  url: string,
  incognito: boolean,
  setting: SourceSetting,
  tls: TlsFacts | undefined,
  now: number,
): Promise<ScannerStatus | undefined> {
  const target = scanTargetOf(url)
  if (!setting.enabled || !target) return undefined
  const [entry, state] = await Promise.all([entryFor(target, incognito), loadState()])
  const base = { mode: setting.mode, accepts: [] as string[], hintHidden: state.hintHidden === true }
  const inProgress = running.get(keyOf(target))
  if (inProgress) return { ...base, state: 'running', at: inProgress.since }
  if (state.missingAt !== undefined && !entry?.facts) return { ...base, state: 'missing', at: state.missingAt }
  if (entry?.facts && now - entry.at < KEEP_MS) {
    const rating = ratingSummary(entry.facts)
    return { ...base, state: 'ready', at: Date.parse(entry.facts.observedAt) || entry.at, accepts: alsoAccepted(entry.facts, tls), ...(rating ? { rating } : {}) }
  }
  if (entry?.error) return { ...base, state: 'error', at: entry.at, message: entry.error }
  return { ...base, state: 'none' }
}

export async function hideInstallHint(): Promise<void> {
  await saveState({ hintHidden: true })
}

export async function forgetScans(): Promise<void> {
  await writes.catch(() => undefined)
  localCache = {}
  attempted.clear()
  await Promise.all([browser.storage.local.remove([SCAN_CACHE_KEY, SCANNER_STATE_KEY]), browser.storage.session.remove(SCAN_CACHE_KEY).catch(() => {})])
}

export async function scanCount(): Promise<number> {
  return Object.keys(await loadLocal()).length
}

/**
 * The SSL Labs rating of every host scanned from a normal window (never a private one's), for the report page:
 * keyed by host name and by host:port, the forms the report page's hosts take.
 */
export async function ratingsByHost(now: number): Promise<Map<string, ServerRatingSummary>> {
  const ratings = new Map<string, ServerRatingSummary>()
  const entries = Object.values(await loadLocal()).sort((a, b) => a.at - b.at)
  for (const entry of entries) {
    if (!entry.facts || now - entry.at >= KEEP_MS) continue
    const rating = ratingSummary(entry.facts)
    if (!rating) continue
    ratings.set(`${entry.facts.host}:${entry.facts.port}`, rating)
    if (entry.facts.port === 443) ratings.set(entry.facts.host, rating)
  }
  return ratings
}
