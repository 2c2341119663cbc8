import { certificateFacts, isHttpsPage, provenance } from '../facts.ts'
import type { Check } from '../types.ts'

/** cert-untrusted: the user clicked through a certificate error, so anyone on the path may be reading along. */
export const certUntrusted: Check = {
  name: 'cert-untrusted',
  ids: ['cert-untrusted'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    if (!isHttpsPage(facts) || cert === undefined || !cert.overridden) return []
    return [{ id: 'cert-untrusted', ...provenance(cert) }]
  },
}
