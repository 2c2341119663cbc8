import type { Check, TwoFactorMethod } from '../types.ts'

/** Codes sent over the phone network or by email: they can be intercepted or redirected (SIM swap, mailbox takeover). */
const WEAK: readonly TwoFactorMethod[] = ['sms', 'call', 'email']

/** 2fa-sms-only: the site's only second factors are codes sent by SMS, phone call or email (2fa.directory). */
export const twoFactorSmsOnly: Check = {
  name: '2fa-sms-only',
  ids: ['2fa-sms-only'],
  groups: ['account'],
  run: (facts) => {
    const twoFactor = facts.account?.twoFactor
    if (twoFactor === undefined || twoFactor.methods.length === 0 || !twoFactor.methods.every((m) => WEAK.includes(m)))
      return []
    return [
      {
        id: '2fa-sms-only',
        detail: { methods: twoFactor.methods.join(' '), domain: twoFactor.domain, dataDate: twoFactor.dataDate },
      },
    ]
  },
}
