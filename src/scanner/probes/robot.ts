/**
 * ROBOT (Return Of Bleichenbacher's Oracle Threat, 2017): does the server's reaction to an RSA ClientKeyExchange
 * tell a well-padded premaster secret from a badly padded one? Asked only when the server accepts static RSA key
 * exchange, with the five ClientKeyExchange variants sslyze's ROBOT tester sends (a correct PKCS #1 v1.5 block, a
 * wrong first two bytes, a 0x00 in the wrong place, no 0x00 separator, a wrong version in the premaster secret),
 * each followed by ChangeCipherSpec and a Finished the server cannot decrypt. One connection per variant, and one
 * reaction each (the first alert, a close, a reset, or silence); a server whose reactions all agree is no oracle.
 * Reactions that differ are asked once more, and count only if they differ the same way again. Nothing here ever
 * decrypts anything or breaks a key: it compares how the server answers.
 */
import { constants, publicEncrypt, X509Certificate } from 'node:crypto'
import type { Tri } from '../../core/types.ts'
import { rawConversation, leafCertificate, readFlight, record } from '../conversation.ts'
import { defineProbe, type ProbeContext, type ProbeResult } from '../probe.ts'
import { STATIC_RSA_SUITES } from '../suites.ts'
import { buildClientHello, VERSIONS } from '../tls-wire.ts'

export const ROBOT_VARIANTS = ['valid', 'wrong-first-bytes', 'zero-misplaced', 'no-zero', 'wrong-version'] as const
export type RobotVariant = (typeof ROBOT_VARIANTS)[number]

const nonZero = (n: number) => crypto.getRandomValues(new Uint8Array(n)).map((b) => b || 1)

/** The k-byte block to encrypt for one variant (RFC 8017 7.2.1 layout: 00 02 PS 00 M, M = version + 46 bytes). */
export function robotBlock(variant: RobotVariant, k: number, version: number): Uint8Array {
  const block = new Uint8Array(k)
  block.set([0x00, 0x02])
  block.set(nonZero(k - 3 - 48), 2)
  const pms = new Uint8Array([version >> 8, version & 0xff, ...nonZero(46)])
  block.set(pms, k - 48)
  if (variant === 'wrong-first-bytes') block.set([0x41, 0x17])
  if (variant === 'zero-misplaced') block[11] = 0 // the message would start far too early: not 48 bytes
  if (variant !== 'no-zero' && variant !== 'zero-misplaced') block[k - 49] = 0
  if (variant === 'wrong-version') block.set([0x02, 0x02], k - 48)
  return block
}

type Reaction = string
const ORDER = [
  { key: 'tls1_2', wire: VERSIONS.tls1_2 },
  { key: 'tls1_1', wire: VERSIONS.tls1_1 },
  { key: 'tls1', wire: VERSIONS.tls1 },
] as const

async function react(
  ctx: ProbeContext,
  version: number,
  variant: RobotVariant,
): Promise<{ reaction: Reaction } | { skip: string }> {
  const ms = Math.min(2500, ctx.scheduler.limits.connectionTimeoutMs)
  const outcome = await rawConversation(
    ctx.scheduler,
    ctx.target,
    async (c): Promise<{ reaction: Reaction } | { skip: string }> => {
      c.send(buildClientHello({ version, suites: STATIC_RSA_SUITES.map((s) => s.code), serverName: ctx.target.host }))
      const flight = await readFlight(c, ms)
      if (!flight.complete || !flight.hello)
        return {
          skip: flight.alert
            ? `the server answered ${flight.alert.name}`
            : 'the server did not finish its first flight',
        }
      const der = leafCertificate(flight)
      if (!der) return { skip: 'the server sent no certificate' }
      let key
      try {
        key = new X509Certificate(der).publicKey
      } catch {
        return { skip: 'the server certificate could not be read' }
      }
      const bits = key.asymmetricKeyDetails?.modulusLength
      if (key.asymmetricKeyType !== 'rsa' || !bits) return { skip: 'the server key is not RSA' }
      const k = Math.ceil(bits / 8)
      const encrypted = publicEncrypt({ key, padding: constants.RSA_NO_PADDING }, robotBlock(variant, k, version))
      const v = flight.hello.version
      // ClientKeyExchange (RFC 5246 7.4.7.1): the encrypted premaster secret as an opaque<0..2^16-1>.
      const n = k + 2
      c.send(record(22, v, [16, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, k >> 8, k & 0xff, ...encrypted]))
      c.send(record(20, v, [1]))
      c.send(record(22, v, crypto.getRandomValues(new Uint8Array(64))))
      const next = await c.next(ms)
      if (next.kind === 'record')
        return { reaction: next.record.type === 21 ? `alert ${next.record.fragment[1]}` : `record ${next.record.type}` }
      return { reaction: next.kind === 'invalid' ? 'garbage' : next.kind }
    },
  )
  return outcome.ok ? outcome.value : { skip: outcome.failure.reason }
}

/** The five reactions, the valid variant first (it learns whether there is an RSA certificate at all). */
async function round(ctx: ProbeContext, version: number): Promise<Reaction[] | string> {
  const first = await react(ctx, version, 'valid')
  if ('skip' in first) return first.skip
  const rest = await Promise.all(ROBOT_VARIANTS.slice(1).map((v) => react(ctx, version, v)))
  const skipped = rest.find((r): r is { skip: string } => 'skip' in r)
  if (skipped) return skipped.skip
  return [first.reaction, ...rest.map((r) => (r as { reaction: Reaction }).reaction)]
}

export interface RobotResult extends ProbeResult {
  robot: Tri
}

export const robotProbe = defineProbe<RobotResult>({
  name: 'robot',
  yields: ['robot'],
  phase: 2,
  async run(ctx) {
    const rsa = ctx.facts.staticRsa
    if (rsa === false) return { robot: false, unknown: [] }
    if (rsa === null)
      return { robot: null, unknown: [{ check: 'robot', reason: 'whether static RSA is accepted is unknown' }] }
    const best = ORDER.find((v) => ctx.facts.protocols[v.key] === true)
    if (!best)
      return { robot: null, unknown: [{ check: 'robot', reason: 'no TLS version below 1.3 is known to be offered' }] }
    const once = await round(ctx, best.wire)
    if (typeof once === 'string') return { robot: null, unknown: [{ check: 'robot', reason: once }] }
    if (once.every((r) => r === once[0])) return { robot: false, unknown: [] }
    const again = await round(ctx, best.wire)
    if (typeof again === 'string') return { robot: null, unknown: [{ check: 'robot', reason: again }] }
    if (again.join() === once.join()) return { robot: true, unknown: [] }
    return {
      robot: null,
      unknown: [
        {
          check: 'robot',
          reason:
            `the server's reactions changed between two rounds (${once.join(', ')}; then ${again.join(', ')})`.slice(
              0,
              280,
            ),
        },
      ],
    }
  },
  apply(result, facts) {
    facts.robot = result.robot
  },
})
