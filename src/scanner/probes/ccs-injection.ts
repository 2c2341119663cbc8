/**
 * OpenSSL's early ChangeCipherSpec (CVE-2014-0224), as testssl.sh and sslyze test it: after the server's first
 * flight, a ChangeCipherSpec before any ClientKeyExchange, then a record that only a server which took that CCS
 * would try to decrypt. A fixed server refuses the CCS with unexpected_message; a vulnerable one has switched to keys
 * made from an empty master secret and fails to decrypt the next record (bad_record_mac or decryption_failed).
 * A server speaking only TLS 1.3 has no such state machine: not vulnerable.
 */
import type { Tri } from '../../core/types.ts'
import { tls13Only } from '../ask.ts'
import { rawConversation, readFlight, record } from '../conversation.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { BROAD_SUITES, RC4_SUITES, SSL3_SUITES, TRIPLE_DES_SUITES } from '../suites.ts'
import { buildClientHello, VERSIONS } from '../tls-wire.ts'

const SUITES = [
  ...new Map([...BROAD_SUITES, ...SSL3_SUITES, ...RC4_SUITES, ...TRIPLE_DES_SUITES].map((s) => [s.code, s])).values(),
]
const ORDER = [
  { key: 'tls1_2', wire: VERSIONS.tls1_2 },
  { key: 'tls1_1', wire: VERSIONS.tls1_1 },
  { key: 'tls1', wire: VERSIONS.tls1 },
  { key: 'ssl3', wire: VERSIONS.ssl3 },
] as const

export interface CcsInjectionResult extends ProbeResult {
  vulnerable: Tri
}

export const ccsInjectionProbe = defineProbe<CcsInjectionResult>({
  name: 'ccs-injection',
  yields: ['ccsInjection'],
  phase: 2,
  async run(ctx) {
    if (tls13Only(ctx.facts.protocols)) return { vulnerable: false, unknown: [] }
    const best = ORDER.find((v) => ctx.facts.protocols[v.key] === true)
    if (!best)
      return {
        vulnerable: null,
        unknown: [{ check: 'ccs-injection', reason: 'no protocol below TLS 1.3 is known to be offered' }],
      }
    const ms = Math.min(3000, ctx.scheduler.limits.connectionTimeoutMs)
    const outcome = await rawConversation(
      ctx.scheduler,
      ctx.target,
      async (c): Promise<{ vulnerable: Tri; reason: string }> => {
        c.send(buildClientHello({ version: best.wire, suites: SUITES.map((s) => s.code), serverName: ctx.target.host }))
        const flight = await readFlight(c, ms)
        if (!flight.complete || !flight.hello)
          return {
            vulnerable: null,
            reason: flight.alert
              ? `the server answered ${flight.alert.name}`
              : 'the server did not finish its first flight',
          }
        const version = flight.hello.version
        c.send(record(20, version, [1]))
        c.send(record(22, version, crypto.getRandomValues(new Uint8Array(32))))
        const next = await c.next(ms)
        if (next.kind === 'record' && next.record.type === 21 && next.record.fragment.length >= 2) {
          const description = next.record.fragment[1]!
          // bad_record_mac (20) or decryption_failed (21): it decrypted with the keys the early CCS set up.
          return { vulnerable: description === 20 || description === 21, reason: '' }
        }
        if (next.kind === 'closed' || next.kind === 'reset') return { vulnerable: false, reason: '' }
        return {
          vulnerable: null,
          reason:
            next.kind === 'timeout'
              ? 'no answer to an early ChangeCipherSpec'
              : 'an unexpected answer to an early ChangeCipherSpec',
        }
      },
    )
    if (!outcome.ok) return { vulnerable: null, unknown: [{ check: 'ccs-injection', reason: outcome.failure.reason }] }
    const { vulnerable, reason } = outcome.value
    return { vulnerable, unknown: vulnerable === null ? [{ check: 'ccs-injection', reason }] : [] }
  },
  apply(result, facts) {
    facts.ccsInjection = result.vulnerable
  },
})
