/**
 * SSL 2.0 (DROWN, CVE-2016-0800): a version 2 CLIENT-HELLO offering the seven SSL 2 cipher kinds; a SERVER-HELLO
 * answering it means the server speaks SSL 2. Layouts from the SSL 2.0 draft (Hickman, 1995), section 2.6: a
 * two-byte record header with the high bit set, then the message. A TLS alert, a close or a reset is a "no" (a
 * modern server has no SSL 2 left to answer with); anything else is unknown.
 */
import type { Tri } from '../../core/types.ts'
import { rawExchange } from '../conversation.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'

/** RC4_128, RC4_128_EXPORT40, RC2_128_CBC, RC2_128_CBC_EXPORT40, IDEA_128_CBC, DES_64_CBC, DES_192_EDE3_CBC. */
const SSL2_KINDS = [0x010080, 0x020080, 0x030080, 0x040080, 0x050080, 0x060040, 0x0700c0]

export function buildSsl2ClientHello(challenge: Uint8Array = crypto.getRandomValues(new Uint8Array(16))): Uint8Array {
  const specs = SSL2_KINDS.flatMap((k) => [(k >> 16) & 0xff, (k >> 8) & 0xff, k & 0xff])
  // CLIENT-HELLO: msg type 1, version 0x0002, cipher specs length, session id length 0, challenge length.
  const body = [1, 0, 2, 0, specs.length, 0, 0, 0, challenge.length, ...specs, ...challenge]
  return new Uint8Array([0x80 | (body.length >> 8), body.length & 0xff, ...body])
}

/** A SERVER-HELLO's version and cipher kinds, 'incomplete' while more bytes are needed, or null for anything else. */
export function parseSsl2ServerHello(data: Uint8Array): { version: number; ciphers: number } | 'incomplete' | null {
  if (data.length < 2) return 'incomplete'
  if (!(data[0]! & 0x80)) return null
  const length = ((data[0]! & 0x7f) << 8) | data[1]!
  // msg type 4, session id hit, certificate type, version(2), certificate length(2), cipher specs length(2), ...
  if (length < 11) return null
  if (data.length < 2 + 11) return 'incomplete'
  if (data[2] !== 4) return null
  return { version: (data[5]! << 8) | data[6]!, ciphers: ((data[9]! << 8) | data[10]!) / 3 }
}

export interface Ssl2Result extends ProbeResult {
  ssl2: Tri
}

export const ssl2Probe = defineProbe<Ssl2Result>({
  name: 'ssl2',
  yields: ['ssl2'],
  phase: 1,
  async run(ctx) {
    const outcome = await rawExchange(
      ctx.scheduler,
      ctx.target,
      buildSsl2ClientHello(),
      (d) => parseSsl2ServerHello(d) !== 'incomplete' || (d[0]! & 0x80) === 0,
      ctx.scheduler.limits.connectionTimeoutMs,
    )
    if (!outcome.ok) {
      if (outcome.failure.code === 'closed' || outcome.failure.code === 'reset') return { ssl2: false, unknown: [] }
      return { ssl2: null, unknown: [{ check: 'ssl2', reason: outcome.failure.reason }] }
    }
    const { data, stop } = outcome.value
    if (data.length === 0) {
      if (stop === 'closed' || stop === 'reset') return { ssl2: false, unknown: [] }
      return { ssl2: null, unknown: [{ check: 'ssl2', reason: 'no answer to an SSL 2 hello' }] }
    }
    // A TLS alert record: the server speaks TLS and refuses SSL 2.
    if (data[0] === 21 && data[1] === 3) return { ssl2: false, unknown: [] }
    const hello = parseSsl2ServerHello(data)
    if (hello !== null && hello !== 'incomplete' && hello.version === 0x0002) return { ssl2: true, unknown: [] }
    return {
      ssl2: null,
      unknown: [{ check: 'ssl2', reason: 'an answer to an SSL 2 hello that is neither SSL 2 nor a TLS alert' }],
    }
  },
  apply(result, facts) {
    facts.ssl2 = result.ssl2
  },
})
