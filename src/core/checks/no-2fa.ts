import type { Check } from '../types.ts'

/** no-2fa: 2fa.directory lists the site as offering no two-factor authentication at all. */
export const noTwoFactor: Check = {
  name: 'no-2fa',
  ids: ['no-2fa'],
  groups: ['account'],
  run: (facts) => {
    const twoFactor = facts.account?.twoFactor
    if (twoFactor === undefined || twoFactor.methods.length > 0) return []
    return [{ id: 'no-2fa', detail: { domain: twoFactor.domain, dataDate: twoFactor.dataDate } }]
  },
}
