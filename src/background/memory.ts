/**
 * Per-host memory in storage.local: the last report of each host, so that a revisit shows it at once and a grade
 * that got worse can be pointed out. Bounded in count (oldest out) and in age. Never fed from private windows.
 */
import * as v from 'valibot'
import {
  FINDING_IDS,
  GRADES,
  STRICTNESS_LEVELS,
  type FindingId,
  type Grade,
  type Report,
  type Strictness,
} from '../core/index.ts'
import { StoredCache } from './stored-cache.ts'

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

const HostMemorySchema: v.GenericSchema<unknown, HostMemory> = v.object({
  grade: v.picklist(GRADES),
  findings: v.pipe(v.array(v.picklist(FINDING_IDS)), v.maxLength(200)),
  strictness: v.picklist(STRICTNESS_LEVELS),
  at: v.number(),
  page: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{8}$/))),
})

const store = new StoredCache<HostMemory>({
  key: MEMORY_KEY,
  entry: HostMemorySchema,
  bound: (entries, now) => pruned(entries, now),
})

/** The memory as it is now: pass it to remember() from work that began before it may have been forgotten. */
export const memoryGeneration = (): number => store.generation

export async function recall(host: string, now: number): Promise<HostMemory | undefined> {
  const entry = await store.get(host)
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
  return (
    !!a &&
    a.grade === b.grade &&
    a.strictness === b.strictness &&
    a.findings.join() === b.findings.join() &&
    a.page === b.page
  )
}

/**
 * Remembers a host's report; writes only when it changed, one write at a time. `since`: the memory's generation
 * when the work that graded it began (memoryGeneration()); forgotten since, it is not written (issue #21).
 */
export function remember(
  host: string,
  report: Report,
  now: number,
  page?: string,
  since = store.generation,
): Promise<void> {
  const entry: HostMemory = {
    grade: report.grade,
    findings: report.findings.map((f) => f.id),
    strictness: report.strictness,
    at: now,
    ...(page ? { page } : {}),
  }
  return store.update(
    (entries) => {
      const known = Object.hasOwn(entries, host) ? entries[host] : undefined
      // Refresh the date at most once an hour when nothing else changed, to spare the disk.
      if (same(known, entry) && now - known!.at < 3_600_000) return undefined
      return { ...entries, [host]: entry }
    },
    now,
    since,
  )
}

/** Every remembered host younger than the expiry, newest first (the report page). */
export async function allRemembered(now: number): Promise<(HostMemory & { host: string })[]> {
  return Object.entries(pruned(await store.entries(), now)).map(([host, entry]) => ({ host, ...entry }))
}

export function forgetMemory(): Promise<void> {
  return store.clear()
}
