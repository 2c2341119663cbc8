/**
 * Secure renegotiation (RFC 5746): every hello Vigie sends carries TLS_EMPTY_RENEGOTIATION_INFO_SCSV, so a server
 * that knows RFC 5746 answers with the renegotiation_info extension (section 3.6). Read from the shared options
 * hello. A server that speaks only TLS 1.3 has no renegotiation at all: the verdict is then null, with no unknown
 * (nothing to learn), as fallbackScsv is for a single-version server.
 */
import type { Tri } from '../../core/types.ts'
import { askOptionsHello, tls13Only } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'

export interface RenegotiationResult extends ProbeResult {
  secure: Tri
}

export const renegotiationProbe = defineProbe<RenegotiationResult>({
  name: 'renegotiation',
  yields: ['secureRenegotiation'],
  phase: 2,
  async run(ctx) {
    if (tls13Only(ctx.facts.protocols)) return { secure: null, unknown: [] }
    const verdict = await askOptionsHello(ctx)
    if (verdict.accepted !== true || !verdict.hello) {
      return {
        secure: null,
        unknown: [
          {
            check: 'renegotiation',
            reason: verdict.reason ?? (verdict.alert ? `the server answered ${verdict.alert}` : 'no verdict'),
          },
        ],
      }
    }
    return { secure: verdict.hello.extensions.includes(0xff01), unknown: [] }
  },
  apply(result, facts) {
    facts.secureRenegotiation = result.secure
  },
})
