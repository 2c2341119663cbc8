/**
 * The finite-field DH group: a raw hello with DHE suites only, read on to the ServerKeyExchange, whose dh_p gives
 * the group size (RFC 5246 7.4.3). Logjam (CVE-2015-4000) and SSL Labs' B cap at 1024 bits start here.
 */
import type { ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { DHE_SUITES, EXPORT_SUITES } from '../suites.ts'
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
    // Two hellos, as testssl.sh's Logjam check: the ordinary DHE suites, and the export DHE suites alone (a
    // server may prefer RSA export suites over them, hiding their 512-bit group from the suites-by-protocol probe).
    const [verdict, exported] = await Promise.all([
      askHello(ctx, { version: VERSIONS.tls1_2, suites: DHE_SUITES, keyExchange: true }),
      askHello(ctx, {
        version: VERSIONS.tls1_2,
        suites: EXPORT_SUITES.filter((s) => s.kx === 'DHE'),
        keyExchange: true,
      }),
    ])
    if (verdict.accepted === null) unknown.push({ check: 'dh-group', reason: verdict.reason ?? 'no verdict' })
    else if (verdict.accepted && verdict.dhBits === undefined)
      unknown.push({ check: 'dh-group', reason: 'no DH parameters in the ServerKeyExchange' })
    const sizes = [verdict.dhBits, exported.dhBits].filter((b): b is number => b !== undefined)
    const dhe: Tri = verdict.accepted === true || exported.accepted === true ? true : verdict.accepted
    return { dhe, bits: sizes.length > 0 ? Math.min(...sizes) : null, unknown }
  },
  apply(result, facts) {
    facts.dhe = result.dhe
    // The weakest group seen wins (export DHE suites may have set a smaller one).
    if (result.bits !== null) facts.dhBits = facts.dhBits === null ? result.bits : Math.min(facts.dhBits, result.bits)
  },
})
