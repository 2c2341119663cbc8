/**
 * Per-tab facts, kept in storage.session so they survive the Chrome service worker and the Firefox event page
 * being stopped (storage.session lives in memory only: nothing of a private window reaches the disk).
 * Updates to one tab run one after another, so a slow getSecurityInfo never races a content-script report.
 *
 * storage.session is one small quota (10 MB in Chrome) shared by every tab, and pages are hostile: a page can hold
 * thousands of frames, each with forms of long URLs. So each tab keeps only what grading uses (the scheme of a
 * form's destination, the origin of a frame), at most MAX_FRAMES frames with something to grade (frames that report
 * nothing, or left the page, are forgotten; beyond that the least recently heard goes), and at most MAX_TAB_BYTES
 * in all. The copy in memory is the one the badge is set from: a write to storage that fails (quota) costs
 * nothing but survival across a background restart, and never throws. Writes are batched: a tab's state is
 * written at most once per WRITE_DELAY_MS, however many frames report.
 */
import {
  ownFrames,
  schemeOf,
  type CertificateFacts,
  type FormFact,
  type FrameFact,
  type SiteFacts,
  type TlsFacts,
  type TransportFacts,
} from '../core/index.ts'
import * as v from 'valibot'
import { FrameReportSchema } from '../messages.ts'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'
import { KeyedQueue } from './keyed-queue.ts'
import type { HostMemory } from './memory.ts'
import type { ConnectionFacts } from './scan-rules.ts'

export interface TabState {
  /** The top document's URL. */
  url: string
  /** The main_frame request that loaded it, when the background saw it. */
  requestId?: string
  incognito: boolean
  transport?: TransportFacts
  /** Where the browser connected for this document (webRequest's ip), and whether through a proxy: the scanner's limits. */
  connection?: ConnectionFacts
  certificate?: CertificateFacts
  tls?: TlsFacts
  /** What the content script reported, by frameId: only frames with something to grade, and the top one. */
  frames: Record<string, FrameFact>
  /** Non-top frame ids, the least recently reported first. */
  order?: string[]
  /** The browser said the page finished loading. */
  loaded?: boolean
  /** When the document's response came (ms since the epoch), if the background saw it. */
  since?: number
  /** This host's report from an earlier visit, if Vigie remembers one. */
  previous?: HostMemory
  /**
   * The user chose "Forget everything" while this document was open: it is not remembered again (a late refresh
   * would otherwise write it back at once). The tab's next document starts without it.
   */
  forgotten?: boolean
  /**
   * The documents this tab left, newest first, for the back-forward cache: a page restored by Back or Forward is
   * not loaded again, so the network facts Vigie saw when it loaded are kept here (never its frames: a restored
   * page reports them again).
   */
  back?: LeftDocument[]
  /**
   * Documents whose response came but that the tab does not show (yet), oldest first: a navigation that has not
   * committed, that never will (a link answered 204 No Content, a download), or a page prerendered in the
   * background (Chromium's speculation rules). The badge and the popup show the committed document alone; one of
   * these becomes it when the tab commits its URL (committing).
   */
  pending?: PendingDocument[]
}

export type LeftDocument = Pick<
  TabState,
  'url' | 'requestId' | 'incognito' | 'transport' | 'connection' | 'certificate' | 'tls' | 'previous'
>
export type PendingDocument = LeftDocument & Pick<TabState, 'since'>

/** Frames with something to grade kept per tab, besides the top one. */
export const MAX_FRAMES = 16
/** Documents kept for the back-forward cache, per tab. */
export const MAX_BACK = 3
/** Navigations kept until they commit, per tab (the newest ones). */
export const MAX_PENDING = 3
/** What one tab may hold in storage.session, as JSON characters (key included). */
export const MAX_TAB_BYTES = 64 * 1024
// Writes are batched this long; a badge waits for its state to be stored (persisted(), used by pipeline.ts).
const WRITE_DELAY_MS = 20
const MAX_FRAME_URL = 300

/** The page's facts are complete once its top frame reported, or it loaded without a content script. */
export function isComplete(state: TabState): boolean {
  return state.frames['0'] !== undefined || state.loaded === true
}

/** How long a page loads before the host's last grade shows on its badge, grey. */
export const PREVIOUS_AFTER_MS = 500

/**
 * When the host's last grade may show on the badge of a page still loading: null when there is none to show (the
 * page's own facts are in, or Vigie remembers nothing of the host), else in how many milliseconds (0 or less: now).
 * A page that loads within PREVIOUS_AFTER_MS of its response gets its own grade without a grey one first, and the
 * work of drawing that one (the badge, the title, the icon) stays out of the page's load.
 */
export function previousDueIn(state: TabState, now: number): number | null {
  if (isComplete(state) || !state.previous) return null
  return state.since === undefined ? 0 : state.since + PREVIOUS_AFTER_MS - now
}

/** A frame reduced to what the checks read: its origin (the top's whole URL), and forms by destination scheme. */
export function compactFrame(frame: FrameFact): FrameFact {
  let url = frame.url
  if (!frame.top) {
    try {
      url = `${new URL(frame.url).origin}/`
    } catch {
      url = `${schemeOf(frame.url)}:`
    }
  }
  const forms: FormFact[] = []
  const seen = new Set<string>()
  for (const form of frame.forms) {
    const fact: FormFact = {
      action: `${schemeOf(form.action)}:`.slice(0, 32),
      method: form.method,
      explicit: form.explicit,
      password: form.password,
    }
    const key = `${fact.action}|${fact.method}|${fact.explicit}|${fact.password}`
    if (!seen.has(key)) {
      seen.add(key)
      forms.push(fact)
    }
  }
  // Password fields' length caps feed password-short-max-length (at most MAX_LIMITS of them, as the message allows).
  const limits = frame.passwordLimits?.map(({ maxLength, newPassword }) => ({ maxLength, newPassword }))
  return {
    url: url.slice(0, frame.top ? 2048 : MAX_FRAME_URL),
    top: frame.top,
    passwordFields: frame.passwordFields,
    forms,
    ...(limits && limits.length > 0 ? { passwordLimits: limits } : {}),
  }
}

const hasSomething = (frame: FrameFact): boolean => frame.passwordFields > 0 || frame.forms.length > 0

/**
 * The state with one frame's report applied (undefined: the frame left). Frames other than the top are kept only
 * while they have something to grade, and at most MAX_FRAMES of them: the least recently heard goes first.
 */
export function withFrame(state: TabState, frameId: number, frame: FrameFact | undefined): TabState {
  const id = String(frameId)
  const frames = { ...state.frames }
  let order = (state.order ?? []).filter((f) => f !== id && f in frames)
  if (frame === undefined || (!frame.top && !hasSomething(frame))) {
    if (id !== '0') delete frames[id]
  } else {
    frames[id] = compactFrame(frame)
    if (id !== '0') order.push(id)
  }
  while (order.length > MAX_FRAMES) delete frames[order.shift()!]
  order = order.filter((f) => f in frames)
  return { ...state, frames, order }
}

/** The network facts of a document, kept for the back-forward cache. */
export function leftDocument(state: TabState): LeftDocument {
  const { url, requestId, incognito, transport, connection, certificate, tls, previous } = state
  return {
    url,
    incognito,
    ...(requestId !== undefined ? { requestId } : {}),
    ...(transport ? { transport } : {}),
    ...(connection ? { connection } : {}),
    ...(certificate ? { certificate } : {}),
    ...(tls ? { tls } : {}),
    ...(previous ? { previous } : {}),
  }
}

/** A URL without its fragment: the same document whatever its #. */
export function documentUrl(url: string): string {
  const hash = url.indexOf('#')
  return hash === -1 ? url : url.slice(0, hash)
}

/**
 * `next`, a new document of the tab, remembering the one it replaces (when that one was complete) for Back.
 * Navigations pending before it are over (`next.pending` says which are still on their way).
 */
export function replacing(old: TabState | undefined, next: TabState): TabState {
  const back = old ? [...(isComplete(old) && old.url !== next.url ? [leftDocument(old)] : []), ...(old.back ?? [])] : []
  return back.length > 0 ? { ...next, back: back.slice(0, MAX_BACK) } : next
}

/** Whether `url` is an http(s) address. */
const isWeb = (url: string | undefined): url is string => typeof url === 'string' && /^https?:/i.test(url)

/**
 * A document's response arrived (`doc`) while the tab shows `shown` (its committed URL, as tabs.get says). When the
 * tab shows that URL already (a reload, or the commit was told first) or shows no web page, the document is the
 * tab's at once; otherwise it waits in `pending` until the tab commits its URL (committing), and the tab keeps
 * showing the state of the page the user sees.
 */
export function arriving(state: TabState | undefined, doc: PendingDocument, shown: string | undefined): TabState {
  if (!isWeb(shown) || documentUrl(shown) === documentUrl(doc.url)) return replacing(state, { ...doc, frames: {} })
  // The tab shows a page Vigie did not see load (it started later): that page, with what it will tell itself.
  const base = state ?? { url: shown, incognito: doc.incognito, frames: {} }
  const others = (base.pending ?? []).filter((p) => p.requestId !== doc.requestId)
  return { ...base, pending: [...others, doc].slice(-MAX_PENDING) }
}

/**
 * The state once the tab committed `url`: the navigation pending for it becomes the tab's document (those that
 * arrived before it are over), or undefined when none is pending for that URL.
 */
export function committing(state: TabState, url: string): TabState | undefined {
  const pending = state.pending ?? []
  const index = pending.findLastIndex((p) => documentUrl(p.url) === documentUrl(url))
  if (index === -1) return undefined
  const later = pending.slice(index + 1)
  return replacing(state, { ...pending[index]!, url, frames: {}, ...(later.length > 0 ? { pending: later } : {}) })
}

/**
 * Applies `change` to the document loaded by `requestId`: the tab's own, or a pending one. The state unchanged when
 * neither is.
 */
export function withDocument(
  state: TabState | undefined,
  requestId: string,
  change: (doc: PendingDocument) => PendingDocument,
): TabState | undefined {
  if (!state) return state
  if (state.requestId === requestId) return { ...state, ...change(state) }
  const index = (state.pending ?? []).findIndex((p) => p.requestId === requestId)
  if (index === -1) return state
  const pending = [...state.pending!]
  pending[index] = change(pending[index]!)
  return { ...state, pending }
}

/** The state of a document restored from the back-forward cache: its network facts when Vigie still has them. */
export function restored(old: TabState | undefined, url: string, incognito: boolean): TabState {
  const back = old?.back ?? []
  const index = back.findIndex((d) => documentUrl(d.url) === documentUrl(url) && d.incognito === incognito)
  const found = index === -1 ? undefined : back[index]!
  const rest = back.filter((_, i) => i !== index)
  const base: TabState = found ? { ...found, url, frames: {} } : { url, incognito, frames: {} }
  const next = replacing(old ? { ...old, back: rest } : undefined, base)
  return next
}

/** The state within MAX_TAB_BYTES: the oldest documents kept for Back go first, then the least recent frames. */
export function bounded(state: TabState, key = 'tab:0'): TabState {
  const size = (s: TabState) => key.length + JSON.stringify(s).length
  if (size(state) <= MAX_TAB_BYTES) return state
  let next = { ...state, back: [...(state.back ?? [])], order: [...(state.order ?? [])], frames: { ...state.frames } }
  // Navigations that may never commit go first (the oldest first), then the documents kept for Back.
  if (next.pending) {
    next.pending = [...next.pending]
    while (next.pending.length > 0 && size(next) > MAX_TAB_BYTES) next.pending.shift()
  }
  while (next.back.length > 0 && size(next) > MAX_TAB_BYTES) next.back.pop()
  while (next.order.length > 0 && size(next) > MAX_TAB_BYTES) delete next.frames[next.order.shift()!]
  if (size(next) > MAX_TAB_BYTES) {
    // Only a pathological certificate chain or report gets here: keep the page and what its response said.
    const top = next.frames['0']
    next = {
      url: next.url.slice(0, 2048),
      incognito: next.incognito,
      back: [],
      order: [],
      frames: top ? { '0': top } : {},
      ...(next.loaded ? { loaded: true } : {}),
      ...(next.transport ? { transport: next.transport } : {}),
    }
  }
  return next
}

/**
 * What storage.session gives back is checked before use (storage is input too): the fields grading and the badge
 * read first, each frame as a content script's report is checked; the network facts must be objects (they were
 * compacted and bounded when they were kept). A state that fails is dropped: the tab's next event builds it again.
 */
const FrameSchema = v.object({ ...FrameReportSchema.entries, top: v.boolean() })
const FactsObject = v.optional(v.looseObject({}))
const DocumentSchema = v.looseObject({ url: v.string(), incognito: v.boolean() })
const StoredTabSchema = v.looseObject({
  url: v.pipe(v.string(), v.maxLength(MAX_TAB_BYTES)),
  incognito: v.boolean(),
  requestId: v.optional(v.string()),
  frames: v.record(v.string(), FrameSchema),
  order: v.optional(v.array(v.string())),
  loaded: v.optional(v.boolean()),
  since: v.optional(v.number()),
  forgotten: v.optional(v.boolean()),
  transport: FactsObject,
  connection: FactsObject,
  certificate: FactsObject,
  tls: FactsObject,
  previous: FactsObject,
  back: v.optional(v.array(DocumentSchema)),
  pending: v.optional(v.array(DocumentSchema)),
})

/** The stored state of a tab, when it has the shape of one. */
function readTab(raw: unknown): TabState | undefined {
  if (raw === undefined) return undefined
  const parsed = v.safeParse(StoredTabSchema, raw)
  if (parsed.success) return raw as TabState
  debug('tab-state', 'dropped a stored tab state of the wrong shape')
  return undefined
}

const key = (tabId: number): string => `tab:${tabId}`
const memory = new Map<number, TabState>()
/** Tabs whose state was dropped: storage may still hold an old copy until the removal lands. */
const removed = new Set<number>()
/** Changes to a tab's state, one at a time per tab. */
const changes = new KeyedQueue<number>()
/** Writes of a tab's state to storage, one at a time per tab. */
const writes = new KeyedQueue<number>()
const pendingWrites = new Map<number, ReturnType<typeof setTimeout>>()

export async function loadTab(tabId: number): Promise<TabState | undefined> {
  const cached = memory.get(tabId)
  if (cached) return cached
  if (removed.has(tabId)) return undefined
  const stored = await browser.storage.session.get(key(tabId)).catch((error: unknown) => {
    debug('tab-state', 'a tab state could not be read', error)
    return {} as Record<string, unknown>
  })
  const state = readTab(stored[key(tabId)])
  if (state) memory.set(tabId, state)
  return state
}

/** Writes (or removes) the tab's stored copy, as it is when its turn comes; resolves when storage has it. Never rejects. */
function writeNow(tabId: number): Promise<void> {
  return writes.run(tabId, async () => {
    const state = memory.get(tabId)
    try {
      await (state ? browser.storage.session.set({ [key(tabId)]: state }) : browser.storage.session.remove(key(tabId)))
    } catch (error) {
      // Quota or a closing browser: the copy in memory stays right, and the badge with it.
      debug('tab-state', 'a tab state could not be stored', error)
    } finally {
      if (!memory.has(tabId)) removed.delete(tabId)
    }
  })
}

/** Writes (or removes) the tab's stored copy soon, once for any number of changes meanwhile. Never throws. */
function scheduleWrite(tabId: number): void {
  if (pendingWrites.has(tabId)) return
  pendingWrites.set(
    tabId,
    setTimeout(() => {
      pendingWrites.delete(tabId)
      void writeNow(tabId)
    }, WRITE_DELAY_MS),
  )
}

/**
 * Resolves once storage holds the tab's state as it is now (a write due soon is made at once): a badge shown after
 * this survives the background being stopped the next moment. Never rejects.
 */
export async function persisted(tabId: number): Promise<void> {
  await changes.idle(tabId)
  const due = pendingWrites.get(tabId)
  if (due !== undefined) {
    clearTimeout(due)
    pendingWrites.delete(tabId)
    await writeNow(tabId)
    return
  }
  await writes.idle(tabId)
}

/**
 * Runs `change` on the tab's state after every earlier change to that tab; keeps what it returns (bounded) and
 * saves it soon. Never rejects: a change that throws leaves the state as it was.
 */
export function updateTab(
  tabId: number,
  change: (state: TabState | undefined) => TabState | undefined | Promise<TabState | undefined>,
): Promise<TabState | undefined> {
  return changes.run(tabId, async () => {
    const before = await loadTab(tabId)
    let state: TabState | undefined
    try {
      state = await change(before)
    } catch (error) {
      debug('tab-state', 'a change to a tab state failed', error)
      return before
    }
    // Nothing changed: nothing to write.
    if (state === before) return state
    if (state === undefined) {
      memory.delete(tabId)
      removed.add(tabId)
    } else {
      state = bounded(state, key(tabId))
      memory.set(tabId, state)
      removed.delete(tabId)
    }
    scheduleWrite(tabId)
    return state
  })
}

export async function allTabIds(): Promise<number[]> {
  const all = await browser.storage.session.get(null).catch((error: unknown) => {
    debug('tab-state', 'the tab states could not be listed', error)
    return {} as Record<string, unknown>
  })
  const ids = new Set(
    Object.keys(all)
      .filter((k) => k.startsWith('tab:'))
      .map((k) => Number(k.slice(4)))
      .filter((id) => Number.isInteger(id) && !removed.has(id)),
  )
  for (const id of memory.keys()) ids.add(id)
  return [...ids]
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

/**
 * Whether the site itself has a login form: in the top document or a frame of its own origin, as grading counts
 * them. A third party's frame (a login widget, an ad) never makes Vigie name the host to a service.
 */
export function hasSiteLoginForm(state: TabState): boolean {
  return ownFrames(factsOf(state)).some((f) => f.passwordFields > 0)
}
