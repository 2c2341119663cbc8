/** The toolbar badge of one tab: the grade letter, a colour by grade, and a tooltip naming the worst finding. */
import { adviceKeys, type Grade, type Report } from '../core/index.ts'
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

export function badgeFor(report: Report, host: string): { text: string; colour: string; title: string } {
  const worst = report.findings[0]
  const finding = worst ? browser.i18n.getMessage(adviceKeys(worst.id).title) : ''
  const title = worst
    ? browser.i18n.getMessage('badgeTitleWithFinding', [report.grade, host, finding])
    : browser.i18n.getMessage('badgeTitle', [report.grade, host])
  return { text: report.grade, colour: COLOURS[report.grade], title }
}

export async function showBadge(tabId: number, report: Report | null, host = ''): Promise<void> {
  try {
    if (report === null) {
      await browser.action.setBadgeText({ tabId, text: '' })
      await browser.action.setTitle({ tabId, title: browser.i18n.getMessage('actionTitle') })
      return
    }
    const badge = badgeFor(report, host)
    await browser.action.setBadgeBackgroundColor({ tabId, color: badge.colour })
    await browser.action.setBadgeTextColor?.({ tabId, color: '#ffffff' })
    await browser.action.setBadgeText({ tabId, text: badge.text })
    await browser.action.setTitle({ tabId, title: badge.title })
  } catch {
    // The tab closed meanwhile.
  }
}
