/**
 * Per-host memory in storage.local: the last report of each host, so that a revisit shows it at once and a grade
 * that got worse can be pointed out. Bounded in count (oldest out) and in age. Never fed from private windows.
 */
import { FINDING_IDS, GRADES, STRICTNESS_LEVELS, type FindingId, type Grade, type Report, type Strictness } from '../core/index.ts'
import { browser } from '../platform/index.ts'

export const MEMORY_KEY = 'hostMemory'
export const MAX_HOSTS = 500
export const MAX_AGE_MS = 30 * 86_400_000

export interface HostMemory {
  grade: Grade
  findings: FindingId[]
  strictness: Strictness
  /** ms since the epoch */
  at: number
  /** Which page of the host was graded: a hash (core/page-key.ts), never the path itself. */
  page?: string
}

type Store = Record<string, HostMemory>

let cache: Store | null = null
let writes: Promise<unknown> = Promise.resolve()
/**
 * Counts "Forget everything": a read, a write or a grade that was under way when the user clicked belongs to the
 * memory forgotten, and never writes into the new one (issue #21).
 */
let generation = 0
/** The memory as it is now: pass it to remember() from work that began before it may have been forgotten. */
export const memoryGeneration = (): number => generation

function valid(entry: unknown): entry is HostMemory {
  if (!entry || typeof entry !== 'object') return false
  const e = entry as Record<string, unknown>
  return (
    (GRADES as readonly unknown[]).includes(e.grade) &&
    (STRICTNESS_LEVELS as readonly unknown[]).includes(e.strictness) &&
    typeof e.at === 'number' &&
    (e.page === undefined || (typeof e.page === 'string' && /^[0-9a-f]{8}$/.test(e.page))) &&
    Array.isArray(e.findings) &&
    e.findings.every((id) => (FINDING_IDS as readonly unknown[]).includes(id))
  )
}

async function load(): Promise<Store> {
  if (cache) return cache
  const asked = generation
  const raw = (await browser.storage.local.get(MEMORY_KEY))[MEMORY_KEY]
  // Forgotten while storage answered: what it read is gone.
  if (asked !== generation) return cache ?? {}
  const store: Store = {}
  if (raw && typeof raw === 'object') {
    for (const [host, entry] of Object.entries(raw as Record<string, unknown>)) if (valid(entry)) store[host] = entry
  }
  cache = store
  return store
}

export async function recall(host: string, now: number): Promise<HostMemory | undefined> {
  const entry = (await load())[host]
  return entry && now - entry.at < MAX_AGE_MS ? entry : undefined
}

/** Keeps the newest MAX_HOSTS entries younger than MAX_AGE_MS. Pure, for tests. */
export function pruned(store: Store, now: number): Store {
  const kept = Object.entries(store)
    .filter(([, e]) => now - e.at < MAX_AGE_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_HOSTS)
  return Object.fromEntries(kept)
}

function same(a: HostMemory | undefined, b: HostMemory): boolean {
  return !!a && a.grade === b.grade && a.strictness === b.strictness && a.findings.join() === b.findings.join() && a.page === b.page
}

/**
 * Remembers a host's report; writes only when it changed, one write at a time. `since`: the memory's generation
 * when the work that graded it began (memoryGeneration()); forgotten since, it is not written.
 */
export function remember(host: string, report: Report, now: number, page?: string, since = generation): Promise<unknown> {
  writes = writes
    .catch(() => undefined)
    .then(async () => {
      if (since !== generation) return
      const store = await load()
      if (since !== generation) return
      const entry: HostMemory = { grade: report.grade, findings: report.findings.map((f) => f.id), strictness: report.strictness, at: now, ...(page ? { page } : {}) }
      // Refresh the date at most once an hour when nothing else changed, to spare the disk.
      if (same(store[host], entry) && now - store[host]!.at < 3_600_000) return
      cache = pruned({ ...store, [host]: entry }, now)
      await browser.storage.local.set({ [MEMORY_KEY]: cache })
    })
  return writes
}

/** Every remembered host younger than the expiry, newest first (the report page). */
export async function allRemembered(now: number): Promise<(HostMemory & { host: string })[]> {
  return Object.entries(pruned(await load(), now)).map(([host, entry]) => ({ host, ...entry }))
}

export async function forgetMemory(): Promise<void> {
  // First, so that every write queued or under way sees it.
  generation++
  await writes.catch(() => undefined)
  cache = {}
  await browser.storage.local.remove(MEMORY_KEY)
}
