/**
 * The finite-field DH group: a raw hello with DHE suites only, read on to the ServerKeyExchange, whose dh_p gives
 * the group size (RFC 5246 7.4.3). Logjam (CVE-2015-4000) and SSL Labs' B cap at 1024 bits start here.
 */
import type { ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { DHE_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

export interface DhGroupResult extends ProbeResult {
  dhe: Tri
  bits: number | null
}

export const dhGroupProbe = defineProbe<DhGroupResult>({
  name: 'dh-group',
  yields: ['dhe', 'dhBits'],
  phase: 1,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const verdict = await askHello(ctx, { version: VERSIONS.tls1_2, suites: DHE_SUITES, keyExchange: true })
    if (verdict.accepted === null) unknown.push({ check: 'dh-group', reason: verdict.reason ?? 'no verdict' })
    else if (verdict.accepted && verdict.dhBits === undefined) unknown.push({ check: 'dh-group', reason: 'no DH parameters in the ServerKeyExchange' })
    return { dhe: verdict.accepted, bits: verdict.dhBits ?? null, unknown }
  },
  apply(result, facts) {
    facts.dhe = result.dhe
    // The weakest group seen wins (export DHE suites may have set a smaller one).
    if (result.bits !== null) facts.dhBits = facts.dhBits === null ? result.bits : Math.min(facts.dhBits, result.bits)
  },
})
