/**
 * The network facts last seen for each origin, so that a page that reaches the tab without a response the network
 * listeners saw (a service worker served it from its own cache) keeps what its origin's last response earned
 * (issue #21: B on the first visit must not become A+ when the worker serves the page). Kept in storage.session
 * (memory only: nothing of a private window reaches the disk), per origin and window kind, MAX_ORIGINS at most.
 */
import { browser } from '../platform/index.ts'
import type { LeftDocument } from './tab-state.ts'

export type OriginFacts = Pick<LeftDocument, 'transport' | 'certificate' | 'tls'>

const KEY = 'originFacts'
export const MAX_ORIGINS = 50
type Store = Record<string, OriginFacts & { at: number }>
let store: Store | null = null

const keyOf = (origin: string, incognito: boolean) => `${incognito ? 'private' : 'normal'} ${origin}`

async function load(): Promise<Store> {
  if (store) return store
  const raw = (await browser.storage.session.get(KEY).catch(() => ({}) as Record<string, unknown>))[KEY]
  store ??= raw && typeof raw === 'object' ? (raw as Store) : {}
  return store
}

/** Notes what a response of `origin` said; the newest MAX_ORIGINS origins are kept. Never rejects. */
export async function noteOrigin(origin: string, incognito: boolean, facts: OriginFacts, now: number): Promise<void> {
  const all = await load()
  const kept = Object.entries({ ...all, [keyOf(origin, incognito)]: { ...facts, at: now } })
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_ORIGINS)
  store = Object.fromEntries(kept)
  await browser.storage.session.set({ [KEY]: store }).catch(() => {})
}

/** What the last response of `origin` said, in this kind of window. */
export async function lastSeen(origin: string, incognito: boolean): Promise<OriginFacts | undefined> {
  const entry = (await load())[keyOf(origin, incognito)]
  if (!entry) return undefined
  const { transport, certificate, tls } = entry
  return { ...(transport ? { transport } : {}), ...(certificate ? { certificate } : {}), ...(tls ? { tls } : {}) }
}

/** "Forget everything". */
export async function forgetOrigins(): Promise<void> {
  store = {}
  await browser.storage.session.remove(KEY).catch(() => {})
}
