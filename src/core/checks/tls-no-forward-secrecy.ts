import { isHttpsPage, normaliseProtocol, provenance, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * Key exchanges without forward secrecy: static RSA, static (EC)DH and plain PSK. Every TLS 1.3 suite is
 * ephemeral, and so are TLS 1.2 suites named ..._DHE_... or ..._ECDHE_....
 */
const STATIC_KEX = /^(?:TLS|SSL)_(?:RSA|DH|ECDH|PSK|RSA_PSK|KRB5)_/

/** tls-no-forward-secrecy: the negotiated key exchange (or one the server offers) is not ephemeral. */
export const tlsNoForwardSecrecy: Check = {
  name: 'tls-no-forward-secrecy',
  ids: ['tls-no-forward-secrecy'],
  groups: ['tls'],
  run: (facts) => {
    const tls = tlsFacts(facts)
    if (!isHttpsPage(facts) || tls === undefined) return []
    const negotiated =
      normaliseProtocol(tls.protocol) !== 'tlsv1.3' && STATIC_KEX.test(tls.cipherSuite.trim().toUpperCase())
    if (!negotiated && tls.offersNoForwardSecrecy !== true) return []
    const detail: Record<string, string | boolean> = negotiated
      ? { cipherSuite: tls.cipherSuite.slice(0, 100) }
      : { offered: true }
    return [{ id: 'tls-no-forward-secrecy', ...provenance(tls), detail }]
  },
}
