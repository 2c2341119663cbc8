import { isBelow, normaliseServiceGrade } from '../grade.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

/** observatory-grade: the cached MDN HTTP Observatory grade is below the level's bar. */
export const observatoryGrade: Check = {
  name: 'observatory-grade',
  ids: ['observatory-grade'],
  groups: ['online'],
  run: (facts, strictness) => {
    const online = facts.online?.observatory
    if (online === undefined) return []
    const grade = normaliseServiceGrade(online.grade)
    if (grade === null || !isBelow(grade, THRESHOLDS.observatoryBar[strictness])) return []
    return [
      {
        id: 'observatory-grade',
        source: 'observatory',
        observedAt: online.observedAt,
        detail: { grade: online.grade.slice(0, 3) },
      },
    ]
  },
}
