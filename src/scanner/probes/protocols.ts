/**
 * TLS 1.0, 1.1, 1.2 and 1.3, each tried on its own with Node's OpenSSL (minVersion = maxVersion, SECLEVEL=0 so
 * OpenSSL 3 still speaks the old ones). OpenSSL 3 has no RC4 or 3DES, so when it fails on TLS 1.0 to 1.2 one raw
 * hello pinned to that version, with the old suites too, has the last word.
 */
import type { SecureVersion } from 'node:tls'
import type { ScanFacts, ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { nodeHandshake } from '../connections.ts'
import { defineProbe, type ProbeContext, type ProbeResult } from '../probe.ts'
import { BROAD_SUITES, RC4_SUITES, TRIPLE_DES_SUITES } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

export interface ProtocolsResult extends ProbeResult {
  protocols: Omit<ScanFacts['protocols'], 'ssl3'>
}

const TRIED: { key: keyof ProtocolsResult['protocols']; node: SecureVersion; wire: number }[] = [
  { key: 'tls1', node: 'TLSv1', wire: VERSIONS.tls1 },
  { key: 'tls1_1', node: 'TLSv1.1', wire: VERSIONS.tls1_1 },
  { key: 'tls1_2', node: 'TLSv1.2', wire: VERSIONS.tls1_2 },
  { key: 'tls1_3', node: 'TLSv1.3', wire: VERSIONS.tls1_3 },
]

const LEGACY_SUITES = [...BROAD_SUITES, ...TRIPLE_DES_SUITES.filter((s) => !BROAD_SUITES.includes(s)), ...RC4_SUITES]

async function tryVersion(
  ctx: ProbeContext,
  tried: (typeof TRIED)[number],
  unknown: ScanUnknown[],
  resets: Set<string>,
): Promise<Tri> {
  // No roots: trust is the handshake probe's business, and parsing them costs more than the handshake.
  const outcome = await nodeHandshake(ctx.scheduler, ctx.target, {
    minVersion: tried.node,
    maxVersion: tried.node,
    ciphers: 'DEFAULT@SECLEVEL=0',
  })
  if (outcome.ok) return outcome.info.protocol === tried.node
  const code = outcome.failure.code
  if (code === 'reset') resets.add(tried.key)
  if (code !== 'tls' && code !== 'closed' && code !== 'reset') {
    unknown.push({ check: tried.key, reason: outcome.failure.reason })
    return null
  }
  // OpenSSL has no TLS 1.3 gap to fill: its TLS 1.3 suites are all there are.
  if (tried.key === 'tls1_3')
    return code === 'tls' || code === 'closed' ? false : unknownOf(tried.key, outcome.failure.reason, unknown)
  const raw = await askHello(ctx, { version: tried.wire, suites: LEGACY_SUITES })
  if (raw.accepted === null) return unknownOf(tried.key, raw.reason ?? 'no verdict', unknown)
  return raw.accepted && raw.hello?.version === tried.wire
}

function unknownOf(check: string, reason: string, unknown: ScanUnknown[]): null {
  unknown.push({ check, reason })
  return null
}

export const protocolsProbe = defineProbe<ProtocolsResult>({
  name: 'protocols',
  yields: ['protocols'],
  phase: 1,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const resets = new Set<string>()
    const [tls1, tls1_1, tls1_2, tls1_3] = await Promise.all(TRIED.map((t) => tryVersion(ctx, t, unknown, resets)))
    // A server that resets a TLS 1.3 hello but completes a TLS 1.2 one is not offering TLS 1.3: it is intolerant
    // of it (issue #21). The reset is its answer, not a failure to learn.
    if (tls1_3 === null && tls1_2 === true && resets.has('tls1_3')) {
      return {
        protocols: { tls1: tls1!, tls1_1: tls1_1!, tls1_2, tls1_3: false },
        unknown: unknown.filter((u) => u.check !== 'tls1_3'),
      }
    }
    return { protocols: { tls1: tls1!, tls1_1: tls1_1!, tls1_2: tls1_2!, tls1_3: tls1_3! }, unknown }
  },
  apply(result, facts) {
    facts.protocols = { ...facts.protocols, ...result.protocols }
  },
})
