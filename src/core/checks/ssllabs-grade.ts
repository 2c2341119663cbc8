import { isBelow, normaliseServiceGrade } from '../grade.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

/** ssllabs-grade: the cached SSL Labs grade is below the level's bar; the finding caps at that grade. */
export const ssllabsGrade: Check = {
  name: 'ssllabs-grade',
  ids: ['ssllabs-grade'],
  groups: ['online'],
  run: (facts, strictness) => {
    const online = facts.online?.ssllabs
    if (online === undefined) return []
    const grade = normaliseServiceGrade(online.grade)
    if (grade === null || !isBelow(grade, THRESHOLDS.ssllabsBar[strictness])) return []
    return [
      {
        id: 'ssllabs-grade',
        grade,
        source: 'ssllabs',
        observedAt: online.observedAt,
        detail: { grade: online.grade.slice(0, 3) },
      },
    ]
  },
}
