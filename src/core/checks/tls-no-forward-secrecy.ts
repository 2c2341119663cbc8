import { isHttpsPage, normaliseProtocol, provenance, scanFacts, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * Key exchanges without forward secrecy: static RSA, static (EC)DH and plain PSK. Every TLS 1.3 suite is
 * ephemeral, and so are TLS 1.2 suites named ..._DHE_... or ..._ECDHE_....
 */
const STATIC_KEX = /^(?:TLS|SSL)_(?:RSA|DH|ECDH|PSK|RSA_PSK|KRB5)_/

/**
 * tls-no-forward-secrecy: the negotiated key exchange is not ephemeral, or the server does not prefer forward-secret
 * suites (offered both, the local scanner saw it pick static RSA; SSL Labs saw a reference client without it).
 * Merely accepting static RSA from a client that offers nothing else is not reported, as in SSL Labs.
 */
export const tlsNoForwardSecrecy: Check = {
  name: 'tls-no-forward-secrecy',
  ids: ['tls-no-forward-secrecy'],
  groups: ['tls'],
  run: (facts) => {
    if (!isHttpsPage(facts)) return []
    const tls = tlsFacts(facts)
    const scan = scanFacts(facts)
    const negotiated =
      tls !== undefined &&
      normaliseProtocol(tls.protocol) !== 'tlsv1.3' &&
      STATIC_KEX.test(tls.cipherSuite.trim().toUpperCase())
    const scanned = scan?.forwardSecrecyPreferred === false
    if (!negotiated && !scanned && tls?.offersNoForwardSecrecy !== true) return []
    if (negotiated)
      return [
        {
          id: 'tls-no-forward-secrecy',
          ...provenance(tls!),
          detail: { cipherSuite: tls!.cipherSuite.slice(0, 100), how: 'negotiated' },
        },
      ]
    const from = scanned ? { source: 'scanner' as const, observedAt: scan!.observedAt } : tls!
    return [{ id: 'tls-no-forward-secrecy', ...provenance(from), detail: { offered: true, how: 'offered' } }]
  },
}
