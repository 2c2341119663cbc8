/**
 * Heartbleed (CVE-2014-0160), tested without reading the server's memory, the method sslyze's heartbleed plugin and
 * Mozilla's 2014 write-up describe: once the server's first flight is in, one heartbeat request (RFC 6520 4) whose
 * payload_length covers its payload and its own padding, so the record is 16 bytes too short for the length it
 * claims. A fixed server discards it silently (RFC 6520 4: "too large ... MUST be discarded"); a vulnerable one
 * echoes payload_length bytes, which are all bytes Vigie sent. A close_notify right behind it makes a fixed server
 * hang up at once instead of making Vigie wait. Only asked when the server offers the heartbeat extension, as
 * testssl.sh does: without it there is nothing to bleed from.
 */
import type { Tri } from '../../core/types.ts'
import { askOptionsHello, tls13Only } from '../ask.ts'
import { rawConversation, readFlight, record } from '../conversation.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { BROAD_SUITES, RC4_SUITES, SSL3_SUITES, TRIPLE_DES_SUITES } from '../suites.ts'
import { buildClientHello } from '../tls-wire.ts'

const PAYLOAD = 16
const PADDING = 16

/** A heartbeat_request claiming its payload runs into the padding: 16 bytes more than the record holds. */
export function heartbeatRequest(
  version: number,
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(PAYLOAD + PADDING)),
): Uint8Array {
  const claimed = PAYLOAD + PADDING
  return record(24, version, [1, claimed >> 8, claimed & 0xff, ...random.slice(0, PAYLOAD + PADDING)])
}

const SUITES = [
  ...new Map([...BROAD_SUITES, ...SSL3_SUITES, ...RC4_SUITES, ...TRIPLE_DES_SUITES].map((s) => [s.code, s])).values(),
]

export interface HeartbleedResult extends ProbeResult {
  heartbleed: Tri
}

export const heartbleedProbe = defineProbe<HeartbleedResult>({
  name: 'heartbleed',
  yields: ['heartbleed'],
  phase: 2,
  async run(ctx) {
    const options = await askOptionsHello(ctx)
    if (options.accepted === false || (options.accepted === true && !options.hello?.extensions.includes(0x000f)))
      return { heartbleed: false, unknown: [] }
    if (options.accepted !== true || !options.hello) {
      // A TLS 1.3-only server has no heartbeats.
      if (tls13Only(ctx.facts.protocols)) return { heartbleed: false, unknown: [] }
      return {
        heartbleed: null,
        unknown: [{ check: 'heartbleed', reason: options.reason ?? 'the heartbeat extension is unknown' }],
      }
    }
    const version = options.hello.version
    const ms = Math.min(3000, ctx.scheduler.limits.connectionTimeoutMs)
    const outcome = await rawConversation(ctx.scheduler, ctx.target, async (c) => {
      c.send(
        buildClientHello({ version, suites: SUITES.map((s) => s.code), serverName: ctx.target.host, heartbeat: true }),
      )
      const flight = await readFlight(c, ms)
      if (!flight.complete)
        return {
          heartbleed: null,
          reason: flight.alert
            ? `the server answered ${flight.alert.name}`
            : 'the server did not finish its first flight',
        }
      const request = heartbeatRequest(version)
      c.send(request)
      c.send(record(21, version, [1, 0])) // close_notify
      for (let i = 0; i < 4; i++) {
        const next = await c.next(ms)
        if (next.kind === 'record' && next.record.type === 24) {
          // A heartbeat_response echoing the bytes past the payload proves the length was trusted.
          const echoed = next.record.fragment
          return { heartbleed: echoed[0] === 2 && echoed.length >= 3 + PAYLOAD + PADDING, reason: '' }
        }
        if (next.kind === 'record') continue
        if (next.kind === 'timeout') return { heartbleed: null, reason: 'no answer after the heartbeat request' }
        return { heartbleed: false, reason: '' }
      }
      return { heartbleed: false, reason: '' }
    })
    if (!outcome.ok) return { heartbleed: null, unknown: [{ check: 'heartbleed', reason: outcome.failure.reason }] }
    const { heartbleed, reason } = outcome.value
    return { heartbleed, unknown: heartbleed === null ? [{ check: 'heartbleed', reason }] : [] }
  },
  apply(result, facts) {
    facts.heartbleed = result.heartbleed
  },
})
