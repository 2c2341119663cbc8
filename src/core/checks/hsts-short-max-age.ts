import { hstsReading } from '../facts.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

/** hsts-short-max-age: the policy lasts less than the level's threshold (max-age=0 removes it outright). */
export const hstsShortMaxAge: Check = {
  name: 'hsts-short-max-age',
  ids: ['hsts-short-max-age'],
  groups: ['transport'],
  run: (facts, strictness) => {
    const reading = hstsReading(facts)
    if (reading.kind !== 'policy') return []
    const minimum = THRESHOLDS.hstsMinMaxAge[strictness]
    const { maxAge } = reading.policy
    return maxAge < minimum ? [{ id: 'hsts-short-max-age', detail: { maxAge, minimum } }] : []
  },
}
