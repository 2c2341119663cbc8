/** The popup as plain data: a pure function of the background's answer and the words. Tested without a DOM. */
import { adviceKeys } from '../../core/advice.ts'
import { gradeRank } from '../../core/grade.ts'
import { SEVERITIES, type FactGroup, type Finding, type Grade, type Severity } from '../../core/types.ts'
import type { BackgroundToUi } from '../../messages.ts'
import type { Translate } from '../i18n.ts'
import { accountView, isAccountFinding, type AccountView } from './account-view.ts'

export interface FindingView {
  id: string
  severity: Severity
  title: string
  user: string
  fix: string
  source: string
}

export interface SeverityGroup {
  severity: Severity
  label: string
  findings: FindingView[]
}

export interface Notice {
  kind: 'previous' | 'worse'
  text: string
  /** Titles of the findings that are new since the last visit. */
  items: string[]
}

export interface OnlineLine {
  source: string
  state: 'ready' | 'pending' | 'error' | 'not-asked'
  text: string
  progress?: number
  /** The button next to the line: look up for the first time, or refresh. */
  action: { label: string; ariaLabel: string }
}

export interface OnlineView {
  title: string
  lines: OnlineLine[]
  /** Why nothing is asked here (private window, local host). */
  note?: string
}

export interface Links {
  report: string
  settings: string
}

export type PopupView =
  | { kind: 'loading'; message: string; links: Links }
  | { kind: 'empty'; message: string; links: Links }
  | {
      kind: 'report'
      links: Links
      grade: Grade
      gradeLabel: string
      host: string
      summary: string
      coverage: string
      groups: SeverityGroup[]
      fixLabel: string
      newSinceLabel: string
      notice?: Notice
      online?: OnlineView
      account?: AccountView
    }

function findingView(f: Finding, t: Translate): FindingView {
  const keys = adviceKeys(f.id)
  const subs = f.detail?.grade !== undefined ? [String(f.detail.grade)] : []
  const source = f.source && f.source !== 'browser' ? t(`source_${f.source}`) : ''
  return { id: f.id, severity: f.severity, title: t(keys.title, subs), user: t(keys.user, subs), fix: t(keys.fix, subs), source }
}

function coverageLine(coverage: Record<FactGroup, boolean>, browser: 'chrome' | 'firefox', https: boolean, t: Translate): string {
  if (!https) return t('coverageHttp')
  // Chrome shows extensions no certificate: when one is known, it came from SSL Labs.
  if (coverage.certificate && coverage.tls) return t(browser === 'chrome' ? 'coverageFromSslLabs' : 'coverageFull')
  return browser === 'chrome' ? t('coverageChrome') : t('coveragePartial')
}

/** One verdict a grade band, so the headline reads at a glance. */
export function verdictKey(grade: Grade): string {
  if (grade.startsWith('A')) return 'verdict_good'
  if (grade === 'B') return 'verdict_fair'
  if (grade === 'F') return 'verdict_bad'
  return 'verdict_poor'
}

/** Formats a time (ms since the epoch) for people; injected so the view model stays pure. */
export type FormatDate = (ms: number) => string
const isoDate: FormatDate = (ms) => new Date(ms).toISOString().slice(0, 10)

type Tab = Extract<BackgroundToUi, { type: 'bg:report' }>['tab']

function onlineView(online: Tab['online'], t: Translate, formatDate: FormatDate): OnlineView | undefined {
  if (online.sources.length === 0) return undefined
  if (!online.eligible) return { title: t('onlineTitle'), lines: [], note: t('onlineIneligible') }
  const lines = online.sources.map(({ source, status }): OnlineLine => {
    const name = t(`sourceName_${source}`)
    const refresh = { label: t('onlineRefresh'), ariaLabel: t('onlineLookupLabel', [name]) }
    if (status === null) {
      return { source, state: 'not-asked', text: t('onlineNotAsked', [name]), action: { label: t('onlineLookup'), ariaLabel: t('onlineLookupLabel', [name]) } }
    }
    if (status.state === 'ready') {
      return { source, state: 'ready', text: t('onlineReady', [name, status.grade ?? '?', formatDate(Date.parse(status.observedAt))]), action: refresh }
    }
    if (status.state === 'pending') {
      return { source, state: 'pending', text: t('onlinePending', [name, String(status.progress)]), progress: status.progress, action: refresh }
    }
    const retry = status.retryAt ? formatDate(status.retryAt) : ''
    return { source, state: 'error', text: t(`lookupError_${status.error.replace(/-/g, '_')}`, [name, retry]), action: refresh }
  })
  return { title: t('onlineTitle'), lines }
}

export function popupView(answer: BackgroundToUi | null, t: Translate, formatDate: FormatDate = isoDate): PopupView {
  const links = { report: t('reportOpen'), settings: t('popupSettings') }
  if (answer === null) return { kind: 'loading', message: t('popupLoading'), links }
  if (answer.type !== 'bg:report') {
    const key = answer.type === 'bg:no-report' && answer.reason === 'not-yet' ? 'popupNotYet' : 'popupNotWebPage'
    return { kind: 'empty', message: t(key), links }
  }
  const { report, host, browser, url, pending, previous } = answer.tab
  const titleOf = (id: Finding['id']) => t(adviceKeys(id).title, id.endsWith('-grade') ? ['?'] : [])
  if (pending && previous) {
    // The page is still loading: show what Vigie knew of this host last time, marked as such.
    return {
      kind: 'report',
      links,
      grade: previous.grade,
      gradeLabel: t('gradeLabel', [previous.grade]),
      host,
      summary: t(verdictKey(previous.grade)),
      coverage: coverageLine(report.coverage, browser, url.startsWith('https:'), t),
      groups: [],
      fixLabel: t('fixLabel'),
      newSinceLabel: t('popupNewSince'),
      notice: { kind: 'previous', text: t('popupPrevious', [formatDate(previous.at)]), items: previous.findings.map(titleOf) },
    }
  }
  const online = onlineView(answer.tab.online, t, formatDate)
  const account = accountView(report.findings, answer.tab.account, t)
  const worse = previous && previous.strictness === report.strictness && gradeRank(report.grade) > gradeRank(previous.grade)
  const groups = SEVERITIES.map((severity) => ({
    severity,
    label: t(`severity_${severity}`),
    // Account findings have their own section (account-view.ts).
    findings: report.findings.filter((f) => f.severity === severity && !isAccountFinding(f.id)).map((f) => findingView(f, t)),
  })).filter((g) => g.findings.length > 0)
  return {
    kind: 'report',
    links,
    grade: report.grade,
    gradeLabel: t('gradeLabel', [report.grade]),
    host,
    summary: report.findings.some((f) => f.severity !== 'info') ? t(verdictKey(report.grade)) : t('summaryClean'),
    coverage: coverageLine(report.coverage, browser, url.startsWith('https:'), t),
    groups,
    fixLabel: t('fixLabel'),
    newSinceLabel: t('popupNewSince'),
    ...(online ? { online } : {}),
    ...(account ? { account } : {}),
    ...(worse
      ? {
          notice: {
            kind: 'worse' as const,
            text: t('popupWorse', [formatDate(previous.at), previous.grade, report.grade]),
            items: report.findings.filter((f) => !previous.findings.includes(f.id)).map((f) => findingView(f, t).title),
          },
        }
      : {}),
  }
}
