import { isHttpsPage, normaliseProtocol, provenance, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/** tls-no-tls13: the connection did not use TLS 1.3 (only reported when the protocol is known). */
export const tlsNoTls13: Check = {
  name: 'tls-no-tls13',
  ids: ['tls-no-tls13'],
  groups: ['tls'],
  run: (facts) => {
    const tls = tlsFacts(facts)
    if (!isHttpsPage(facts) || tls === undefined || tls.protocol.trim() === '') return []
    if (normaliseProtocol(tls.protocol) === 'tlsv1.3') return []
    return [{ id: 'tls-no-tls13', ...provenance(tls), detail: { protocol: tls.protocol.slice(0, 20) } }]
  },
}
