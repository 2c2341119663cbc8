import { isHttpsPage, normaliseProtocol, provenance, scanFacts, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

const SSL = new Set(['sslv2', 'sslv3'])
const LEGACY = new Set(['sslv2', 'sslv3', 'tlsv1', 'tlsv1.1'])

/**
 * tls-legacy-protocol: SSL 3, TLS 1.0 or TLS 1.1 negotiated, or offered by the server (local scanner, online
 * scans). The detail says which: `how` is "negotiated" when the connection itself used one.
 */
export const tlsLegacyProtocol: Check = {
  name: 'tls-legacy-protocol',
  ids: ['tls-legacy-protocol'],
  groups: ['tls'],
  run: (facts) => {
    if (!isHttpsPage(facts)) return []
    const tls = tlsFacts(facts)
    const scan = scanFacts(facts)
    const negotiated = tls ? [normaliseProtocol(tls.protocol)].filter((p) => LEGACY.has(p)) : []
    const online = (tls?.offeredProtocols ?? []).map(normaliseProtocol).filter((p) => LEGACY.has(p))
    const scanned: string[] = []
    if (scan?.ssl2 === true) scanned.push('sslv2')
    if (scan?.protocols.ssl3 === true) scanned.push('sslv3')
    if (scan?.protocols.tls1 === true) scanned.push('tlsv1')
    if (scan?.protocols.tls1_1 === true) scanned.push('tlsv1.1')
    const protocols = [...new Set([...negotiated, ...online, ...scanned])]
    if (protocols.length === 0) return []
    const from =
      negotiated.length === 0 && scanned.length > 0 && scan
        ? { source: 'scanner' as const, observedAt: scan.observedAt }
        : tls!
    return [
      {
        id: 'tls-legacy-protocol',
        ...(protocols.some((p) => SSL.has(p)) ? { variant: 'ssl3' } : {}),
        ...provenance(from),
        detail: { protocols: protocols.join(', '), how: negotiated.length > 0 ? 'negotiated' : 'offered' },
      },
    ]
  },
}
