/**
 * The report page as plain data: every host graded so far, sortable, each with its findings in full; and the two
 * exports (JSON for tools, a Markdown table for the side-by-side comparisons auditors write).
 *
 * A host is its name with its port when not the scheme's default (core/page-key.ts, hostKey): a server on 8443 is a
 * row of its own. Its grade is the worst among its pages graded in the last 30 days (background/memory.ts keeps
 * the last report of up to 8 pages per host, at one strictness), so it does not depend on which page was graded
 * last; its findings are those of all these pages.
 */
import { FINDING_GROUPS, groupOf, type FindingGroupId } from '../popup/view-model.ts'
import { adviceKeys } from '../../core/advice.ts'
import { gradeRank, severityRank } from '../../core/grade.ts'
import { markdownCell } from '../../core/markdown.ts'
import { ago } from '../time.ts'
import { referenceFor } from '../../core/references.ts'
import { ruleFor } from '../../core/rubric.ts'
import { ACCOUNT_FINDING_IDS, type FindingId, type Grade, type Severity, type Strictness } from '../../core/types.ts'
import type { HostEntry } from '../../messages.ts'
import type { Translate } from '../i18n.ts'
import { serverRatingView, type ServerRatingView } from '../popup/server-rating-view.ts'

export type SortKey = 'host' | 'grade' | 'date'
export interface Sort {
  key: SortKey
  descending: boolean
}

export interface RowFinding {
  id: FindingId
  severity: Severity
  group: FindingGroupId
  title: string
  /** The sentence for the user, and what the site should fix. */
  user: string
  fix: string
  /** Where the finding comes from: the browser, an online service, the local scanner or a data set. */
  source: string
  link: { href: string; label: string }
}

export interface ReportRow {
  /** The host, with its port when not the default: the row's identity. */
  host: string
  grade: Grade
  level: string
  /** How long ago, short ("3 hr. ago"); `dateTime` and `dateFull` for the <time> element. */
  date: string
  dateTime: string
  dateFull: string
  /** The main findings' titles, one per line. */
  main: string[]
  findings: RowFinding[]
  /** The findings in plain groups, for the expanded row. */
  groups: { group: FindingGroupId; label: string; findings: RowFinding[] }[]
  /** How many pages the grade is the worst of. */
  pagesNote: string
  expandLabel: string
  /** The server's SSL Labs rating from the last scan from this computer (issue #20). */
  serverRating?: ServerRatingView
}

export interface ReportView {
  title: string
  intro: string
  /** The rule for a host's grade, said on the page. */
  rule: string
  empty?: string
  columns: {
    key: SortKey | 'findings' | 'level'
    label: string
    sort?: 'ascending' | 'descending' | 'none'
    sortLabel?: string
  }[]
  rows: ReportRow[]
  exportJson: string
  exportMarkdown: string
  /** Nothing to export: the buttons are disabled, and this says why. */
  exportDisabled?: string
  noneLabel: string
  fixLabel: string
}

const MAIN_FINDINGS = 3

type Notes = NonNullable<HostEntry['notes']>

/** A host as the report shows it: the worst of its pages, their findings together, the newest date. */
export interface HostSummary {
  host: string
  grade: Grade
  strictness: Strictness
  findings: FindingId[]
  notes: Notes
  at: number
  pages: number
  serverRating?: HostEntry['serverRating']
}

export function summarise(entry: HostEntry): HostSummary {
  const pages = entry.pages
    ? Object.values(entry.pages).sort((a, b) => b.at - a.at)
    : [{ grade: entry.grade, findings: entry.findings, notes: entry.notes, at: entry.at }]
  const grade = pages.reduce<Grade>((worst, p) => (gradeRank(p.grade) > gradeRank(worst) ? p.grade : worst), 'A+')
  const findings = [...new Set(pages.flatMap((p) => p.findings))]
  // Newest page first: an online grade's letter is the latest one seen.
  const notes: Notes = {}
  for (const page of pages)
    for (const [id, note] of Object.entries(page.notes ?? {}) as [FindingId, Notes[FindingId]][]) notes[id] ??= note
  return {
    host: entry.host,
    grade,
    strictness: entry.strictness,
    findings,
    notes,
    at: Math.max(...pages.map((p) => p.at)),
    pages: pages.length,
    ...(entry.serverRating ? { serverRating: entry.serverRating } : {}),
  }
}

const ONLINE_SOURCES = new Set(['ssllabs', 'observatory', 'hstspreload', 'scanner'])

function sourceOf(id: FindingId, notes: Notes, t: Translate): string {
  const source = notes[id]?.source
  if (source && ONLINE_SOURCES.has(source)) return t(`source_${source}`)
  if (id === 'plaintext-offender') return t('reportSourceData', [t('dataSet_plaintextoffenders')])
  if (id === 'no-2fa' || id === '2fa-sms-only') return t('reportSourceData', [t('dataSet_twofactorauth')])
  if (source === 'rules') return t('reportSourceData', [t('dataSet_password_manager_resources')])
  return t('reportSourceBrowser')
}

function findingsOf(summary: HostSummary, t: Translate): RowFinding[] {
  return summary.findings
    .map((id): RowFinding => {
      const note = summary.notes[id]
      const severity = ruleFor(id, summary.strictness, note?.variant).severity
      const subs = [note?.grade ?? '?']
      const keys = adviceKeys(id)
      const href = referenceFor(id, summary.host)
      return {
        id,
        severity,
        group: groupOf(severity),
        title: t(keys.title, subs),
        user: t(keys.user, subs),
        fix: t(keys.fix, subs),
        source: sourceOf(id, summary.notes, t),
        link: { href, label: t('reportReference', [new URL(href).hostname.replace(/^www\./, '')]) },
      }
    })
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
}

function mainFindings(findings: RowFinding[]): RowFinding[] {
  return findings.filter((f) => f.severity !== 'info').slice(0, MAIN_FINDINGS)
}

export function sortEntries<T extends { host: string; grade: Grade; at: number }>(entries: T[], sort: Sort): T[] {
  const order = (a: T, b: T): number => {
    if (sort.key === 'grade') return gradeRank(a.grade) - gradeRank(b.grade) || a.host.localeCompare(b.host)
    if (sort.key === 'date') return a.at - b.at
    return a.host.localeCompare(b.host)
  }
  const sorted = [...entries].sort(order)
  return sort.descending ? sorted.reverse() : sorted
}

/** "3 hr. ago", "yesterday": short, in the UI language. */
export const shortAgo = (at: number, now: number, language: string): string => ago(at, now, language, 'short')

/** The clock and formats of the page, injected so the view stays pure. */
export interface ReportClock {
  now: number
  language: string
  /** A date and time in full, for the <time> element's title. */
  formatDate(ms: number): string
}

export function reportView(entries: HostEntry[], sort: Sort, t: Translate, clock: ReportClock): ReportView {
  const column = (key: SortKey, label: string) => ({
    key,
    label,
    sort: sort.key === key ? (sort.descending ? ('descending' as const) : ('ascending' as const)) : ('none' as const),
    sortLabel: t('reportSortBy', [label]),
  })
  const rows = sortEntries(entries.map(summarise), sort).map((summary): ReportRow => {
    const findings = findingsOf(summary, t)
    const serverRating = serverRatingView(summary.serverRating, t)
    return {
      ...(serverRating ? { serverRating } : {}),
      host: summary.host,
      grade: summary.grade,
      level: t(`levelName_${summary.strictness}`),
      date: shortAgo(summary.at, clock.now, clock.language),
      dateTime: new Date(summary.at).toISOString(),
      dateFull: clock.formatDate(summary.at),
      main: mainFindings(findings).map((f) => f.title),
      findings,
      groups: FINDING_GROUPS.map((group) => ({
        group,
        label: t(`group_${group}`),
        findings: findings.filter((f) => f.group === group),
      })).filter((g) => g.findings.length > 0),
      pagesNote: t(summary.pages === 1 ? 'reportOnePage' : 'reportPages', [String(summary.pages)]),
      expandLabel: t('reportShowFindings', [summary.host]),
    }
  })
  return {
    title: t('reportTitle'),
    intro: t('reportIntro'),
    rule: t('reportRule'),
    ...(rows.length === 0 ? { empty: t('reportEmpty'), exportDisabled: t('reportNoReport') } : {}),
    columns: [
      column('host', t('reportHost')),
      column('grade', t('reportGrade')),
      { key: 'findings', label: t('reportFindings') },
      { key: 'level', label: t('reportLevel') },
      column('date', t('reportDate')),
    ],
    rows,
    exportJson: t('reportExportJson'),
    exportMarkdown: t('reportExportMarkdown'),
    noneLabel: t('reportNone'),
    fixLabel: t('reportFixLabel'),
  }
}

/** Who made an export, and when: Vigie's version and the date. */
export interface ExportStamp {
  version: string
  now: number
}

/**
 * JSON export, for tools: ids, the rubric's severities and ISO dates, with each finding's title in the UI's
 * language beside its id, the rule for a host's grade, and the extension's version.
 */
export function exportJson(entries: HostEntry[], t: Translate, stamp: ExportStamp): string {
  const sites = sortEntries(entries.map(summarise), { key: 'host', descending: false }).map((s) => ({
    host: s.host,
    grade: s.grade,
    strictness: s.strictness,
    pages: s.pages,
    findings: findingsOf(s, t).map((f) => ({
      id: f.id,
      title: f.title,
      severity: f.severity,
      ...(s.notes[f.id]?.grade !== undefined ? { serviceGrade: s.notes[f.id]!.grade } : {}),
      ...(s.notes[f.id]?.source !== undefined ? { source: s.notes[f.id]!.source } : {}),
    })),
    checkedAt: new Date(s.at).toISOString(),
    ...(s.serverRating ? { serverRating: s.serverRating } : {}),
  }))
  const document = {
    generator: 'Vigie',
    version: stamp.version,
    exportedAt: new Date(stamp.now).toISOString(),
    rule: t('reportRule'),
    sites,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/**
 * Markdown export: one row per host, worst grade first, like a provider comparison table, in the UI's language:
 * the findings by their titles, an empty cell where there is nothing to say. The account findings
 * (plaintext-offender, no-2fa...) get a column of their own, every one of them, so providers compare on it too.
 */
export function exportMarkdown(entries: HostEntry[], t: Translate, stamp: ExportStamp): string {
  const date = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  const lines = [
    `## ${t('reportTitle')}`,
    '',
    t('reportExportedBy', [stamp.version, date(stamp.now)]),
    t('reportRule'),
    '',
    `| ${t('reportHost')} | ${t('reportGrade')} | ${t('reportFindings')} | ${t('reportAccount')} | ${t('reportLevel')} | ${t('reportDate')} |`,
    '|---|---|---|---|---|---|',
  ]
  const titles = (findings: RowFinding[]) => findings.map((f) => f.title).join('; ')
  for (const s of sortEntries(entries.map(summarise), { key: 'grade', descending: true })) {
    const findings = findingsOf(s, t)
    const main = titles(mainFindings(findings.filter((f) => !ACCOUNT_FINDING_IDS.includes(f.id))))
    const account = titles(findings.filter((f) => ACCOUNT_FINDING_IDS.includes(f.id)))
    lines.push(
      `| ${markdownCell(s.host)} | ${s.grade} | ${markdownCell(main)} | ${markdownCell(account)} | ${markdownCell(t(`levelName_${s.strictness}`))} | ${date(s.at)} |`,
    )
  }
  return `${lines.join('\n')}\n`
}
