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
 * storage.local; those of private windows in storage.session (memory only, never on disk).
 *
 * Safe by construction (issues #19, #21; the rules are in scan-rules.ts): the companion is first asked `hello`,
 * and nothing is scanned before one answers with a protocol Vigie speaks; every scan request carries the address
 * the browser connected to for that page (the companion connects there only); a page loaded through a proxy, or
 * whose address the browser did not give, is never scanned by itself; automatic scans across all tabs wait for
 * the cap (SCAN_CAP); and "Forget everything" drops the result of a scan still running.
 */
import * as v from 'valibot'
import type { ScanFacts, ScanTarget, TlsFacts } from '../core/index.ts'
import { normaliseProtocol } from '../core/facts.ts'
import { ratingSummary, type ServerRatingSummary } from '../core/rating/index.ts'
import { COMPANION_NAME, CompanionReplySchema } from '../companion/protocol.ts'
import { parseScanFacts } from '../companion/scan-facts.ts'
import type { ScannerStatus } from '../messages.ts'
import { browser } from '../platform/index.ts'
import type { SourceSetting } from '../settings.ts'
import { debug } from './debug.ts'
import {
  COMPANION_STATES,
  companionFromError,
  companionFromHello,
  ScanCap,
  scanRoute,
  type CompanionStatus,
  type ConnectionFacts,
} from './scan-rules.ts'
import { StoredCache } from './stored-cache.ts'

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
/** `hello` is answered at the companion's start-up (about 0.1 s); a companion silent this long is broken. */
const HELLO_TIMEOUT_MS = 5_000
/** A working companion is asked `hello` again before a scan only after this long (an update may have replaced it). */
const HELLO_FRESH_MS = 10 * 60_000
/** Automatic scans waiting for the cap, at most; beyond, the oldest is dropped (its page is scanned at its next visit). */
const MAX_WAITING = 20

/** One host and port's last scan: its facts, or why it failed. */
export interface ScanEntry {
  at: number
  facts?: ScanFacts
  error?: string
}
type ScanCache = Record<string, ScanEntry>

/** The page a scan is for: its URL, window and the browser's connection for it (tab-state.ts). */
export interface ScanPage {
  url: string
  incognito: boolean
  connection?: ConnectionFacts
}

interface ScannerState {
  /** What the companion said last (or the browser about it), and when. */
  companion?: CompanionStatus & { at: number }
  hintHidden?: true
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

const WEAK_ORDER = [
  'ssl3',
  'export',
  'null',
  'anon',
  'rc4',
  'tls1',
  'tls1_1',
  'tripleDes',
  'staticRsa',
  'weakDh',
] as const

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
  for (const family of ['export', 'rc4', 'tripleDes', 'null', 'anon'] as const)
    if (scan.weakSuites[family] === true) found.add(family)
  const negotiatedStatic = /^TLS_RSA_/.test(tls?.cipherSuite ?? scan.negotiated?.cipherSuite ?? '')
  if (scan.staticRsa === true && !negotiatedStatic) found.add('staticRsa')
  if (scan.dhBits !== null && scan.dhBits < 2048) found.add('weakDh')
  return WEAK_ORDER.filter((k) => found.has(k))
}

/** Stored entries are re-validated when read (storage is input too): facts that parse, or an error's reason. */
const ScanEntrySchema: v.GenericSchema<unknown, ScanEntry> = v.pipe(
  v.looseObject({ at: v.number(), facts: v.optional(v.unknown()), error: v.optional(v.unknown()) }),
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    const { at, facts, error } = dataset.value
    const parsed = facts === undefined ? undefined : parseScanFacts(facts)
    if (parsed) return { at, facts: parsed }
    if (typeof error === 'string') return { at, error: error.slice(0, 300) }
    addIssue({ message: 'neither scan facts nor an error' })
    return NEVER
  }),
)

/** What the companion said last (or the browser about it), and when. */
const CompanionEntrySchema = v.object({
  state: v.picklist(COMPANION_STATES),
  at: v.number(),
  version: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.slice(0, 40)),
    ),
  ),
  protocol: v.optional(v.number()),
  message: v.optional(
    v.pipe(
      v.string(),
      v.transform((s) => s.slice(0, 300)),
    ),
  ),
})
type CompanionEntry = v.InferOutput<typeof CompanionEntrySchema>

// In memory: scans running now (by host and port).
const running = new Map<string, { since: number; promise: Promise<void> }>()
/** When each target was last tried, so that a failing rescan (whose error is not stored over good facts) is not retried in a loop. */
const attempted = new Map<string, number>()
/** Scans of normal windows, in storage.local. Its generation moves with "Forget everything" (forgetScans). */
const scans = new StoredCache<ScanEntry>({ key: SCAN_CACHE_KEY, entry: ScanEntrySchema, bound: boundScans })
/** Scans of private windows, in storage.session (memory only, never on disk). */
const privateScans = new StoredCache<ScanEntry>({
  key: SCAN_CACHE_KEY,
  entry: ScanEntrySchema,
  bound: boundScans,
  area: () => browser.storage.session,
})
/** The scanner's state: `companion` (a CompanionEntry) and `hintHidden` (true), under one storage.local key. */
const scannerState = new StoredCache<CompanionEntry | true>({
  key: SCANNER_STATE_KEY,
  entry: v.union([CompanionEntrySchema, v.literal(true)]),
  bound: (entries) => entries,
})
/** A scan started under an older generation keeps nothing of what it learns ("Forget everything" came meanwhile). */
const generation = (): number => scans.generation
/** The cap on automatic scans across every tab (scan-rules.ts). */
const cap = new ScanCap()

/** The private windows' scans; none when storage.session cannot be read. */
function privateEntries(): Promise<Readonly<ScanCache>> {
  return privateScans.entries().catch((error: unknown) => {
    debug('scanner', 'the private scans could not be read', error)
    return {}
  })
}

async function entryFor(target: ScanTarget, incognito: boolean): Promise<ScanEntry | undefined> {
  const key = keyOf(target)
  // A private window sees what a normal window learned; a normal window never sees a private window's scans.
  const fromPrivate = incognito ? (await privateEntries())[key] : undefined
  const fromLocal = (await scans.entries())[key]
  if (fromPrivate && (!fromLocal || fromPrivate.at > fromLocal.at)) return fromPrivate
  return fromLocal
}

async function store(target: ScanTarget, incognito: boolean, entry: ScanEntry, startedIn: number): Promise<void> {
  const key = keyOf(target)
  const now = Date.now()
  if (startedIn !== generation()) return
  if (incognito) {
    await privateScans
      .update((cache) => ({ ...cache, [key]: entry }), now)
      .catch((error: unknown) => debug('scanner', 'a private scan could not be kept', error))
    return
  }
  await scans.update(
    (cache) => {
      // A failed rescan never throws away good facts: they stay until they are too old.
      const previous = cache[key]
      if (entry.error && previous?.facts && now - previous.at < KEEP_MS) return undefined
      return { ...cache, [key]: entry }
    },
    now,
    startedIn,
  )
}

async function loadState(): Promise<ScannerState> {
  const { companion, hintHidden } = await scannerState.entries()
  return {
    ...(companion !== undefined && companion !== true ? { companion } : {}),
    ...(hintHidden === true ? { hintHidden: true } : {}),
  }
}

async function saveState(change: Partial<ScannerState>): Promise<void> {
  await scannerState.update((entries) => ({ ...entries, ...change }), Date.now())
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error('the companion did not answer in time')), ms)),
  )
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

/**
 * Asks the companion `hello` now, and keeps what it (or the browser) said. The setup page calls this every second
 * while it is shown; a scan calls it first unless a working companion answered in the last HELLO_FRESH_MS.
 */
export function checkCompanion(): Promise<CompanionStatus> {
  // Several asks at once (a popup, the setup page, a scan) share one companion start.
  checking ??= askHello().finally(() => (checking = undefined))
  return checking
}
let checking: Promise<CompanionStatus> | undefined

async function askHello(): Promise<CompanionStatus> {
  let status: CompanionStatus
  try {
    status = companionFromHello(
      await withTimeout(browser.runtime.sendNativeMessage(COMPANION_NAME, { type: 'hello' }), HELLO_TIMEOUT_MS),
    )
  } catch (error) {
    status = companionFromError(error instanceof Error ? error.message : String(error))
  }
  const previous = (await loadState()).companion
  const changed =
    previous?.state !== status.state || previous.version !== status.version || previous.protocol !== status.protocol
  if (changed || status.state === 'working') await saveState({ companion: { ...status, at: Date.now() } })
  return status
}

/** What Vigie knows of the companion, without asking it. */
export async function knownCompanion(): Promise<CompanionStatus & { at?: number }> {
  return (await loadState()).companion ?? { state: 'unknown' }
}

/** The one conversation with the companion about a scan: the request, with the address, and a validated reply. */
async function askCompanion(
  target: ScanTarget,
  address: string | undefined,
): Promise<{ facts: ScanFacts } | { error: string } | { refused: CompanionStatus }> {
  let raw: unknown
  try {
    // No address: the user asked for this scan after the popup's warning about the proxy (the only scan sent
    // without one; scanRoute keeps every other page without an address from being scanned at all).
    const request = {
      type: 'scan',
      host: target.host,
      port: target.port,
      ...(address ? { address } : { resolve: true }),
    }
    raw = await withTimeout(browser.runtime.sendNativeMessage(COMPANION_NAME, request), REPLY_TIMEOUT_MS)
  } catch (error) {
    const status = companionFromError(error instanceof Error ? error.message : String(error))
    return status.state === 'broken' ? { error: status.message ?? '' } : { refused: status }
  }
  const reply = v.safeParse(CompanionReplySchema, raw)
  if (!reply.success) return { error: 'the companion sent an answer Vigie does not understand' }
  if (reply.output.type === 'error') return { error: reply.output.message }
  if (reply.output.type !== 'scan-result') return { error: 'the companion sent an answer Vigie does not understand' }
  const facts = parseScanFacts(reply.output.facts)
  if (!facts)
    return {
      error:
        'the companion sent facts Vigie does not understand (is it up to date? Install it again from Vigie’s setup page)',
    }
  if (facts.error) return { error: facts.error.reason.slice(0, 300) }
  return { facts }
}

interface Waiting {
  page: ScanPage
  onUpdate: (host: string) => void
  /** Whether a tab still shows this host and port: a scan for a page already left is not worth its slot. */
  wanted: () => Promise<boolean>
  since: number
}
/** Automatic scans waiting for the cap, by host and port, oldest first. */
const waiting = new Map<string, Waiting>()
let drainTimer: ReturnType<typeof setTimeout> | undefined

/** Starts waiting scans while the cap allows; sets a timer for when it will allow the next. */
function drain(): void {
  clearTimeout(drainTimer)
  drainTimer = undefined
  void (async () => {
    for (const [key, entry] of waiting) {
      const wait = cap.waitFor(Date.now())
      if (wait === Infinity) return // the running scan calls drain() when it ends
      if (wait > 0) {
        drainTimer = setTimeout(drain, wait)
        return
      }
      waiting.delete(key)
      if (!(await entry.wanted().catch(() => false))) {
        entry.onUpdate(new URL(entry.page.url).hostname)
        continue
      }
      if (!cap.tryStart(Date.now())) {
        waiting.set(key, entry) // taken meanwhile: back in line
        continue
      }
      void run(entry.page, entry.onUpdate, true) // its slot is taken; it frees it and drains the line again when it ends
    }
  })().catch((error: unknown) => debug('scanner', 'the waiting scans could not be started', error))
}

async function helloIfStale(): Promise<CompanionStatus> {
  const known = (await loadState()).companion
  if (known?.state === 'working' && Date.now() - known.at < HELLO_FRESH_MS) return known
  return checkCompanion()
}

/** Runs one scan now (its slot, if automatic, already taken). */
function run(page: ScanPage, onUpdate: (host: string) => void, capped: boolean): Promise<void> {
  const target = scanTargetOf(page.url)!
  const key = keyOf(target)
  const route = scanRoute(page.connection)
  const since = Date.now()
  const startedIn = generation()
  attempted.set(key, since)
  const pageHost = new URL(page.url).hostname
  const promise = (async () => {
    const companion = await helloIfStale()
    if (companion.state !== 'working') return
    const answer = await askCompanion(target, route.kind === 'ok' ? route.address : undefined)
    // "Forget everything" came while the scan ran: what it learned is not written back.
    if (startedIn !== generation()) return
    if ('refused' in answer) {
      await saveState({ companion: { ...answer.refused, at: Date.now() } })
      return
    }
    const entry = 'facts' in answer ? { at: Date.now(), facts: answer.facts } : { at: Date.now(), error: answer.error }
    await store(target, page.incognito, entry, startedIn)
  })()
    .catch((error: unknown) => debug('scanner', 'a scan failed', error))
    .finally(() => {
      running.delete(key)
      if (capped) {
        cap.finish()
        drain()
      }
      onUpdate(pageHost)
    })
  running.set(key, { since, promise })
  onUpdate(pageHost)
  return promise
}

/** Why a companion that is not working keeps automatic scans away, for a day (the setup page or Check again asks sooner). */
function companionBlocks(known: ScannerState['companion'], now: number): boolean {
  return (
    known !== undefined && known.state !== 'working' && known.state !== 'unknown' && now - known.at < RESCAN_AFTER_MS
  )
}

/**
 * Scans a page's server (or joins the scan in progress). `force`: the user asked (Rescan), so the cache, the daily
 * rhythm, the cap and a page reached through a proxy are not in the way (the popup warned about the proxy before
 * the click); a page whose address the browser did not give is never scanned. Automatic scans (no `force`) run only
 * for the address the browser used, wait for the cap, and `wanted` tells at their turn whether a tab still shows
 * the page. Calls `onUpdate` with the host when the scan starts, waits, and when its result is in.
 */
export async function scan(
  page: ScanPage,
  onUpdate: (host: string) => void,
  options: { force?: boolean; wanted?: () => Promise<boolean> } = {},
): Promise<void> {
  const target = scanTargetOf(page.url)
  if (!target) return
  const key = keyOf(target)
  const inProgress = running.get(key)
  if (inProgress) return inProgress.promise
  const route = scanRoute(page.connection)
  const now = Date.now()
  if (options.force) {
    if (route.kind === 'no-address') return
    waiting.delete(key)
    return run(page, onUpdate, false)
  }
  if (route.kind !== 'ok' || waiting.has(key)) return
  if (now - (attempted.get(key) ?? -Infinity) < RETRY_ERROR_MS) return
  if (!isDue(await entryFor(target, page.incognito), now)) return
  if (companionBlocks((await loadState()).companion, now)) return
  if (running.has(key) || waiting.has(key)) return
  if (waiting.size === 0 && cap.tryStart(Date.now())) return run(page, onUpdate, true)
  // Over the cap: in line, oldest first; the popup says it waits.
  if (waiting.size >= MAX_WAITING) waiting.delete(waiting.keys().next().value!)
  waiting.set(key, { page, onUpdate, wanted: options.wanted ?? (async () => true), since: now })
  onUpdate(new URL(page.url).hostname)
  drain()
}

/** The scan facts to grade a page with, when there are any young enough. */
export async function scanFactsFor(url: string, incognito: boolean, now: number): Promise<ScanFacts | undefined> {
  const target = scanTargetOf(url)
  if (!target) return undefined
  const entry = await entryFor(target, incognito)
  return entry?.facts && now - entry.at < KEEP_MS ? entry.facts : undefined
}

/** When a waiting scan may start: when the cap next allows one, or later still behind the ones before it. */
function startsIn(key: string, now: number): number {
  const ahead = [...waiting.keys()].indexOf(key)
  const wait = cap.waitFor(now)
  return Math.max(0, Number.isFinite(wait) ? wait : 0) + Math.max(0, ahead) * 10_000
}

/** What the popup shows: absent when the scanner is off or the page is not https. */
export async function scannerStatus(
  page: ScanPage,
  setting: SourceSetting,
  tls: TlsFacts | undefined,
  now: number,
): Promise<ScannerStatus | undefined> {
  const target = scanTargetOf(page.url)
  if (!setting.enabled || !target) return undefined
  const [entry, state] = await Promise.all([entryFor(target, page.incognito), loadState()])
  const companion: CompanionStatus = state.companion ?? { state: 'unknown' }
  const base = {
    mode: setting.mode,
    route: scanRoute(page.connection).kind,
    accepts: [] as string[],
    hintHidden: state.hintHidden === true,
    companion: {
      state: companion.state,
      ...(companion.version !== undefined ? { version: companion.version } : {}),
      ...(companion.protocol !== undefined ? { protocol: companion.protocol } : {}),
      ...(companion.message !== undefined ? { message: companion.message } : {}),
      extensionId: browser.runtime.id,
    },
  }
  const key = keyOf(target)
  const inProgress = running.get(key)
  if (inProgress) return { ...base, state: 'running', at: inProgress.since }
  const facts = entry?.facts && now - entry.at < KEEP_MS ? entry.facts : undefined
  const rating = facts ? ratingSummary(facts) : undefined
  const found = facts
    ? {
        at: Date.parse(facts.observedAt) || entry!.at,
        accepts: alsoAccepted(facts, tls),
        ...(rating ? { rating } : {}),
      }
    : {}
  if (waiting.has(key)) return { ...base, state: 'waiting', at: now + startsIn(key, now) }
  if (facts) return { ...base, state: 'ready', ...found }
  if (entry?.error) return { ...base, state: 'error', at: entry.at, message: entry.error }
  return { ...base, state: 'none' }
}

export async function hideInstallHint(): Promise<void> {
  await saveState({ hintHidden: true })
}

/** "Forget everything": the caches, the companion's last word, and the result of any scan running or waiting now. */
export async function forgetScans(): Promise<void> {
  waiting.clear()
  attempted.clear()
  await Promise.all([
    scans.clear(),
    scannerState.clear(),
    privateScans.clear().catch((error: unknown) => debug('scanner', 'the private scans could not be removed', error)),
  ])
}

/**
 * The SSL Labs rating of every host scanned from a normal window (never a private one's), for the report page:
 * keyed by host name and by host:port, the forms the report page's hosts take.
 */
export async function ratingsByHost(now: number): Promise<Map<string, ServerRatingSummary>> {
  const ratings = new Map<string, ServerRatingSummary>()
  const entries = Object.values(await scans.entries()).sort((a, b) => a.at - b.at)
  for (const entry of entries) {
    if (!entry.facts || now - entry.at >= KEEP_MS) continue
    const rating = ratingSummary(entry.facts)
    if (!rating) continue
    ratings.set(`${entry.facts.host}:${entry.facts.port}`, rating)
    if (entry.facts.port === 443) ratings.set(entry.facts.host, rating)
  }
  return ratings
}
