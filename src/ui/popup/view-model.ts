/** The popup as plain data: a pure function of the background's answer and the words. Tested without a DOM. */
import { ago } from '../time.ts'
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
  /** Shown as a card with its sentence (a serious finding, or one that decides the grade); else one line, its title. */
  full?: boolean
}

/**
 * Findings in plain groups instead of severity words: what to weigh before typing a password (critical, high),
 * what is worth knowing (medium, low), and what only the site's operators can act on (information).
 */
export const FINDING_GROUPS = ['before', 'worth', 'operators'] as const
export type FindingGroupId = (typeof FINDING_GROUPS)[number]

export function groupOf(severity: Severity): FindingGroupId {
  if (severity === 'critical' || severity === 'high') return 'before'
  return severity === 'info' ? 'operators' : 'worth'
}

export interface SeverityGroup {
  group: FindingGroupId
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
  /** An error's kind: the service is down or busy (a neutral colour: nothing is wrong with the site), or the fix is the user's. */
  tone?: 'outage' | 'fix'
  text: string
  progress?: number
  /**
   * The button next to the line: look up, refresh, or open the settings when that is the fix; none while Vigie
   * waits for the service to take requests again. Its name is its visible label (the line describes it).
   */
  action?: { label: string; kind: 'lookup' | 'settings' }
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
  | { kind: 'empty'; heading: string; message: string; links: Links; reload?: string }
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
      /** The verdict, as the headline: can I type my password here? */
      summary: string
      /** Why, in one sentence, from the finding that decides the grade (not from the grade band alone). */
      reason: string
      coverage: string
      /** The coverage in one line: the summary of the folded technical details. */
      coverageSummary: string
      /** In Chrome, without SSL Labs: a button to the settings, and what turning it on sends where. */
      coverageAction?: { label: string; note: string }
      groups: SeverityGroup[]
      /** Findings beyond the first few serious ones, folded away so the popup stays short; never a critical one. */
      more?: { label: string; lessLabel: string; groups: SeverityGroup[] }
      /** The account section goes before the findings when an account finding decides the grade or is serious. */
      accountFirst?: boolean
      /** Set when an administrator fixed the strictness: said under the host, since the grade depends on it. */
      managedLevel?: string
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

/** Findings shown besides the critical ones; the rest fold into "more", so the popup fits 600 px. */
const SHOWN_FINDINGS = 3
/** Findings shown as cards with their sentence; the others are one line each. */
const FULL_CARDS = 1

function grouped(findings: FindingView[], t: Translate): SeverityGroup[] {
  return FINDING_GROUPS.map((group) => ({
    group,
    label: t(`group_${group}`),
    findings: findings.filter((f) => groupOf(f.severity) === group),
  })).filter((g) => g.findings.length > 0)
}

/**
 * The findings, worst first, in plain groups: every critical one and every one new since the last visit shown,
 * then the others up to three in all; the rest folded behind a toggle ("Show 2 more", then "Show fewer").
 */
function findingGroups(
  findings: FindingView[],
  t: Translate,
): { groups: SeverityGroup[]; more?: { label: string; lessLabel: string; groups: SeverityGroup[] } } {
  const sorted = SEVERITIES.flatMap((severity) => findings.filter((f) => f.severity === severity))
  // One card in full (the worst, which decides the grade); the other findings show their title on one line (a critical one is never hidden).
  let cards = 0
  for (const f of sorted) {
    if (f.full && cards < FULL_CARDS) cards++
    else delete f.full
  }
  const kept = sorted.filter((f) => f.severity === 'critical' || f.isNew)
  for (const f of sorted) if (kept.length < SHOWN_FINDINGS && !kept.includes(f)) kept.push(f)
  const shown = sorted.filter((f) => kept.includes(f))
  const rest = sorted.filter((f) => !kept.includes(f))
  if (rest.length === 0) return { groups: grouped(shown, t) }
  return {
    groups: grouped(shown, t),
    more: { label: t('popupMore', [String(rest.length)]), lessLabel: t('popupFewer'), groups: grouped(rest, t) },
  }
}

/** Facts about the server (its certificate and encryption): the same on every page of the host. */
const hostWide = (id: string) => id.startsWith('cert-') || id.startsWith('tls-')

/**
 * How much worse the host got since the last visit, counting only what can be compared: not what an online
 * source added since (Vigie learned more, the site did not change), and on another page of the host only the
 * server's certificate and encryption (its forms and headers may differ from page to page).
 * Null when nothing comparable got worse.
 */
export function comparableDrop(
  report: Tab['report'],
  previous: NonNullable<Tab['previous']>,
  page: string,
): { grade: Grade; items: Finding[] } | null {
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

/** "2 minutes ago", in the UI language, at least a second ago. */
export const timeAgo = (at: number, now: number, language: string): string => ago(at, now, language, 'long')

/** The coverage in one line, for the summary of the folded technical details. */
/** "in 14 minutes", in the UI language: when a service will be asked again (at least a minute ahead). */
export function timeUntil(at: number, now: number, language: string): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' })
  const minutes = Math.max(1, Math.round((at - now) / 60_000))
  if (minutes < 90) return format.format(minutes, 'minute')
  return format.format(Math.round(minutes / 60), 'hour')
}

function coverageSummary(
  coverage: Record<FactGroup, boolean>,
  browser: 'chrome' | 'firefox',
  https: boolean,
  t: Translate,
): string {
  if (!https || (coverage.certificate && coverage.tls)) return t('techSummary')
  return t(browser === 'chrome' ? 'techSummaryChrome' : 'techSummaryPartial')
}

function coverageLine(
  coverage: Record<FactGroup, boolean>,
  browser: 'chrome' | 'firefox',
  https: boolean,
  t: Translate,
  scanned = false,
): string {
  if (!https) return t('coverageHttp')
  // Chrome shows extensions no certificate: when one is known, it came from the local scanner or SSL Labs.
  if (coverage.certificate && coverage.tls)
    return t(browser === 'chrome' ? (scanned ? 'coverageFromScanner' : 'coverageFromSslLabs') : 'coverageFull')
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

/** The headline of a grade band, answering "can I type my password here?" at a glance. */
export function verdictKey(grade: Grade): string {
  return `verdict_${gradeBand(grade)}`
}

/** What kind of weakness a finding is, for the verdict's reason. */
function reasonOf(f: Finding): { key: string; subs?: string[] } {
  switch (f.id) {
    case 'http-login-form':
      return { key: 'reason_http_login' }
    case 'form-action-http':
      return { key: f.variant === 'password' ? 'reason_http_login' : 'reason_form_http' }
    case 'http-page':
      return { key: 'reason_http_page' }
    case 'password-in-url':
      return { key: 'reason_password_in_url' }
    case 'plaintext-offender':
      return { key: 'reason_plaintext', subs: [String(f.detail?.year ?? '')] }
    case 'password-short-max-length':
      return { key: 'reason_password_cap', subs: [String(f.detail?.maxLength ?? '')] }
    case 'no-2fa':
      return { key: 'reason_no_2fa' }
    case '2fa-sms-only':
      return { key: 'reason_sms_only' }
    case 'ssllabs-grade':
      return { key: 'reason_ssllabs', subs: [String(f.detail?.grade ?? f.cap)] }
    case 'observatory-grade':
      return { key: 'reason_observatory', subs: [String(f.detail?.grade ?? f.cap)] }
    case 'cert-expired':
    case 'cert-untrusted':
    case 'cert-sha1':
      return { key: 'reason_certificate' }
    default:
      return {
        key: f.id.startsWith('hsts-') || f.id === 'http-not-redirected' ? 'reason_transport' : 'reason_encryption',
      }
  }
}

/**
 * The finding that decides the grade: the most severe of those whose cap is the grade (the site would grade
 * better without them), so a C from an old account report does not read as a network warning.
 */
export function decidingFinding(report: { grade: Grade; findings: readonly Finding[] }): Finding | undefined {
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity)
  const deciding = report.findings.filter((f) => f.cap === report.grade).sort((a, b) => rank(a) - rank(b))
  return deciding[0]
}

/** The verdict's second line: why, in the words of the kind of finding that decides the grade. */
export function verdictReason(report: { grade: Grade; findings: readonly Finding[] }, t: Translate): string {
  const band = gradeBand(report.grade)
  if (!report.findings.some((f) => f.severity !== 'info')) return t('reason_clean')
  if (band === 'excellent' || band === 'good') return t(`reason_${band}`)
  const deciding = decidingFinding(report)
  if (!deciding) return ''
  const { key, subs } = reasonOf(deciding)
  return t(key, subs)
}

/** A finding shown in full: a serious one, or the one that decides the grade. */
export function isFull(f: Finding, decider: Finding | undefined): boolean {
  return f.severity === 'critical' || f.severity === 'high' || f === decider
}

/** The account section leads when an account finding decides the grade, or is serious in itself. */
function accountMatters(report: { grade: Grade; findings: readonly Finding[] }): boolean {
  const deciding = decidingFinding(report)
  return (
    (deciding !== undefined && isAccountFinding(deciding.id) && gradeRank(report.grade) > gradeRank('A-')) ||
    report.findings.some((f) => isAccountFinding(f.id) && (f.severity === 'critical' || f.severity === 'high'))
  )
}

/** Formats a time (ms since the epoch) for people; injected so the view model stays pure. */
export type FormatDate = (ms: number) => string
const isoDate: FormatDate = (ms) => new Date(ms).toISOString().slice(0, 10)

type Tab = Extract<BackgroundToUi, { type: 'bg:report' }>['tab']

/** hstspreload.org's statuses Vigie words; any other is "status unknown". */
const PRELOAD_STATUSES = new Set(['unknown', 'pending', 'preloaded', 'rejected', 'pending-removal'])

/** Errors the user fixes in the settings (the email, the permission). */
const USER_FIXES = new Set(['no-email', 'unregistered', 'no-permission'])
/** Errors of the service itself: shown in a neutral colour, since they say nothing of the site. */
const OUTAGES = new Set(['unreachable', 'rate-limited', 'maintenance', 'overloaded', 'server-error'])

function onlineView(
  online: Tab['online'],
  t: Translate,
  formatDate: FormatDate,
  formatAgo: FormatDate,
  now: number,
): OnlineView | undefined {
  if (online.sources.length === 0) return undefined
  if (!online.eligible) return { title: t('onlineTitle'), lines: [], note: t('onlineIneligible') }
  const lines = online.sources.map(({ source, status }): OnlineLine => {
    const name = t(`sourceName_${source}`)
    const refresh = { label: t('onlineRefresh'), kind: 'lookup' as const }
    if (status === null) {
      return {
        source,
        state: 'not-asked',
        text: t('onlineNotAsked', [name]),
        action: { label: t('onlineLookup'), kind: 'lookup' },
      }
    }
    if (status.state === 'ready') {
      // The preload list answers a status, not a grade: in words ("not on the list"), never the service's raw word.
      const what =
        source === 'hstspreload'
          ? t(
              PRELOAD_STATUSES.has(status.grade ?? '')
                ? `preloadStatus_${status.grade!.replace(/-/g, '_')}`
                : 'preloadStatus_other',
            )
          : (status.grade ?? '?')
      return {
        source,
        state: 'ready',
        text: t('onlineReady', [name, what, formatAgo(Date.parse(status.observedAt))]),
        action: refresh,
      }
    }
    if (status.state === 'pending') {
      return {
        source,
        state: 'pending',
        text: t('onlinePending', [name, String(status.progress)]),
        progress: status.progress,
        action: refresh,
      }
    }
    const retry = status.retryAt ? formatDate(status.retryAt) : ''
    const text = t(`lookupError_${status.error.replace(/-/g, '_')}`, [name, retry])
    if (USER_FIXES.has(status.error))
      return { source, state: 'error', tone: 'fix', text, action: { label: t('onlineOpenSettings'), kind: 'settings' } }
    // Backing off: asking again before the service's time would only be refused.
    const waiting = status.retryAt !== undefined && status.retryAt > now
    return {
      source,
      state: 'error',
      tone: OUTAGES.has(status.error) ? 'outage' : 'fix',
      text,
      ...(waiting ? {} : { action: refresh }),
    }
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
    const notYet = answer.type === 'bg:no-report' && answer.reason === 'not-yet'
    return notYet
      ? { kind: 'empty', heading: t('popupNotYetHeading'), message: t('popupNotYet'), links, reload: t('popupReload') }
      : { kind: 'empty', heading: t('popupNotWebPageHeading'), message: t('popupNotWebPage'), links }
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
      reason: '',
      coverage: coverageLine(report.coverage, browser, url.startsWith('https:'), t),
      coverageSummary: coverageSummary(report.coverage, browser, url.startsWith('https:'), t),
      groups: [],
      fixLabel: t('fixLabel'),
      newSinceLabel: t('popupNewSince'),
      notice: {
        kind: 'previous',
        text: t('popupPrevious', [formatAgo(previous.at)]),
        items: previous.findings.map(titleOf),
      },
    }
  }
  const online = onlineView(answer.tab.online, t, formatDate, formatAgo, scanner?.now ?? 0)
  const drop = previous ? comparableDrop(report, previous, pageKey(url)) : null
  const newIds = new Set(drop?.items.map((f) => f.id) ?? [])
  const decider = decidingFinding(report)
  const { groups, more } = findingGroups(
    report.findings
      // Account findings have their own section (account-view.ts).
      .filter((f) => !isAccountFinding(f.id))
      .map((f) => ({
        ...findingView(f, t),
        ...(newIds.has(f.id) ? { isNew: true } : {}),
        ...(isFull(f, decider) ? { full: true } : {}),
      })),
    t,
  )
  // An online check still running may change the grade: say so, next to the grade.
  const running = answer.tab.online.sources.find((s) => s.status?.state === 'pending')
  const https = url.startsWith('https:')
  const seesAll = report.coverage.certificate && report.coverage.tls
  const sslLabsOn = answer.tab.online.sources.some((s) => s.source === 'ssllabs')
  const major = drop !== null && gradeRank(drop.grade) >= gradeRank('C')
  const scan = scannerView(answer.tab.scanner, t, scanner?.now ?? answer.tab.scanner?.at ?? 0, scanner?.format)
  const serverRating =
    answer.tab.scanner?.state === 'ready' ? serverRatingView(answer.tab.scanner.rating, t) : undefined
  const account = accountView(report.findings, answer.tab.account, t, decider)
  return {
    kind: 'report',
    links,
    grade: report.grade,
    gradeLabel: t(running ? 'gradeLabelProvisional' : 'gradeLabel', [report.grade]),
    gradeWord: t(`gradeWord_${gradeBand(report.grade)}`),
    ...(running ? { provisional: t('popupProvisional', [t(`sourceName_${running.source}`)]) } : {}),
    host,
    summary: t(report.findings.some((f) => f.severity !== 'info') ? verdictKey(report.grade) : 'verdict_excellent'),
    reason: verdictReason(report, t),
    // In Chrome, known TLS facts came from the scanner unless SSL Labs is on and no scan is at hand (during a
    // rescan the facts are still the last scan's).
    coverage: coverageLine(
      report.coverage,
      browser,
      https,
      t,
      !sslLabsOn || answer.tab.scanner?.state === 'ready' || answer.tab.scanner?.state === 'running',
    ),
    coverageSummary: coverageSummary(report.coverage, browser, https, t),
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
    ...(account && accountMatters(report) ? { accountFirst: true } : {}),
    ...(answer.tab.locked?.includes('strictness')
      ? { managedLevel: t('popupManagedLevel', [t(`levelName_${report.strictness}`)]) }
      : {}),
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
