import { rateServer } from './rate.ts'
import type { RatingGrade, RatingRuleId } from './ids.ts'
import type { Grade, ScanFacts } from '../types.ts'

/** The rating as the extension's pages carry it (popup, report page): small, plain JSON, words added where shown. */
export interface ServerRatingSummary {
  grade: RatingGrade
  gradeIfTrusted: Grade
  total: number | null
  /** Caps, warnings and A+ conditions, worst first, at most 12. */
  caps: { rule: RatingRuleId; grade: RatingGrade; detail?: string }[]
  /** Rules and checks that could not be tested, by name, at most 24. */
  notTested: string[]
  guide: string
}

export function ratingSummary(scan: ScanFacts): ServerRatingSummary | undefined {
  const rating = rateServer(scan)
  if (!rating) return undefined
  return {
    grade: rating.grade,
    gradeIfTrusted: rating.gradeIfTrusted,
    total: rating.score.total,
    caps: rating.caps.slice(0, 12).map((c) => ({
      rule: c.rule,
      grade: c.grade,
      ...(c.detail !== undefined ? { detail: c.detail.slice(0, 80) } : {}),
    })),
    notTested: [...new Set(rating.notTested.map((n) => n.check.slice(0, 40)))].slice(0, 24),
    guide: rating.guide,
  }
}
