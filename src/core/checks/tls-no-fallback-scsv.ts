import { scanFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * tls-no-fallback-scsv: the server offers a protocol below its best and answers a lower-version hello carrying
 * TLS_FALLBACK_SCSV (RFC 7507 section 3) with a handshake instead of the inappropriate_fallback alert.
 */
export const tlsNoFallbackScsv: Check = {
  name: 'tls-no-fallback-scsv',
  ids: ['tls-no-fallback-scsv'],
  groups: ['tls'],
  run: (facts) => {
    const scan = scanFacts(facts)
    if (scan?.fallbackScsv !== false) return []
    return [{ id: 'tls-no-fallback-scsv', source: 'scanner', observedAt: scan.observedAt }]
  },
}
