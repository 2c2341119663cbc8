/** The popup as plain data: a pure function of the background's answer and the words. Tested without a DOM. */
import { adviceKeys } from '../../core/advice.ts'
import { SEVERITIES, type FactGroup, type Finding, type Grade, type Severity } from '../../core/types.ts'
import type { BackgroundToUi } from '../../messages.ts'
import type { Translate } from '../i18n.ts'

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

export type PopupView =
  | { kind: 'loading'; message: string }
  | { kind: 'empty'; message: string }
  | {
      kind: 'report'
      grade: Grade
      gradeLabel: string
      host: string
      summary: string
      coverage: string
      groups: SeverityGroup[]
      fixLabel: string
    }

function findingView(f: Finding, t: Translate): FindingView {
  const keys = adviceKeys(f.id)
  const subs = f.detail?.grade !== undefined ? [String(f.detail.grade)] : []
  const source = f.source && f.source !== 'browser' ? t(`source_${f.source}`) : ''
  return { id: f.id, severity: f.severity, title: t(keys.title, subs), user: t(keys.user, subs), fix: t(keys.fix, subs), source }
}

function coverageLine(coverage: Record<FactGroup, boolean>, browser: 'chrome' | 'firefox', https: boolean, t: Translate): string {
  if (!https) return t('coverageHttp')
  if (coverage.certificate && coverage.tls) return t('coverageFull')
  return browser === 'chrome' ? t('coverageChrome') : t('coveragePartial')
}

/** One verdict a grade band, so the headline reads at a glance. */
export function verdictKey(grade: Grade): string {
  if (grade.startsWith('A')) return 'verdict_good'
  if (grade === 'B') return 'verdict_fair'
  if (grade === 'F') return 'verdict_bad'
  return 'verdict_poor'
}

export function popupView(answer: BackgroundToUi | null, t: Translate): PopupView {
  if (answer === null) return { kind: 'loading', message: t('popupLoading') }
  if (answer.type === 'bg:no-report') {
    const key = answer.reason === 'not-yet' ? 'popupNotYet' : 'popupNotWebPage'
    return { kind: 'empty', message: t(key) }
  }
  const { report, host, browser, url } = answer.tab
  const groups = SEVERITIES.map((severity) => ({
    severity,
    label: t(`severity_${severity}`),
    findings: report.findings.filter((f) => f.severity === severity).map((f) => findingView(f, t)),
  })).filter((g) => g.findings.length > 0)
  return {
    kind: 'report',
    grade: report.grade,
    gradeLabel: t('gradeLabel', [report.grade]),
    host,
    summary: report.findings.some((f) => f.severity !== 'info') ? t(verdictKey(report.grade)) : t('summaryClean'),
    coverage: coverageLine(report.coverage, browser, url.startsWith('https:'), t),
    groups,
    fixLabel: t('fixLabel'),
  }
}
