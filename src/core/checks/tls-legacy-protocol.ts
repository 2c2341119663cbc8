import { isHttpsPage, normaliseProtocol, provenance, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

const SSL = new Set(['sslv2', 'sslv3'])
const LEGACY = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1'])

/** tls-legacy-protocol: SSL 3, TLS 1.0 or TLS 1.1 negotiated, or offered by the server (online scans). */
export const tlsLegacyProtocol: Check = {
  name: 'tls-legacy-protocol',
  ids: ['tls-legacy-protocol'],
  groups: ['tls'],
  run: (facts) => {
    const tls = tlsFacts(facts)
    if (!isHttpsPage(facts) || tls === undefined) return []
    const protocols = [tls.protocol, ...(tls.offeredProtocols ?? [])].map(normaliseProtocol).filter((p) => LEGACY.has(p))
    if (protocols.length === 0) return []
    return [
      {
        id: 'tls-legacy-protocol',
        ...(protocols.some((p) => SSL.has(p)) ? { variant: 'ssl3' } : {}),
        ...provenance(tls),
        detail: { protocols: [...new Set(protocols)].join(', ') },
      },
    ]
  },
}
