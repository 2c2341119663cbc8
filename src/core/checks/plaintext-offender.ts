import type { Check } from '../types.ts'

/**
 * plaintext-offender: Plain Text Offenders published a user's report that the site mailed them their own password
 * in clear, so it kept passwords in a form it can read; sites on its list of reformed ones are not flagged. A report
 * can be years old: the finding carries its date, the evidence and, where Apple's data has it, the address where the
 * user changes the password.
 */
export const plaintextOffender: Check = {
  name: 'plaintext-offender',
  ids: ['plaintext-offender'],
  groups: ['account'],
  run: (facts) => {
    const offender = facts.account?.offender
    if (offender === undefined || offender.reformed) return []
    const change = facts.account?.changePasswordUrl
    return [
      {
        id: 'plaintext-offender',
        detail: {
          domain: offender.domain,
          date: offender.date,
          year: offender.date.slice(0, 4),
          url: offender.url,
          reports: offender.reports,
          dataDate: offender.dataDate,
          ...(change !== undefined ? { changePasswordUrl: change } : {}),
        },
      },
    ]
  },
}
