/**
 * Weak suite families, one raw TLS 1.2 hello each (a server that speaks only older versions answers at its own):
 * export (FREAK, CVE-2015-0204; Logjam for DHE export), RC4 (RFC 7465), 3DES (SWEET32), NULL and anonymous.
 */
import type { ScanFacts, ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { ANON_SUITES, EXPORT_SUITES, NULL_SUITES, RC4_SUITES, TRIPLE_DES_SUITES, type Suite } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

type Family = keyof ScanFacts['weakSuites']

const FAMILIES: Record<Family, readonly Suite[]> = {
  export: EXPORT_SUITES,
  rc4: RC4_SUITES,
  tripleDes: TRIPLE_DES_SUITES,
  null: NULL_SUITES,
  anon: ANON_SUITES,
}

export interface WeakSuitesResult extends ProbeResult {
  weakSuites: ScanFacts['weakSuites']
  /** IANA names of the suites the server chose. */
  accepted: string[]
  /** The DH group of an export DHE suite, when the server chose one (Logjam). */
  dhBits: number | null
}

export const weakSuitesProbe = defineProbe<WeakSuitesResult>({
  name: 'weak-suites',
  yields: ['weakSuites', 'acceptedWeakSuites', 'dhBits'],
  phase: 1,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const accepted: string[] = []
    const families = Object.keys(FAMILIES) as Family[]
    // Export DHE suites carry their (512-bit) group in the ServerKeyExchange: read on for it.
    const verdicts = await Promise.all(
      families.map((f) => askHello(ctx, { version: VERSIONS.tls1_2, suites: FAMILIES[f], keyExchange: f === 'export' })),
    )
    const weakSuites = {} as Record<Family, Tri>
    families.forEach((family, i) => {
      const verdict = verdicts[i]!
      weakSuites[family] = verdict.accepted
      if (verdict.accepted === null) unknown.push({ check: family, reason: verdict.reason ?? 'no verdict' })
      if (verdict.suite) accepted.push(verdict.suite.name)
    })
    return { weakSuites, accepted, dhBits: verdicts[0]?.dhBits ?? null, unknown }
  },
  apply(result, facts) {
    facts.weakSuites = result.weakSuites
    facts.acceptedWeakSuites = [...new Set([...facts.acceptedWeakSuites, ...result.accepted])].slice(0, 20)
    if (result.dhBits !== null) facts.dhBits = facts.dhBits === null ? result.dhBits : Math.min(facts.dhBits, result.dhBits)
  },
})
