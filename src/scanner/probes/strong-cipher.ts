/**
 * Whether the server accepts a 256-bit cipher (issue #20): the rating guide scores cipher strength from the strongest
 * and the weakest suite accepted, and the other probes see only the negotiated suite and the weak families. Nothing
 * to ask when the normal handshake already negotiated 256 bits. Otherwise a TLS 1.2 hello offers only 256-bit
 * suites (AES-256, ChaCha20, Camellia-256, every key exchange); refused there, and TLS 1.3 spoken, a TLS 1.3 hello
 * offers its two 256-bit suites. One or two connections, none for most modern servers.
 */
import type { Tri } from '../../core/types.ts'
import { cipherBitsOf } from '../../core/rating/scores.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { BROAD_SUITES, SSL3_SUITES, TLS13_SUITES, type Suite } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

const bits256 = (s: Suite) => cipherBitsOf(s.name) === 256
/** The 256-bit suites of the other lists, and the SHA-384 CBC, CCM, Camellia and ARIA ones they leave out. */
const TLS12_256: readonly Suite[] = [
  ...new Map(
    [
      ...[...BROAD_SUITES, ...SSL3_SUITES].filter(bits256),
      { code: 0xc024, name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384', kx: 'ECDHE' as const },
      { code: 0xc028, name: 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384', kx: 'ECDHE' as const },
      { code: 0xc0ad, name: 'TLS_ECDHE_ECDSA_WITH_AES_256_CCM', kx: 'ECDHE' as const },
      { code: 0xc09f, name: 'TLS_DHE_RSA_WITH_AES_256_CCM', kx: 'DHE' as const },
      { code: 0xc09d, name: 'TLS_RSA_WITH_AES_256_CCM', kx: 'RSA' as const },
      { code: 0x0088, name: 'TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA', kx: 'DHE' as const },
      { code: 0xc061, name: 'TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384', kx: 'ECDHE' as const },
      { code: 0xc053, name: 'TLS_DHE_RSA_WITH_ARIA_256_GCM_SHA384', kx: 'DHE' as const },
      { code: 0xc051, name: 'TLS_RSA_WITH_ARIA_256_GCM_SHA384', kx: 'RSA' as const },
    ].map((s) => [s.code, s]),
  ).values(),
]
const TLS13_256: readonly Suite[] = TLS13_SUITES.filter(bits256)

export interface StrongCipherResult extends ProbeResult {
  strongCipher: Tri
}

export const strongCipherProbe = defineProbe<StrongCipherResult>({
  name: 'strong-cipher',
  yields: ['strongCipher'],
  phase: 2,
  async run(ctx) {
    const { negotiated, protocols } = ctx.facts
    if (negotiated && cipherBitsOf(negotiated.cipherSuite) === 256) return { strongCipher: true, unknown: [] }
    let verdict: Tri = false
    let reason: string | undefined
    if (protocols.tls1_2 !== false) {
      const tls12 = await askHello(ctx, { version: VERSIONS.tls1_2, suites: TLS12_256 })
      if (tls12.accepted === true) return { strongCipher: true, unknown: [] }
      if (tls12.accepted === null) [verdict, reason] = [null, tls12.reason]
    }
    if (protocols.tls1_3 !== false) {
      const tls13 = await askHello(ctx, { version: VERSIONS.tls1_3, tls13: true, suites: TLS13_256, keyExchange: true })
      if (tls13.accepted === true) return { strongCipher: true, unknown: [] }
      if (tls13.accepted === null) [verdict, reason] = [null, tls13.reason]
    }
    return {
      strongCipher: verdict,
      unknown: verdict === null ? [{ check: 'strong-cipher', reason: reason ?? 'no verdict' }] : [],
    }
  },
  apply(result, facts) {
    facts.strongCipher = result.strongCipher
  },
})
