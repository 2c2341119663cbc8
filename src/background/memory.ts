/**
 * Per-host memory in storage.local: the last report of each host, so that a revisit shows it at once and a grade
 * that got worse can be pointed out, and the last report of each of its pages (up to MAX_PAGES, by a hash of the
 * page, never its path), so that the report page can give a host a grade that does not depend on which page was
 * graded last (ui/report/view-model.ts). A host is its name, with the port when it is not the scheme's default
 * (core/page-key.ts, hostKey). Bounded in count (oldest out) and in age. Never fed from private windows.
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
/** Pages remembered per host, the newest kept. */
export const MAX_PAGES = 8

/** What the report page needs of a finding besides its id: an online grade's letter, its variant, its source. */
export interface FindingNote {
  grade?: string
  variant?: string
  source?: string
}
export type FindingNotes = Partial<Record<FindingId, FindingNote>>

/** One page's last report. */
export interface PageMemory {
  grade: Grade
  findings: FindingId[]
  notes?: FindingNotes
  /** ms since the epoch */
  at: number
}

export interface HostMemory {
  grade: Grade
  findings: FindingId[]
  strictness: Strictness
  /** ms since the epoch */
  at: number
  /** Which page of the host was graded: a hash (core/page-key.ts), never the path itself. */
  page?: string
  notes?: FindingNotes
  /** The last report of each page graded at this strictness, by page hash. */
  pages?: Record<string, PageMemory>
}

type Store = Record<string, HostMemory>

const short = v.pipe(v.string(), v.maxLength(20))
const NotesSchema = v.record(
  v.picklist(FINDING_IDS),
  v.object({ grade: v.optional(short), variant: v.optional(short), source: v.optional(short) }),
)
const PAGE = /^[0-9a-f]{8}$/
const PageMemorySchema = v.object({
  grade: v.picklist(GRADES),
  findings: v.pipe(v.array(v.picklist(FINDING_IDS)), v.maxLength(200)),
  notes: v.optional(NotesSchema),
  at: v.number(),
})
const HostMemorySchema: v.GenericSchema<unknown, HostMemory> = v.object({
  grade: v.picklist(GRADES),
  findings: v.pipe(v.array(v.picklist(FINDING_IDS)), v.maxLength(200)),
  strictness: v.picklist(STRICTNESS_LEVELS),
  at: v.number(),
  page: v.optional(v.pipe(v.string(), v.regex(PAGE))),
  notes: v.optional(NotesSchema),
  pages: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.regex(PAGE)), PageMemorySchema),
      v.check((pages) => Object.keys(pages).length <= MAX_PAGES),
    ),
  ),
})

const store = new StoredCache<HostMemory>({
  key: MEMORY_KEY,
  entry: HostMemorySchema,
  bound: (entries, now) => pruned(entries, now),
})

/** The memory as it is now: pass it to remember() from work that began before it may have been forgotten. */
export const memoryGeneration = (): number => store.generation

/** The host's last report (without its other pages: a tab needs only this one). */
export async function recall(host: string, now: number): Promise<HostMemory | undefined> {
  const entry = await store.get(host)
  if (!entry || now - entry.at >= MAX_AGE_MS) return undefined
  const { pages: _pages, notes: _notes, ...last } = entry
  return last
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
    a.page === b.page &&
    JSON.stringify(a.notes ?? {}) === JSON.stringify(b.notes ?? {}) &&
    (a.page === undefined || a.pages?.[a.page] !== undefined)
  )
}

/** A report's notes: only what the report page shows and the ids cannot tell. */
function notesOf(report: Report): FindingNotes | undefined {
  const notes: FindingNotes = {}
  for (const f of report.findings) {
    const note: FindingNote = {
      ...(f.detail?.grade !== undefined ? { grade: String(f.detail.grade).slice(0, 20) } : {}),
      ...(f.variant ? { variant: f.variant.slice(0, 20) } : {}),
      ...(f.source && f.source !== 'browser' ? { source: f.source } : {}),
      // A password cap from the site's known rules (a data set), not from the page's fields.
      ...(f.detail?.from === 'rules' ? { source: 'rules' } : {}),
    }
    if (Object.keys(note).length > 0) notes[f.id] = note
  }
  return Object.keys(notes).length > 0 ? notes : undefined
}

/**
 * The host's pages with this one's report: the others kept while graded at the same strictness and younger than
 * the expiry, the newest MAX_PAGES in all.
 */
function withPage(
  known: HostMemory | undefined,
  page: string,
  entry: PageMemory,
  strictness: Strictness,
  now: number,
): Record<string, PageMemory> {
  const others = known && known.strictness === strictness ? Object.entries(known.pages ?? {}) : []
  const kept = others
    .filter(([key, p]) => key !== page && now - p.at < MAX_AGE_MS)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_PAGES - 1)
  return Object.fromEntries([[page, entry], ...kept])
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
  const notes = notesOf(report)
  const entry: HostMemory = {
    grade: report.grade,
    findings: report.findings.map((f) => f.id),
    strictness: report.strictness,
    at: now,
    ...(page ? { page } : {}),
    ...(notes ? { notes } : {}),
  }
  return store.update(
    (entries) => {
      const known = Object.hasOwn(entries, host) ? entries[host] : undefined
      // Refresh the date at most once an hour when nothing else changed, to spare the disk.
      if (same(known, entry) && now - known!.at < 3_600_000) return undefined
      const { grade, findings, at } = entry
      const pages = page
        ? withPage(known, page, { grade, findings, at, ...(notes ? { notes } : {}) }, report.strictness, now)
        : undefined
      return { ...entries, [host]: { ...entry, ...(pages ? { pages } : {}) } }
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
