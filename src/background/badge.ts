/** The toolbar badge of one tab: the grade letter, a colour by grade, and a tooltip naming the worst finding. */
import { adviceKeys, type FindingId, type Grade } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'
import { KeyedQueue } from './keyed-queue.ts'

/**
 * One colour a grade, each distinct (D, E and F no longer the same red: F is the darkest), each with white text at
 * 4.5:1 or more (WCAG AA; test/unit/ui/popup/grade-words.test.ts checks both).
 */
export const BADGE_COLOURS: Record<Grade, string> = {
  'A+': '#116329',
  A: '#1a7f37',
  'A-': '#3b7a1f',
  B: '#8a6100',
  C: '#b94a00',
  D: '#cf222e',
  E: '#a3165a',
  F: '#7d0a1a',
}
export const BADGE_TEXT = '#ffffff'

/** The last visit's grade is shown in grey until the page's own facts are complete. */
export const PREVIOUS_COLOUR = '#5f6872'

/** What the badge needs of a report: its grade and its findings' ids, worst first. */
export interface BadgeSource {
  grade: Grade
  findings: readonly (FindingId | { id: FindingId })[]
}

export function badgeFor(
  report: BadgeSource,
  host: string,
  options: { previous?: boolean } = {},
): { text: string; colour: string; title: string } {
  const worst = report.findings[0]
  const worstId = typeof worst === 'string' ? worst : worst?.id
  const finding = worstId ? browser.i18n.getMessage(adviceKeys(worstId).title) : ''
  let title = worstId
    ? browser.i18n.getMessage('badgeTitleWithFinding', [report.grade, host, finding])
    : browser.i18n.getMessage('badgeTitle', [report.grade, host])
  if (options.previous) title = browser.i18n.getMessage('badgeTitlePrevious', [title])
  return { text: report.grade, colour: options.previous ? PREVIOUS_COLOUR : BADGE_COLOURS[report.grade], title }
}

/** Whether the tab's badge still has `colour` (#rrggbb) behind its text. */
async function kept(tabId: number, colour: string): Promise<boolean> {
  const rgba = await browser.action.getBadgeBackgroundColor({ tabId })
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16))
  return Array.isArray(rgba) && rgba[0] === r && rgba[1] === g && rgba[2] === b
}

/** Each tab's badge calls run one after another, so two updates never interleave their text and colour. */
const queues = new KeyedQueue<number>()
/** What each tab's badge shows now, as far as Vigie set it (the browser clears it when the tab navigates). */
const shown = new Map<number, { text: string; colour: string }>()

/**
 * Sets a tab's badge so that no moment shows a letter in another grade's colour: the browser has no call that sets
 * both, so when the colour changes under a letter, the letter goes first (a blank badge shows no colour), then the
 * colour, then the new letter.
 */
export function showBadge(
  tabId: number,
  report: BadgeSource | null,
  host = '',
  options: { previous?: boolean } = {},
): Promise<void> {
  return queues.run(tabId, () => setBadge(tabId, report, host, options))
}

async function setBadge(
  tabId: number,
  report: BadgeSource | null,
  host: string,
  options: { previous?: boolean },
): Promise<void> {
  try {
    if (report === null) {
      shown.delete(tabId)
      await browser.action.setBadgeText({ tabId, text: '' })
      await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') })
      return
    }
    const badge = badgeFor(report, host, options)
    // The browser may have reset the badge since (a navigation): ask it what it shows rather than trust memory.
    const text = await browser.action.getBadgeText({ tabId })
    const before = shown.get(tabId)
    const sameColour = before !== undefined && before.text === text && before.colour === badge.colour
    if (!sameColour) {
      if (text !== '') await browser.action.setBadgeText({ tabId, text: '' })
      shown.delete(tabId)
      await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour })
      await browser.action.setBadgeTextColor?.({ tabId, color: BADGE_TEXT })
    }
    if (!sameColour || text !== badge.text) await browser.action.setBadgeText({ tabId, text: badge.text })
    if (!sameColour && !(await kept(tabId, badge.colour))) {
      // The browser reset the badge between the colour and the text (the tab navigated): blank it, then again.
      await browser.action.setBadgeText({ tabId, text: '' })
      await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour })
      await browser.action.setBadgeText({ tabId, text: badge.text })
    }
    shown.set(tabId, { text: badge.text, colour: badge.colour })
    await browser.action.setTitle({ tabId, title: badge.title })
  } catch (error) {
    // The tab closed meanwhile.
    debug('badge', 'the badge could not be set', error)
    shown.delete(tabId)
  }
}

browser.tabs.onRemoved.addListener((tabId) => void shown.delete(tabId))
