/**
 * One raw hello, decided as testssl.sh's sockets mode decides: a ServerHello choosing one of the offered suites
 * means "accepted"; an alert, or a clean close without a word, means "not accepted"; a reset, silence, garbage or a
 * record too long for TLS means "unknown", with the reason.
 */
import type { ScanFacts, Tri } from '../core/types.ts'
import { rawHello } from './connections.ts'
import type { ProbeContext } from './probe.ts'
import { BROAD_SUITES, RC4_SUITES, SSL3_SUITES, suiteByCode, TRIPLE_DES_SUITES, type Suite } from './suites.ts'
import { buildClientHello, VERSIONS, type ServerHello } from './tls-wire.ts'

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
  options: {
    version: number
    suites: readonly Suite[]
    fallbackScsv?: boolean
    keyExchange?: boolean
    compression?: boolean
    heartbeat?: boolean
    tls13?: boolean
    groups?: readonly number[]
  },
): Promise<HelloVerdict> {
  const hello = buildClientHello({
    version: options.version,
    suites: options.suites.map((s) => s.code),
    serverName: ctx.target.host,
    ...(options.fallbackScsv ? { fallbackScsv: true } : {}),
    ...(options.compression ? { compression: true } : {}),
    ...(options.heartbeat ? { heartbeat: true } : {}),
    ...(options.tls13 ? { tls13: true } : {}),
    ...(options.groups ? { groups: options.groups } : {}),
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
    return {
      accepted: null,
      reason: `the server chose suite 0x${chosen.suite.toString(16).padStart(4, '0')}, which it was not offered`,
    }
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

/** Every suite a TLS 1.2 (or older) server might pick, so that almost any server answers the shared hello. */
const ANY_SUITES = [
  ...new Map([...BROAD_SUITES, ...SSL3_SUITES, ...RC4_SUITES, ...TRIPLE_DES_SUITES].map((s) => [s.code, s])).values(),
]

/**
 * The one hello whose ServerHello answers secure renegotiation, compression and heartbeat (issue #20): TLS 1.2 at
 * most, every usual suite, DEFLATE and null compression, the heartbeat extension, and the renegotiation SCSV every
 * hello carries (RFC 5746 3.3). Shared by their probes through `ctx.once`: one connection for the three.
 */
export function askOptionsHello(ctx: Pick<ProbeContext, 'scheduler' | 'target' | 'once'>): Promise<HelloVerdict> {
  return ctx.once('options-hello', () =>
    askHello(ctx, { version: VERSIONS.tls1_2, suites: ANY_SUITES, compression: true, heartbeat: true }),
  )
}

/** True when the server speaks no version below TLS 1.3 (so renegotiation, compression and heartbeats do not exist). */
export function tls13Only(protocols: ScanFacts['protocols']): boolean {
  return (
    protocols.tls1_3 === true &&
    protocols.tls1_2 === false &&
    protocols.tls1_1 === false &&
    protocols.tls1 === false &&
    protocols.ssl3 === false
  )
}
