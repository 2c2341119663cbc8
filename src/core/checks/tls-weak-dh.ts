import { scanFacts } from '../facts.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check } from '../types.ts'

/**
 * tls-weak-dh: the server accepts DHE with a finite-field group below 2048 bits (local scanner, from the
 * ServerKeyExchange). Below 1024 bits is export-grade and broken (Logjam, CVE-2015-4000); 1024 is within reach of
 * a state-level attacker who precomputed the group.
 */
export const tlsWeakDh: Check = {
  name: 'tls-weak-dh',
  ids: ['tls-weak-dh'],
  groups: ['tls'],
  run: (facts) => {
    const scan = scanFacts(facts)
    const bits = scan?.dhBits
    if (!scan || bits === null || bits === undefined || bits >= THRESHOLDS.minDhBits) return []
    return [
      {
        id: 'tls-weak-dh',
        ...(bits < THRESHOLDS.brokenDhBits ? { variant: 'broken' } : {}),
        source: 'scanner',
        observedAt: scan.observedAt,
        detail: { bits },
      },
    ]
  },
}
