/**
 * A fact source, the one shape the background iterates (the plugin idea of sslyze's scan commands): what it adds to
 * a page's facts, what it shows in the popup, what it starts by itself on a graded page, what "Forget everything"
 * clears and what the options page counts. Adding a source is adding a module that implements this, listed in
 * sources/index.ts; the pipeline, the router and the tab lifecycle name no source.
 */
import type { SiteFacts } from '../../core/index.ts'
import type { BackgroundToUi, TabReport } from '../../messages.ts'
import type { TabState } from '../tab-state.ts'

/** What the background gives a source to tell it that its answer for a page changed. */
export interface SourceHooks {
  /** Redraws every tab that shows `host`, and tells their open popups. */
  refreshHost(host: string): void
  /** Tells the open popup of `tabId` that its answer may have changed. */
  tellUi(tabId: number): void
  /** The URLs the open tabs show (work for a page no tab shows any more is not worth doing). */
  openUrls(): Promise<string[]>
}

/** A page as the popup asks about it: its tab, its state, and the facts every source gave. */
export interface SourcePage {
  tabId: number
  state: TabState
  /** The page's host name ('' when its URL has none). */
  host: string
  facts: SiteFacts
}

/** The parts of the popup's answer for a tab that a source fills. */
export type SourceStatus = Partial<Pick<TabReport, 'online' | 'scanner' | 'account'>>

/** The parts of the options page's summary of what Vigie keeps that a source fills. */
export type SourceCount = Partial<Omit<Extract<BackgroundToUi, { type: 'bg:data' }>, 'type' | 'hosts'>>

export interface Source {
  /** For the debug log and tests. */
  readonly name: string
  /** What the source knows of the page now, from what it keeps (never waits on a network). Never rejects. */
  facts(state: TabState, now: number): Promise<Partial<SiteFacts>>
  /** What the popup shows of the source for this page. */
  status?(page: SourcePage, now: number, hooks: SourceHooks): Promise<SourceStatus>
  /** Starts what the user's settings ask for by themselves on a graded page; never blocks the page's grade. */
  trigger?(state: TabState, hooks: SourceHooks): Promise<void>
  /** "Forget everything": what the source keeps, and what it learns from work under way. */
  forget?(): Promise<void>
  /** What the options page counts of what the source keeps. */
  count?(): Promise<SourceCount>
}

/** The parts the sources gave, merged in the order of the list (a later source's key wins; none share one). */
export function merged<T extends object>(parts: readonly T[]): T {
  return parts.reduce<T>((all, part) => ({ ...all, ...part }), {} as T)
}
