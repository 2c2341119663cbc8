import { isHttpsPage, provenance, scanFacts, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/** Suites that protect nothing: no encryption, export-grade keys, or no authentication. */
const BROKEN = /(?:_NULL_|_WITH_NULL|EXPORT|_ANON_|_DH_anon_)/i
/** Suites with known practical attacks or under 128-bit strength. */
const WEAK = /(?:RC4|3DES|_DES_|DES40|DES_CBC|IDEA|RC2|_56_|_40_)/i

/**
 * tls-weak-cipher: RC4, 3DES, NULL, EXPORT or under 128-bit negotiated or offered, or the browser itself marked the
 * connection weak. The detail's `how` says whether the connection used it or the server only accepts it.
 */
export const tlsWeakCipher: Check = {
  name: 'tls-weak-cipher',
  ids: ['tls-weak-cipher'],
  groups: ['tls'],
  run: (facts) => {
    if (!isHttpsPage(facts)) return []
    const tls = tlsFacts(facts)
    const scan = scanFacts(facts)
    const negotiated = tls?.cipherSuite.trim() ?? ''
    const online = (tls?.offeredSuites ?? []).map((s) => s.trim()).filter(Boolean)
    // The scanner names the suites the server chose from each weak family, and says which families it accepts.
    const scanned = scan ? scan.acceptedWeakSuites.map((s) => s.trim()).filter(Boolean) : []
    // The flat families, and each protocol version's own (a server may accept RC4 under SSL 3 only, issue #21).
    const lists = scan ? [scan.weakSuites, ...Object.values(scan.suitesByProtocol ?? {})] : []
    const families = {
      broken: lists.some((w) => w.export === true || w.null === true || w.anon === true),
      weak: lists.some((w) => w.rc4 === true || w.tripleDes === true),
    }
    const suites = [negotiated, ...online, ...scanned].filter(Boolean)
    const broken = suites.find((s) => BROKEN.test(s))
    const weak = broken ?? suites.find((s) => WEAK.test(s))
    const negotiatedWeak = negotiated !== '' && (BROKEN.test(negotiated) || WEAK.test(negotiated))
    if (weak === undefined && !families.broken && !families.weak && !tls?.weak) return []
    const offeredOnly = !negotiatedWeak && !tls?.weak
    const fromScanner = offeredOnly && scan !== undefined && (families.broken || families.weak || scanned.length > 0)
    const family = families.broken ? 'NULL, EXPORT or anonymous' : 'RC4 or 3DES'
    return [
      {
        id: 'tls-weak-cipher',
        ...(broken || families.broken ? { variant: 'broken' } : {}),
        ...provenance(fromScanner ? { source: 'scanner', observedAt: scan.observedAt } : tls!),
        detail: {
          cipherSuite: (negotiatedWeak
            ? negotiated
            : (weak ?? (families.broken || families.weak ? family : negotiated))
          ).slice(0, 100),
          how: offeredOnly ? 'offered' : 'negotiated',
        },
      },
    ]
  },
}
