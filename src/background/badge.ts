/** The toolbar badge of one tab: the grade letter, a colour by grade, and a tooltip naming the worst finding. */
import { adviceKeys, type FindingId, type Grade } from '../core/index.ts'
import { browser } from '../platform/index.ts'

const COLOURS: Record<Grade, string> = {
  'A+': '#1a7f37',
  A: '#1a7f37',
  'A-': '#2f8f46',
  B: '#9a6700',
  C: '#bc4c00',
  D: '#cf222e',
  E: '#cf222e',
  F: '#a40e26',
}

/** The last visit's grade is shown in grey until the page's own facts are complete. */
const PREVIOUS_COLOUR = '#6e7781'

/** What the badge needs of a report: its grade and its findings' ids, worst first. */
export interface BadgeSource {
  grade: Grade
  findings: readonly (FindingId | { id: FindingId })[]
}

export function badgeFor(report: BadgeSource, host: string, options: { previous?: boolean } = {}): { text: string; colour: string; title: string } {
  const worst = report.findings[0]
  const worstId = typeof worst === 'string' ? worst : worst?.id
  const finding = worstId ? browser.i18n.getMessage(adviceKeys(worstId).title) : ''
  let title = worstId
    ? browser.i18n.getMessage('badgeTitleWithFinding', [report.grade, host, finding])
    : browser.i18n.getMessage('badgeTitle', [report.grade, host])
  if (options.previous) title = browser.i18n.getMessage('badgeTitlePrevious', [title])
  return { text: report.grade, colour: options.previous ? PREVIOUS_COLOUR : COLOURS[report.grade], title }
}

export async function showBadge(tabId: number, report: BadgeSource | null, host = '', options: { previous?: boolean } = {}): Promise<void> {
  try {
    if (report === null) {
      await browser.action.setBadgeText({ tabId, text: '' })
      await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') })
      return
    }
    const badge = badgeFor(report, host, options)
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour })
    await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' })
    await browser.action.setBadgeText({ tabId, text: badge.text })
    await browser.action.setTitle({ tabId, title: badge.title })
  } catch {
    // The tab closed meanwhile.
  }
}
