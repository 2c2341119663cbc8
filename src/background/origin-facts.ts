/**
 * The network facts last seen for each origin, so that a page that reaches the tab without a response the network
 * listeners saw (a service worker served it from its own cache) keeps what its origin's last response earned
 * (issue #21: B on the first visit must not become A+ when the worker serves the page). Kept in storage.session
 * (memory only: nothing of a private window reaches the disk), per origin and window kind, MAX_ORIGINS at most.
 */
import * as v from 'valibot'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'
import { StoredCache, type Entries } from './stored-cache.ts'
import type { LeftDocument } from './tab-state.ts'

export type OriginFacts = Pick<LeftDocument, 'transport' | 'certificate' | 'tls'>
type OriginEntry = OriginFacts & { at: number }

const KEY = 'originFacts'
export const MAX_ORIGINS = 50

/** Read back, an entry must have its date, and its facts must be objects (they were kept from the tab's state). */
const FactsObject = v.optional(v.looseObject({}))
const OriginEntrySchema = v.pipe(
  v.looseObject({ at: v.number(), transport: FactsObject, certificate: FactsObject, tls: FactsObject }),
  v.transform((entry) => entry as OriginEntry),
)

/** The newest MAX_ORIGINS origins. */
function newest(entries: Entries<OriginEntry>): Entries<OriginEntry> {
  return Object.fromEntries(
    Object.entries(entries)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_ORIGINS),
  )
}

const cache = new StoredCache<OriginEntry>({
  key: KEY,
  entry: OriginEntrySchema,
  bound: newest,
  area: () => browser.storage.session,
})

const keyOf = (origin: string, incognito: boolean) => `${incognito ? 'private' : 'normal'} ${origin}`

/**
 * A response that says what the origin's last one said, less than UNCHANGED_MS after it, writes nothing: each page
 * load of a site would otherwise write the whole map to storage while the page loads (bench:calls).
 */
export const UNCHANGED_MS = 5 * 60_000
/** The facts as JSON without the times they were observed at, to compare two responses' facts. */
const sansDates = ({ transport, certificate, tls }: OriginFacts): string =>
  JSON.stringify({ transport, certificate, tls }, (name, value: unknown) => (name === 'observedAt' ? undefined : value))

/** Notes what a response of `origin` said; the newest MAX_ORIGINS origins are kept. Never rejects. */
export async function noteOrigin(origin: string, incognito: boolean, facts: OriginFacts, now: number): Promise<void> {
  const key = keyOf(origin, incognito)
  await cache
    .update((entries) => {
      const last = entries[key]
      if (last && now - last.at >= 0 && now - last.at < UNCHANGED_MS && sansDates(last) === sansDates(facts))
        return undefined
      return { ...entries, [key]: { ...facts, at: now } }
    }, now)
    .catch((error: unknown) => debug('origin-facts', 'the facts of an origin could not be kept', error))
}

/** What the last response of `origin` said, in this kind of window. Never rejects. */
export async function lastSeen(origin: string, incognito: boolean): Promise<OriginFacts | undefined> {
  const entry = await cache.get(keyOf(origin, incognito)).catch((error: unknown) => {
    debug('origin-facts', 'the facts of the origins could not be read', error)
    return undefined
  })
  if (!entry) return undefined
  const { transport, certificate, tls } = entry
  return { ...(transport ? { transport } : {}), ...(certificate ? { certificate } : {}), ...(tls ? { tls } : {}) }
}

/** "Forget everything". Never rejects. */
export async function forgetOrigins(): Promise<void> {
  await cache
    .clear()
    .catch((error: unknown) => debug('origin-facts', 'the facts of the origins could not be removed', error))
}
