/** SSL 3.0 (POODLE, CVE-2014-3566): a raw SSL 3.0 hello; a ServerHello at 0x0300 means the server speaks it. */
import type { Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { SSL3_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

export interface Ssl3Result extends ProbeResult {
  ssl3: Tri
}

export const ssl3Probe = defineProbe<Ssl3Result>({
  name: 'ssl3',
  yields: ['protocols'],
  phase: 1,
  async run(ctx) {
    const verdict = await askHello(ctx, { version: VERSIONS.ssl3, suites: SSL3_SUITES })
    if (verdict.accepted === null)
      return { ssl3: null, unknown: [{ check: 'ssl3', reason: verdict.reason ?? 'no verdict' }] }
    return { ssl3: verdict.accepted && verdict.hello?.version === VERSIONS.ssl3, unknown: [] }
  },
  apply(result, facts) {
    facts.protocols = { ...facts.protocols, ssl3: result.ssl3 }
  },
})
