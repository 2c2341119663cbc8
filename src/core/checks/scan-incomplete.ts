import { certificateFacts, hstsReading, isHttpsPage, scanFacts, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * scan-incomplete (issue #21): the local scanner reached the server but could not read its certificate, the
 * protocol of a normal handshake, or its HSTS header, and no other source told them. An unknown still lowers no grade
 * by a weakness it might hide, but the grade cannot be better than what was seen: no A+ on a server whose
 * certificate nobody read. Without a scan (Chrome without the companion) nothing is claimed, so nothing is said.
 */
export const scanIncomplete: Check = {
  name: 'scan-incomplete',
  ids: ['scan-incomplete'],
  groups: ['tls'],
  run: (facts) => {
    const scan = scanFacts(facts)
    if (!scan || !isHttpsPage(facts)) return []
    const missing: string[] = []
    if (certificateFacts(facts) === undefined) missing.push('certificate')
    const tls = tlsFacts(facts)
    if (tls === undefined || tls.protocol.trim() === '') missing.push('protocol')
    if (hstsReading(facts).kind === 'unknown' && facts.transport === undefined) missing.push('hsts')
    if (missing.length === 0) return []
    return [
      {
        id: 'scan-incomplete',
        source: 'scanner',
        observedAt: scan.observedAt,
        detail: { missing: missing.join(', ') },
      },
    ]
  },
}
