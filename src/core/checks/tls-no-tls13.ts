import { isHttpsPage, normaliseProtocol, provenance, scanFacts, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * tls-no-tls13: the server does not offer TLS 1.3 (local scanner), or the connection did not use it (only reported
 * when the protocol is known). What the scanner measured wins over one negotiated connection.
 */
export const tlsNoTls13: Check = {
  name: 'tls-no-tls13',
  ids: ['tls-no-tls13'],
  groups: ['tls'],
  run: (facts) => {
    if (!isHttpsPage(facts)) return []
    const scan = scanFacts(facts)
    const offered = scan?.protocols.tls1_3
    if (offered === true) return []
    if (offered === false) {
      const best = scan!.negotiated?.protocol ?? ''
      return [
        {
          id: 'tls-no-tls13',
          source: 'scanner',
          observedAt: scan!.observedAt,
          detail: { protocol: best.slice(0, 20), how: 'offered' },
        },
      ]
    }
    const tls = tlsFacts(facts)
    if (tls === undefined || tls.protocol.trim() === '') return []
    if (normaliseProtocol(tls.protocol) === 'tlsv1.3') return []
    return [
      { id: 'tls-no-tls13', ...provenance(tls), detail: { protocol: tls.protocol.slice(0, 20), how: 'negotiated' } },
    ]
  },
}
