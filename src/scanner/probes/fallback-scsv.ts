/**
 * TLS_FALLBACK_SCSV (RFC 7507 section 3): a hello at a version below the server's best, carrying 0x5600, must be
 * refused with inappropriate_fallback. Runs after the protocol probes, to know the best version and a lower one.
 * A server with a single version has nothing to downgrade to: the verdict is then null without an "unknown".
 */
import type { ScanFacts, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { BROAD_SUITES, SSL3_SUITES, TRIPLE_DES_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

export interface FallbackScsvResult extends ProbeResult {
  honoured: Tri
}

const ORDER: { key: keyof ScanFacts['protocols']; wire: number }[] = [
  { key: 'tls1_3', wire: VERSIONS.tls1_3 },
  { key: 'tls1_2', wire: VERSIONS.tls1_2 },
  { key: 'tls1_1', wire: VERSIONS.tls1_1 },
  { key: 'tls1', wire: VERSIONS.tls1 },
  { key: 'ssl3', wire: VERSIONS.ssl3 },
]

const SUITES = [...new Map([...BROAD_SUITES, ...SSL3_SUITES, ...TRIPLE_DES_SUITES].map((s) => [s.code, s])).values()]

export const fallbackScsvProbe = defineProbe<FallbackScsvResult>({
  name: 'fallback-scsv',
  yields: ['fallbackScsv'],
  phase: 2,
  async run(ctx) {
    const offered = ORDER.filter((v) => ctx.facts.protocols[v.key] === true)
    if (offered.length < 2) {
      const unsure = ORDER.some((v) => ctx.facts.protocols[v.key] === null)
      return {
        honoured: null,
        unknown: unsure ? [{ check: 'fallback-scsv', reason: 'the offered protocols are not all known' }] : [],
      }
    }
    const lower = offered[1]!
    const verdict = await askHello(ctx, { version: lower.wire, suites: SUITES, fallbackScsv: true })
    if (verdict.alert === 'inappropriate_fallback') return { honoured: true, unknown: [] }
    if (verdict.accepted === true) return { honoured: false, unknown: [] }
    const why = verdict.reason ?? (verdict.alert ? `the server answered ${verdict.alert}` : 'no verdict')
    return { honoured: null, unknown: [{ check: 'fallback-scsv', reason: why }] }
  },
  apply(result, facts) {
    facts.fallbackScsv = result.honoured
  },
})
