/**
 * Per-tab facts, kept in storage.session so they survive the Chrome service worker and the Firefox event page
 * being stopped (storage.session lives in memory only: nothing of a private window reaches the disk).
 * Updates to one tab run one after another, so a slow getSecurityInfo never races a content-script report.
 */
import type { CertificateFacts, FrameFact, SiteFacts, TlsFacts, TransportFacts } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import type { HostMemory } from './memory.ts'

export interface TabState {
  /** The top document's URL. */
  url: string
  /** The main_frame request that loaded it, when the background saw it. */
  requestId?: string
  incognito: boolean
  transport?: TransportFacts
  certificate?: CertificateFacts
  tls?: TlsFacts
  /** What the content script reported, by frameId. */
  frames: Record<string, FrameFact>
  /** The browser said the page finished loading. */
  loaded?: boolean
  /** This host's report from an earlier visit, if Vigie remembers one. */
  previous?: HostMemory
}

/** The page's facts are complete once its top frame reported, or it loaded without a content script. */
export function isComplete(state: TabState): boolean {
  return state.frames['0'] !== undefined || state.loaded === true
}

const key = (tabId: number): string => `tab:${tabId}`
const memory = new Map<number, TabState>()
const queues = new Map<number, Promise<unknown>>()

export async function loadTab(tabId: number): Promise<TabState | undefined> {
  const cached = memory.get(tabId)
  if (cached) return cached
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabState | undefined
  if (stored && typeof stored.url === 'string' && typeof stored.frames === 'object') {
    memory.set(tabId, stored)
    return stored
  }
  return undefined
}

/** Runs `change` on the tab's state after every earlier change to that tab; saves what it returns. */
export function updateTab(
  tabId: number,
  change: (state: TabState | undefined) => TabState | undefined | Promise<TabState | undefined>,
): Promise<TabState | undefined> {
  const previous = queues.get(tabId) ?? Promise.resolve()
  const next = previous
    .catch(() => undefined)
    .then(async () => {
      const state = await change(await loadTab(tabId))
      if (state === undefined) {
        memory.delete(tabId)
        await browser.storage.session.remove(key(tabId))
      } else {
        memory.set(tabId, state)
        await browser.storage.session.set({ [key(tabId)]: state })
      }
      return state
    })
  queues.set(tabId, next)
  void next.finally(() => {
    if (queues.get(tabId) === next) queues.delete(tabId)
  })
  return next
}

export async function allTabIds(): Promise<number[]> {
  const all = await browser.storage.session.get(null)
  return Object.keys(all)
    .filter((k) => k.startsWith('tab:'))
    .map((k) => Number(k.slice(4)))
    .filter(Number.isInteger)
}

/** The core's view of a tab. */
export function factsOf(state: TabState): SiteFacts {
  const frames = Object.entries(state.frames)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([, frame]) => frame)
  return {
    page: { url: state.url, ...(frames.length > 0 ? { frames } : {}) },
    ...(state.transport ? { transport: state.transport } : {}),
    ...(state.certificate ? { certificate: state.certificate } : {}),
    ...(state.tls ? { tls: state.tls } : {}),
  }
}
