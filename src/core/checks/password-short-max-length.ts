import { ownFrames } from '../facts.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

/**
 * password-short-max-length: the site caps passwords below 64 characters (NIST SP 800-63B asks verifiers to allow
 * at least 64), worse below 20. A short fixed cap suggests passwords may be stored as typed, in a column of that
 * width; it proves nothing more. The cap comes from the page's password fields (the top document and same-origin
 * frames; a field that sets a new password says it best, so those win over login fields) and from Apple's known
 * password rules for the site; the shortest counts.
 */
export const passwordShortMaxLength: Check = {
  name: 'password-short-max-length',
  ids: ['password-short-max-length'],
  groups: ['page', 'account'],
  run: (facts) => {
    const limits = ownFrames(facts)
      .flatMap((f) => f.passwordLimits ?? [])
      .filter((l) => Number.isInteger(l.maxLength) && l.maxLength >= THRESHOLDS.passwordFieldMinCap)
    const setting = limits.filter((l) => l.newPassword)
    const caps: { maxLength: number; from: 'new-password' | 'password' | 'rules' }[] = (
      setting.length > 0 ? setting : limits
    ).map((l) => ({
      maxLength: l.maxLength,
      from: l.newPassword ? 'new-password' : 'password',
    }))
    const rules = facts.account?.passwordRules
    if (rules !== undefined) caps.push({ maxLength: rules.maxLength, from: 'rules' })
    if (caps.length === 0) return []
    const shortest = caps.reduce((a, b) => (b.maxLength < a.maxLength ? b : a))
    if (shortest.maxLength >= THRESHOLDS.passwordMaxLength) return []
    return [
      {
        id: 'password-short-max-length',
        ...(shortest.maxLength < THRESHOLDS.passwordMaxLengthVeryShort ? { variant: 'very-short' } : {}),
        detail: {
          maxLength: shortest.maxLength,
          from: shortest.from,
          ...(shortest.from === 'rules' && rules ? { domain: rules.domain, dataDate: rules.dataDate } : {}),
        },
      },
    ]
  },
}
