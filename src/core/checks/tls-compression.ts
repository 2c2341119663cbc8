import { scanFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * tls-compression: the server accepts TLS-level compression (DEFLATE), which lets an attacker who can make the
 * browser send requests guess secrets in them, such as session cookies, from the compressed sizes (CRIME, 2012).
 */
export const tlsCompression: Check = {
  name: 'tls-compression',
  ids: ['tls-compression'],
  groups: ['tls'],
  run: (facts) => {
    const scan = scanFacts(facts)
    if (scan?.compression !== true) return []
    return [{ id: 'tls-compression', source: 'scanner', observedAt: scan.observedAt }]
  },
}
