import { certificateFacts, isHttpsPage, provenance } from '../facts.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

const DAY_MS = 86_400_000

/**
 * cert-expired and cert-expiring-soon: the leaf's notAfter against the moment the facts were observed
 * (the core has no clock of its own).
 */
export const certValidity: Check = {
  name: 'cert-validity',
  ids: ['cert-expired', 'cert-expiring-soon'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    const leaf = cert?.chain[0]
    if (!isHttpsPage(facts) || cert === undefined || leaf === undefined || cert.observedAt === undefined) return []
    const now = Date.parse(cert.observedAt)
    const end = Date.parse(leaf.notAfter)
    if (Number.isNaN(now) || Number.isNaN(end)) return []
    const base = provenance(cert)
    if (end < now) return [{ id: 'cert-expired', ...base, detail: { notAfter: leaf.notAfter } }]
    const days = Math.floor((end - now) / DAY_MS)
    if (days < THRESHOLDS.certExpiringSoonDays) {
      return [{ id: 'cert-expiring-soon', ...base, detail: { notAfter: leaf.notAfter, days } }]
    }
    return []
  },
}
