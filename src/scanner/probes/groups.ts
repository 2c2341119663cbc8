/**
 * The named groups the server accepts for its ephemeral key exchange (issue #20), post-quantum X25519MLKEM768
 * included. A hello offers TLS 1.3 and 1.2 with ECDHE suites only, a key_share left empty and the candidate
 * groups: a TLS 1.3 server names the group it picks in its HelloRetryRequest (RFC 8446 4.1.4), so no ML-KEM key is
 * ever made; a TLS 1.2 server names its curve in the ServerKeyExchange (RFC 8422 5.4). The first hello offers every
 * candidate: refused, the server has none (one connection in all); accepted, each other candidate gets a hello of
 * its own, as testssl.sh and sslyze ask one group at a time.
 */
import type { ScanUnknown } from '../../core/types.ts'
import { askHello, type HelloVerdict } from '../ask.ts'
import { defineProbe, type ProbeContext, type ProbeResult } from '../probe.ts'
import { FORWARD_SECRET_SUITES, RC4_SUITES, TLS13_SUITES, TRIPLE_DES_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

/** IANA's TLS Supported Groups registry: code point and name. */
export const CANDIDATE_GROUPS: readonly { code: number; name: string }[] = [
  { code: 0x11ec, name: 'X25519MLKEM768' },
  { code: 0x001d, name: 'x25519' },
  { code: 0x0017, name: 'secp256r1' },
  { code: 0x0018, name: 'secp384r1' },
  { code: 0x0019, name: 'secp521r1' },
  { code: 0x001e, name: 'x448' },
]

const ECDHE_SUITES = [
  ...TLS13_SUITES,
  ...[...FORWARD_SECRET_SUITES, ...TRIPLE_DES_SUITES, ...RC4_SUITES].filter((s) => s.kx === 'ECDHE'),
]

export interface GroupsResult extends ProbeResult {
  groups: string[] | null
}

/** The group a hello's answer names: the key_share of TLS 1.3, the ServerKeyExchange's curve below. */
function chosenGroup(verdict: HelloVerdict): number | undefined {
  if (verdict.accepted !== true || !verdict.hello) return undefined
  return verdict.hello.version >= VERSIONS.tls1_3 ? verdict.hello.keyShareGroup : verdict.curve
}

function ask(ctx: ProbeContext, groups: readonly number[]): Promise<HelloVerdict> {
  return askHello(ctx, { version: VERSIONS.tls1_3, tls13: true, suites: ECDHE_SUITES, groups, keyExchange: true })
}

export const groupsProbe = defineProbe<GroupsResult>({
  name: 'groups',
  yields: ['groups'],
  phase: 1,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const first = await ask(
      ctx,
      CANDIDATE_GROUPS.map((g) => g.code),
    )
    if (first.accepted === false) return { groups: [], unknown }
    const picked = chosenGroup(first)
    if (first.accepted === null || picked === undefined) {
      return { groups: null, unknown: [{ check: 'groups', reason: first.reason ?? 'the server named no group' }] }
    }
    const accepted = new Set<number>([picked])
    const rest = CANDIDATE_GROUPS.filter((g) => g.code !== picked)
    const verdicts = await Promise.all(rest.map((g) => ask(ctx, [g.code])))
    rest.forEach((g, i) => {
      const verdict = verdicts[i]!
      if (verdict.accepted === null)
        unknown.push({ check: 'groups', reason: `${g.name}: ${verdict.reason ?? 'no verdict'}` })
      else if (chosenGroup(verdict) === g.code) accepted.add(g.code)
    })
    return { groups: CANDIDATE_GROUPS.filter((g) => accepted.has(g.code)).map((g) => g.name), unknown }
  },
  apply(result, facts) {
    facts.groups = result.groups
  },
})
