/** The popup as plain data: a pure function of the background's answer and the words. Tested without a DOM. */
import { adviceKeys } from '../../core/advice.ts'
import { gradeRank } from '../../core/grade.ts'
import { pageKey } from '../../core/page-key.ts'
import { SEVERITIES, type FactGroup, type Finding, type Grade, type Severity } from '../../core/types.ts'
import type { BackgroundToUi } from '../../messages.ts'
import type { Translate } from '../i18n.ts'
import { scannerView, type ScannerFormat, type ScannerView } from './scanner-view.ts'
import { serverRatingView, type ServerRatingView } from './server-rating-view.ts'
import { accountView, isAccountFinding, type AccountView } from './account-view.ts'

export interface FindingView {
  id: string
  severity: Severity
  title: string
  user: string
  fix: string
  source: string
  /** The label of the operator's part: "What the site should fix", or for information only, "For the site's operator". */
  fixLabel?: string
  /** New since the last visit (and comparable): the card carries a tag, so the notice need not repeat it. */
  isNew?: boolean
}

export interface SeverityGroup {
  severity: Severity
  label: string
  findings: FindingView[]
}

export interface Notice {
  kind: 'previous' | 'worse'
  /** How loud: a small drop is a quiet note, a drop to C or below an alert. */
  level?: 'minor' | 'major'
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
      /** A word under the letter (Excellent … Unsafe), so the grade does not rest on colour alone. */
      gradeWord: string
      /** Set while an online check runs: the grade may still change. */
      provisional?: string
      host: string
      /** The verdict: can I type my password here? */
      summary: string
      coverage: string
      /** In Chrome, without SSL Labs: a button to the settings, and what turning it on sends where. */
      coverageAction?: { label: string; note: string }
      groups: SeverityGroup[]
      /** Findings beyond the first few serious ones, folded away so the popup stays short. */
      more?: { label: string; groups: SeverityGroup[] }
      fixLabel: string
      newSinceLabel: string
      /** The tag on a finding that is new since the last visit. */
      newTag?: string
      notice?: Notice
      online?: OnlineView
      scanner?: ScannerView
      /** The server's SSL Labs rating from the local scanner (issue #20). */
      serverRating?: ServerRatingView
      account?: AccountView
    }

function findingView(f: Finding, t: Translate): FindingView {
  const keys = adviceKeys(f.id)
  const subs = f.detail?.grade !== undefined ? [String(f.detail.grade)] : []
  const source = f.source && f.source !== 'browser' ? t(`source_${f.source}`) : ''
  return {
    id: f.id,
    severity: f.severity,
    title: t(keys.title, subs),
    user: t(keys.user, subs),
    fix: t(keys.fix, subs),
    source,
    ...(f.severity === 'info' ? { fixLabel: t('fixLabelInfo') } : {}),
  }
}

/** Serious findings shown in full; the rest fold into "more", so the popup fits 600 px in common cases. */
const SHOWN_FINDINGS = 2

function grouped(findings: FindingView[], t: Translate): SeverityGroup[] {
  return SEVERITIES.map((severity) => ({ severity, label: t(`severity_${severity}`), findings: findings.filter((f) => f.severity === severity) })).filter(
    (g) => g.findings.length > 0,
  )
}

/** The first two findings that lower the grade, grouped by severity; the others (minor ones first) folded away. */
function findingGroups(findings: FindingView[], t: Translate): { groups: SeverityGroup[]; more?: { label: string; groups: SeverityGroup[] } } {
  const sorted = SEVERITIES.flatMap((severity) => findings.filter((f) => f.severity === severity))
  const serious = sorted.some((f) => f.severity !== 'low' && f.severity !== 'info')
  // What is new since the last visit is never folded away.
  const shown = sorted.filter((f, i) => f.isNew || (i < SHOWN_FINDINGS && (!serious || (f.severity !== 'low' && f.severity !== 'info'))))
  const rest = sorted.filter((f) => !shown.includes(f))
  if (rest.length === 0) return { groups: grouped(shown, t) }
  return { groups: grouped(shown, t), more: { label: t('popupMore', [String(rest.length)]), groups: grouped(rest, t) } }
}

/** Facts about the server (its certificate and encryption): the same on every page of the host. */
const hostWide = (id: string) => id.startsWith('cert-') || id.startsWith('tls-')

/**
 * How much worse the host got since the last visit, counting only what can be compared: not what an online
 * source added since (Vigie learned more, the site did not change), and on another page of the host only the
 * server's certificate and encryption (its forms and headers may differ from page to page).
 * Null when nothing comparable got worse.
 */
export function comparableDrop(report: Tab['report'], previous: NonNullable<Tab['previous']>, page: string): { grade: Grade; items: Finding[] } | null {
  if (previous.strictness !== report.strictness || gradeRank(report.grade) <= gradeRank(previous.grade)) return null
  const samePage = previous.page !== undefined && previous.page === page
  const added = report.findings.filter((f) => !previous.findings.includes(f.id))
  const comparable = (f: Finding) => (f.source ?? 'browser') === 'browser' && (samePage || hostWide(f.id))
  const items = added.filter(comparable)
  if (items.length === 0) return null
  // The grade the comparable findings alone give: the worst of their caps, never better than the report's.
  const kept = report.findings.filter((f) => !added.includes(f) || comparable(f))
  const rank = Math.max(gradeRank(previous.grade), ...kept.map((f) => gradeRank(f.cap)))
  if (rank <= gradeRank(previous.grade)) return null
  return { grade: report.grade, items }
}

/** "2 minutes ago", in the UI language; never in the future (clocks differ), at least a second ago. */
export function timeAgo(at: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const seconds = Math.max(1, Math.round((now - at) / 1000))
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['year', 365 * 86_400],
    ['month', 30 * 86_400],
    ['week', 7 * 86_400],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ]
  for (const [unit, size] of units) if (seconds >= size) return format.format(-Math.floor(seconds / size), unit)
  return format.format(-seconds, 'second')
}

function coverageLine(coverage: Record<FactGroup, boolean>, browser: 'chrome' | 'firefox', https: boolean, t: Translate, scanned = false): string {
  if (!https) return t('coverageHttp')
  // Chrome shows extensions no certificate: when one is known, it came from the local scanner or SSL Labs.
  if (coverage.certificate && coverage.tls) return t(browser === 'chrome' ? (scanned ? 'coverageFromScanner' : 'coverageFromSslLabs') : 'coverageFull')
  return browser === 'chrome' ? t('coverageChrome') : t('coveragePartial')
}

/** The grade's band: its word under the letter and its verdict. */
export function gradeBand(grade: Grade): 'excellent' | 'good' | 'fair' | 'poor' | 'weak' | 'bad' {
  if (grade === 'A+') return 'excellent'
  if (grade.startsWith('A')) return 'good'
  if (grade === 'B') return 'fair'
  if (grade === 'C') return 'poor'
  if (grade === 'F') return 'bad'
  return 'weak'
}

/** One verdict a grade band, answering "can I type my password here?" at a glance. */
export function verdictKey(grade: Grade): string {
  return `verdict_${gradeBand(grade)}`
}

/** Formats a time (ms since the epoch) for people; injected so the view model stays pure. */
export type FormatDate = (ms: number) => string
const isoDate: FormatDate = (ms) => new Date(ms).toISOString().slice(0, 10)

type Tab = Extract<BackgroundToUi, { type: 'bg:report' }>['tab']

function onlineView(online: Tab['online'], t: Translate, formatDate: FormatDate, formatAgo: FormatDate): OnlineView | undefined {
  if (online.sources.length === 0) return undefined
  if (!online.eligible) return { title: t('onlineTitle'), lines: [], note: t('onlineIneligible') }
  const lines = online.sources.map(({ source, status }): OnlineLine => {
    const name = t(`sourceName_${source}`)
    const refresh = { label: t('onlineRefresh'), ariaLabel: t('onlineLookupLabel', [name]) }
    if (status === null) {
      return { source, state: 'not-asked', text: t('onlineNotAsked', [name]), action: { label: t('onlineLookup'), ariaLabel: t('onlineLookupLabel', [name]) } }
    }
    if (status.state === 'ready') {
      return { source, state: 'ready', text: t('onlineReady', [name, status.grade ?? '?', formatAgo(Date.parse(status.observedAt))]), action: refresh }
    }
    if (status.state === 'pending') {
      return { source, state: 'pending', text: t('onlinePending', [name, String(status.progress)]), progress: status.progress, action: refresh }
    }
    const retry = status.retryAt ? formatDate(status.retryAt) : ''
    return { source, state: 'error', text: t(`lookupError_${status.error.replace(/-/g, '_')}`, [name, retry]), action: refresh }
  })
  return { title: t('onlineTitle'), lines }
}

/**
 * The popup for the background's answer. `formatDate` writes a date and time (when a service retries),
 * `formatAgo` how long ago something was ("2 minutes ago"), `scanner` the clock and formats of the scanner's part.
 */
export function popupView(
  answer: BackgroundToUi | null,
  t: Translate,
  formatDate: FormatDate = isoDate,
  formatAgo: FormatDate = formatDate,
  scanner?: { now: number; format: ScannerFormat },
): PopupView {
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
      gradeLabel: t('gradeLabelProvisional', [previous.grade]),
      gradeWord: t(`gradeWord_${gradeBand(previous.grade)}`),
      provisional: t('popupPreviousProvisional'),
      host,
      summary: t(verdictKey(previous.grade)),
      coverage: coverageLine(report.coverage, browser, url.startsWith('https:'), t),
      groups: [],
      fixLabel: t('fixLabel'),
      newSinceLabel: t('popupNewSince'),
      notice: { kind: 'previous', text: t('popupPrevious', [formatAgo(previous.at)]), items: previous.findings.map(titleOf) },
    }
  }
  const online = onlineView(answer.tab.online, t, formatDate, formatAgo)
  const drop = previous ? comparableDrop(report, previous, pageKey(url)) : null
  const newIds = new Set(drop?.items.map((f) => f.id) ?? [])
  const { groups, more } = findingGroups(
    report.findings
      // Account findings have their own section (account-view.ts).
      .filter((f) => !isAccountFinding(f.id))
      .map((f) => ({ ...findingView(f, t), ...(newIds.has(f.id) ? { isNew: true } : {}) })),
    t,
  )
  // An online check still running may change the grade: say so, next to the grade.
  const running = answer.tab.online.sources.find((s) => s.status?.state === 'pending')
  const https = url.startsWith('https:')
  const seesAll = report.coverage.certificate && report.coverage.tls
  const sslLabsOn = answer.tab.online.sources.some((s) => s.source === 'ssllabs')
  const major = drop !== null && gradeRank(drop.grade) >= gradeRank('C')
  const scan = scannerView(answer.tab.scanner, t, scanner?.now ?? answer.tab.scanner?.at ?? 0, scanner?.format)
  const serverRating = answer.tab.scanner?.state === 'ready' ? serverRatingView(answer.tab.scanner.rating, t) : undefined
  const account = accountView(report.findings, answer.tab.account, t)
  return {
    kind: 'report',
    links,
    grade: report.grade,
    gradeLabel: t(running ? 'gradeLabelProvisional' : 'gradeLabel', [report.grade]),
    gradeWord: t(`gradeWord_${gradeBand(report.grade)}`),
    ...(running ? { provisional: t('popupProvisional', [t(`sourceName_${running.source}`)]) } : {}),
    host,
    summary: report.findings.some((f) => f.severity !== 'info') ? t(verdictKey(report.grade)) : t('summaryClean'),
    coverage: coverageLine(report.coverage, browser, https, t, answer.tab.scanner?.state === 'ready'),
    ...(browser === 'chrome' && https && !seesAll && !sslLabsOn && answer.tab.online.eligible
      ? { coverageAction: { label: t('coverageSslLabsButton'), note: t('coverageSslLabsNote') } }
      : {}),
    groups,
    ...(more ? { more } : {}),
    fixLabel: t('fixLabel'),
    newSinceLabel: t('popupNewSince'),
    ...(drop ? { newTag: t('popupNewTag') } : {}),
    ...(online ? { online } : {}),
    ...(scan ? { scanner: scan } : {}),
    ...(serverRating ? { serverRating } : {}),
    ...(account ? { account } : {}),
    ...(drop && previous
      ? {
          notice: {
            kind: 'worse' as const,
            level: major ? ('major' as const) : ('minor' as const),
            text: t(major ? 'popupWorse' : 'popupWorseMinor', [formatAgo(previous.at), previous.grade, report.grade]),
            items: drop.items.map((f) => findingView(f, t).title),
          },
        }
      : {}),
  }
}
