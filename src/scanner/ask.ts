/**
 * One raw hello, decided as testssl.sh's sockets mode decides: a ServerHello choosing one of the offered suites
 * means "accepted"; an alert, or a clean close without a word, means "not accepted"; a reset, silence, garbage or a
 * record too long for TLS means "unknown", with the reason.
 */
import type { Tri } from '../core/types.ts'
import { rawHello } from './connections.ts'
import type { ProbeContext } from './probe.ts'
import { suiteByCode, type Suite } from './suites.ts'
import { buildClientHello, type ServerHello } from './tls-wire.ts'

export interface HelloVerdict {
  accepted: Tri
  hello?: ServerHello
  suite?: Suite
  dhBits?: number
  curve?: number
  /** The alert the server sent, when it sent one. */
  alert?: string
  /** Why the verdict is null. */
  reason?: string
}

export async function askHello(
  ctx: Pick<ProbeContext, 'scheduler' | 'target'>,
  options: { version: number; suites: readonly Suite[]; fallbackScsv?: boolean; keyExchange?: boolean },
): Promise<HelloVerdict> {
  const hello = buildClientHello({
    version: options.version,
    suites: options.suites.map((s) => s.code),
    serverName: ctx.target.host,
    ...(options.fallbackScsv ? { fallbackScsv: true } : {}),
  })
  const outcome = await rawHello(ctx.scheduler, ctx.target, hello, { keyExchange: options.keyExchange ?? false })
  if (!outcome.ok) {
    // A server that hangs up on a hello it does not like, without an alert, is common (old IIS, some middleboxes).
    if (outcome.failure.code === 'closed') return { accepted: false, reason: outcome.failure.reason }
    return { accepted: null, reason: outcome.failure.reason }
  }
  const reply = outcome.reply
  if (reply.kind === 'alert') return { accepted: false, alert: reply.name }
  if (reply.kind === 'invalid') return { accepted: null, reason: reply.reason }
  const chosen = reply.hello
  if (!options.suites.some((s) => s.code === chosen.suite)) {
    return { accepted: null, reason: `the server chose suite 0x${chosen.suite.toString(16).padStart(4, '0')}, which it was not offered` }
  }
  if (chosen.version > options.version || chosen.version < 0x0300) {
    return { accepted: null, reason: `the server answered with version 0x${chosen.version.toString(16)}` }
  }
  return {
    accepted: true,
    hello: chosen,
    suite: suiteByCode(chosen.suite),
    ...(reply.dhBits !== undefined ? { dhBits: reply.dhBits } : {}),
    ...(reply.curve !== undefined ? { curve: reply.curve } : {}),
  }
}
