/**
 * Forward secrecy: offered forward-secret and static RSA suites in a browser's order, does the server pick a
 * forward-secret one? And offered static RSA alone, does it accept it? (SSL Labs reports the first; the rubric
 * grades it, and the second is a fact for the report.)
 */
import type { ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { DHE_SUITES, FORWARD_SECRET_SUITES, isForwardSecret, STATIC_RSA_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

export interface ForwardSecrecyResult extends ProbeResult {
  preferred: Tri
  staticRsa: Tri
}

export const forwardSecrecyProbe = defineProbe<ForwardSecrecyResult>({
  name: 'forward-secrecy',
  yields: ['forwardSecrecyPreferred', 'staticRsa'],
  phase: 1,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const [mixed, rsa] = await Promise.all([
      askHello(ctx, {
        version: VERSIONS.tls1_2,
        suites: [...FORWARD_SECRET_SUITES, ...DHE_SUITES, ...STATIC_RSA_SUITES],
      }),
      askHello(ctx, { version: VERSIONS.tls1_2, suites: STATIC_RSA_SUITES }),
    ])
    // A server that refuses every hello below TLS 1.3 gives every client forward secrecy.
    if (mixed.alert === 'protocol_version' && (rsa.alert === 'protocol_version' || rsa.accepted === false)) {
      return { preferred: true, staticRsa: false, unknown }
    }
    let preferred: Tri = null
    if (mixed.accepted === true && mixed.suite) preferred = isForwardSecret(mixed.suite.kx)
    else
      unknown.push({
        check: 'forward-secrecy',
        reason: mixed.reason ?? (mixed.alert ? `the server answered ${mixed.alert}` : 'no verdict'),
      })
    if (rsa.accepted === null) unknown.push({ check: 'static-rsa', reason: rsa.reason ?? 'no verdict' })
    return { preferred, staticRsa: rsa.accepted, unknown }
  },
  apply(result, facts) {
    facts.forwardSecrecyPreferred = result.preferred
    facts.staticRsa = result.staticRsa
  },
})
