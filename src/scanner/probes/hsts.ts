/** One https GET of "/" for the Strict-Transport-Security header (the core's parser reads it). */
import { nodeHandshake } from '../connections.ts'
import { LENIENT } from './handshake.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import type { ScanFacts } from '../../core/types.ts'

export interface HstsResult extends ProbeResult {
  hsts: ScanFacts['hsts']
}

export const hstsProbe = defineProbe<HstsResult>({
  name: 'hsts',
  yields: ['hsts'],
  phase: 1,
  async run(ctx) {
    // The header is read whatever the trust (SSL Labs does the same), so no roots are needed.
    let outcome = await nodeHandshake(
      ctx.scheduler,
      ctx.target,
      { minVersion: 'TLSv1', ciphers: 'DEFAULT@SECLEVEL=0' },
      true,
    )
    // A version-intolerant server resets a hello that announces TLS 1.3: ask again without it (issue #21).
    if (!outcome.ok && ['tls', 'closed', 'reset'].includes(outcome.failure.code))
      outcome = await nodeHandshake(ctx.scheduler, ctx.target, LENIENT, true)
    if (!outcome.ok) return { hsts: null, unknown: [{ check: 'hsts', reason: outcome.failure.reason }] }
    const head = outcome.info.head
    if (!head) return { hsts: null, unknown: [{ check: 'hsts', reason: 'no HTTP answer over TLS' }] }
    // RFC 6797 8.1: only the first Strict-Transport-Security header counts.
    const header = head.headers.find(([name]) => name === 'strict-transport-security')?.[1] ?? null
    return { hsts: { header: header === null ? null : header.slice(0, 1024) }, unknown: [] }
  },
  apply(result, facts) {
    facts.hsts = result.hsts
  },
})
