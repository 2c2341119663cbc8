import { GRADES, SEVERITIES, type Grade, type Severity } from './types.ts'

/** Position of a grade, 0 for A+ and 7 for F. */
export function gradeRank(grade: Grade): number {
  return GRADES.indexOf(grade)
}

/** The lower of two grades. */
export function worseGrade(a: Grade, b: Grade): Grade {
  return gradeRank(a) >= gradeRank(b) ? a : b
}

export function isBelow(grade: Grade, bar: Grade): boolean {
  return gradeRank(grade) > gradeRank(bar)
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity)
}

export function isGrade(value: unknown): value is Grade {
  return typeof value === 'string' && (GRADES as readonly string[]).includes(value)
}

/**
 * A service's letter in Vigie's scale: SSL Labs' T (trust) and M (name mismatch) are failures;
 * the Observatory's B+/B- and the like fold into their letter. Null for anything unrecognised.
 */
export function normaliseServiceGrade(raw: string): Grade | null {
  const value = raw.trim().toUpperCase()
  if (value === 'T' || value === 'M') return 'F'
  if (isGrade(value)) return value
  const letter = value.slice(0, 1)
  if (/^[B-F][+-]?$/.test(value) && isGrade(letter)) return letter
  return null
}
