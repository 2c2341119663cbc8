import { certificateFacts, isHttpsPage, provenance } from '../facts.ts'
import type { Check } from '../types.ts'

/** cert-not-ev: the leaf is not an Extended Validation certificate (reported only when the level is known). */
export const certNotEv: Check = {
  name: 'cert-not-ev',
  ids: ['cert-not-ev'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    if (!isHttpsPage(facts) || cert === undefined || cert.validation === 'EV' || cert.validation === 'unknown') {
      return []
    }
    return [
      {
        id: 'cert-not-ev',
        ...provenance(cert),
        detail: { validation: cert.validation },
      },
    ]
  },
}
