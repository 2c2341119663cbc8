/**
 * TLS compression (CRIME, CVE-2012-4929): the shared options hello offers DEFLATE (RFC 3749) before null; a
 * ServerHello choosing method 1 means the server compresses. TLS 1.3 forbids compression (RFC 8446 4.1.2), so a
 * TLS 1.3-only server does not.
 */
import type { Tri } from '../../core/types.ts'
import { askOptionsHello, tls13Only } from '../ask.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'

export interface CompressionResult extends ProbeResult {
  compression: Tri
}

export const compressionProbe = defineProbe<CompressionResult>({
  name: 'compression',
  yields: ['compression'],
  phase: 2,
  async run(ctx) {
    if (tls13Only(ctx.facts.protocols)) return { compression: false, unknown: [] }
    const verdict = await askOptionsHello(ctx)
    if (verdict.accepted !== true || !verdict.hello) {
      return {
        compression: null,
        unknown: [
          {
            check: 'compression',
            reason: verdict.reason ?? (verdict.alert ? `the server answered ${verdict.alert}` : 'no verdict'),
          },
        ],
      }
    }
    return { compression: verdict.hello.compression === 1, unknown: [] }
  },
  apply(result, facts) {
    facts.compression = result.compression
  },
})
