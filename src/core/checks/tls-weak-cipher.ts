import { isHttpsPage, provenance, tlsFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/** Suites that protect nothing: no encryption, export-grade keys, or no authentication. */
const BROKEN = /(?:_NULL_|_WITH_NULL|EXPORT|_ANON_|_DH_anon_)/i
/** Suites with known practical attacks or under 128-bit strength. */
const WEAK = /(?:RC4|3DES|_DES_|DES40|DES_CBC|IDEA|RC2|_56_|_40_)/i

/** tls-weak-cipher: RC4, 3DES, NULL, EXPORT or under 128-bit, or the browser itself marked the connection weak. */
export const tlsWeakCipher: Check = {
  name: 'tls-weak-cipher',
  ids: ['tls-weak-cipher'],
  groups: ['tls'],
  run: (facts) => {
    const tls = tlsFacts(facts)
    if (!isHttpsPage(facts) || tls === undefined) return []
    const suites = [tls.cipherSuite, ...(tls.offeredSuites ?? [])].map((s) => s.trim()).filter(Boolean)
    const broken = suites.find((s) => BROKEN.test(s))
    const weak = broken ?? suites.find((s) => WEAK.test(s))
    if (weak === undefined && !tls.weak) return []
    return [
      {
        id: 'tls-weak-cipher',
        ...(broken ? { variant: 'broken' } : {}),
        ...provenance(tls),
        detail: { cipherSuite: (weak ?? tls.cipherSuite).slice(0, 100) },
      },
    ]
  },
}
