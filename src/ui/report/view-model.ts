/**
 * The report page as plain data: every host graded so far, sortable, each with its findings; and the two exports
 * (JSON for tools, a Markdown table for the side-by-side comparisons auditors write).
 */
import { groupOf } from '../popup/view-model.ts'
import { adviceKeys } from '../../core/advice.ts'
import { gradeRank, severityRank } from '../../core/grade.ts'
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
  severityLabel: string
  title: string
}

export interface ReportRow {
  host: string
  grade: Grade
  level: string
  date: string
  /** The main findings' titles, one per line. */
  main: string[]
  findings: RowFinding[]
  expandLabel: string
  /** The server's SSL Labs rating from the last scan from this computer (issue #20). */
  serverRating?: ServerRatingView
}

export interface ReportView {
  title: string
  intro: string
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
}

const MAIN_FINDINGS = 3

function findingsOf(entry: HostEntry, t: Translate): RowFinding[] {
  return entry.findings
    .map((id) => {
      const severity = ruleFor(id, entry.strictness as Strictness).severity
      return { id, severity, severityLabel: t(`group_${groupOf(severity)}`), title: t(adviceKeys(id).title, ['—']) }
    })
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity))
}

function mainFindings(findings: RowFinding[]): RowFinding[] {
  return findings.filter((f) => f.severity !== 'info').slice(0, MAIN_FINDINGS)
}

export function sortEntries(entries: HostEntry[], sort: Sort): HostEntry[] {
  const order = (a: HostEntry, b: HostEntry): number => {
    if (sort.key === 'grade') return gradeRank(a.grade) - gradeRank(b.grade) || a.host.localeCompare(b.host)
    if (sort.key === 'date') return a.at - b.at
    return a.host.localeCompare(b.host)
  }
  const sorted = [...entries].sort(order)
  return sort.descending ? sorted.reverse() : sorted
}

export function reportView(
  entries: HostEntry[],
  sort: Sort,
  t: Translate,
  formatDate: (ms: number) => string,
): ReportView {
  const column = (key: SortKey, label: string) => ({
    key,
    label,
    sort: sort.key === key ? (sort.descending ? ('descending' as const) : ('ascending' as const)) : ('none' as const),
    sortLabel: t('reportSortBy', [label]),
  })
  const rows = sortEntries(entries, sort).map((entry) => {
    const findings = findingsOf(entry, t)
    const serverRating = serverRatingView(entry.serverRating, t)
    return {
      ...(serverRating ? { serverRating } : {}),
      host: entry.host,
      grade: entry.grade,
      level: t(`levelName_${entry.strictness}`),
      date: formatDate(entry.at),
      main: mainFindings(findings).map((f) => f.title),
      findings,
      expandLabel: t('reportShowFindings', [entry.host]),
    }
  })
  return {
    title: t('reportTitle'),
    intro: t('reportIntro'),
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
  }
}

/** JSON export: the stored facts, ids and ISO dates, for tools. */
export function exportJson(entries: HostEntry[], now: number): string {
  const sites = sortEntries(entries, { key: 'host', descending: false }).map((e) => ({
    host: e.host,
    grade: e.grade,
    strictness: e.strictness,
    findings: e.findings,
    checkedAt: new Date(e.at).toISOString(),
    ...(e.serverRating ? { serverRating: e.serverRating } : {}),
  }))
  return `${JSON.stringify({ generator: 'Vigie', exportedAt: new Date(now).toISOString(), sites }, null, 2)}\n`
}

const cell = (text: string) =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[\r\n]+/g, ' ')

/**
 * Markdown export: one row per host, worst grade first, like a provider comparison table. The account findings
 * (plaintext-offender, no-2fa...) get a column of their own, every one of them, so providers compare on it too.
 */
export function exportMarkdown(entries: HostEntry[], t: Translate): string {
  const lines = [
    `| ${t('reportHost')} | ${t('reportGrade')} | ${t('reportFindings')} | ${t('reportAccount')} | ${t('reportLevel')} | ${t('reportDate')} |`,
    '|---|---|---|---|---|---|',
  ]
  const ids = (findings: RowFinding[]) => findings.map((f) => `\`${f.id}\``).join(', ') || t('reportNone')
  for (const e of sortEntries(entries, { key: 'grade', descending: true })) {
    const findings = findingsOf(e, t)
    const main = ids(mainFindings(findings.filter((f) => !ACCOUNT_FINDING_IDS.includes(f.id))))
    const account = ids(findings.filter((f) => ACCOUNT_FINDING_IDS.includes(f.id)))
    lines.push(
      `| ${cell(e.host)} | ${e.grade} | ${cell(main)} | ${cell(account)} | ${e.strictness} | ${new Date(e.at).toISOString().slice(0, 10)} |`,
    )
  }
  return `${lines.join('\n')}\n`
}
