/** The server's SSL Labs rating as the popup and the report page show it: a pure function of the summary and the words. */
import { ratingReason } from '../../core/rating/words.ts'
import type { ServerRatingSummary } from '../../core/rating/summary.ts'
import type { Translate } from '../i18n.ts'

export interface ServerRatingView {
  title: string
  grade: string
  /** "B by the SSL Labs rating guide 2009r" */
  line: string
  /** "B if the certificate were trusted", under a T or M. */
  ifTrusted?: string
  /** Each cap with its reason, worst first; or the one line saying none applies. */
  caps: { grade: string; reason: string }[]
  none?: string
  notTested?: string
  footnote: string
}

export function serverRatingView(rating: ServerRatingSummary | undefined, t: Translate): ServerRatingView | undefined {
  if (!rating) return undefined
  const translate = (key: string, subs?: string[]) => t(key, subs)
  const caps = rating.caps.map((c) => ({ grade: c.grade, reason: ratingReason(c, translate) }))
  return {
    title: t('ratingTitle'),
    grade: rating.grade,
    line: t('ratingGrade', [rating.grade, rating.guide]),
    ...(rating.grade === 'T' || rating.grade === 'M'
      ? { ifTrusted: t('ratingIfTrusted', [rating.gradeIfTrusted]) }
      : {}),
    caps,
    ...(caps.length === 0 ? { none: t('ratingCapsNone') } : {}),
    ...(rating.notTested.length > 0 ? { notTested: t('ratingNotTested', [rating.notTested.join(', ')]) } : {}),
    footnote: t('ratingNotEv'),
  }
}
