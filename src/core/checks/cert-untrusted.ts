import { certificateFacts, isHttpsPage, provenance, scanFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/** cert-untrusted: the user clicked through a certificate error, so anyone on the path may be reading along. */
export const certUntrusted: Check = {
  name: 'cert-untrusted',
  ids: ['cert-untrusted'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    if (!isHttpsPage(facts)) return []
    if (cert?.overridden) return [{ id: 'cert-untrusted', ...provenance(cert) }]
    // The local scanner's verdict counts only where the browser did not tell (Chrome): a browser trusting an
    // enterprise root that Node does not know must not turn a clean page red.
    const scan = scanFacts(facts)
    if (facts.certificate !== undefined || scan?.trust?.trusted !== false) return []
    return [
      {
        id: 'cert-untrusted',
        source: 'scanner',
        observedAt: scan.observedAt,
        detail: { error: (scan.trust.error ?? '').slice(0, 100), nameMatches: scan.trust.nameMatches },
      },
    ]
  },
}
