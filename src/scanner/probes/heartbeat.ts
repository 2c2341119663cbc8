/**
 * The heartbeat extension (RFC 6520): the shared options hello offers it; a ServerHello that carries it back means
 * the server answers heartbeats, which is where Heartbleed lives. TLS 1.3 stacks dropped it (OpenSSL in 1.1.0).
 */
import type { Tri } from '../../core/types.ts'
import { askOptionsHello, tls13Only } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'

export interface HeartbeatResult extends ProbeResult {
  heartbeat: Tri
}

export const heartbeatProbe = defineProbe<HeartbeatResult>({
  name: 'heartbeat',
  yields: ['heartbeat'],
  phase: 2,
  async run(ctx) {
    if (tls13Only(ctx.facts.protocols)) return { heartbeat: false, unknown: [] }
    const verdict = await askOptionsHello(ctx)
    if (verdict.accepted !== true || !verdict.hello) {
      return {
        heartbeat: null,
        unknown: [
          {
            check: 'heartbeat',
            reason: verdict.reason ?? (verdict.alert ? `the server answered ${verdict.alert}` : 'no verdict'),
          },
        ],
      }
    }
    return { heartbeat: verdict.hello.extensions.includes(0x000f), unknown: [] }
  },
  apply(result, facts) {
    facts.heartbeat = result.heartbeat
  },
})
