/**
 * The companion's message contract, shared by the companion (which validates requests) and the extension's
 * background (which validates replies): the same valibot style as src/messages.ts. Pure, no Node or browser API.
 */
import * as v from 'valibot'

/** The native messaging host's name: lowercase letters, digits, '_' and '.' (both browsers' rule). */
export const COMPANION_NAME = 'dev.vigie.scanner'
/** The companion's message protocol version: 2 adds `hello` and the scan request's `address` (issue #19). */
export const COMPANION_VERSION = 2
/** The oldest protocol the extension can use; a companion below it is "too old" and the popup says how to update. */
export const MIN_COMPANION_PROTOCOL = 2

const LABEL = '[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?'
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`)
const IPV6 = /^[0-9a-f:.]{2,45}$/

/** A DNS name or an IP literal, lower-cased; an IPv6 literal may come in URL brackets ("[::1]"). */
export function normaliseHost(raw: string): string | null {
  let host = raw.trim().toLowerCase()
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1)
  if (host.endsWith('.')) host = host.slice(0, -1)
  if (host.length === 0 || host.length > 253) return null
  if (host.includes(':')) return IPV6.test(host) ? host : null
  return HOSTNAME.test(host) ? host : null
}

export const HostSchema = v.pipe(
  v.string(),
  v.maxLength(260),
  v.transform((raw) => normaliseHost(raw) ?? ''),
  v.minLength(1, 'not a host name or IP address'),
)
export const PortSchema = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(65535))
/** Echoed in the reply, so one connection can carry several requests. */
const IdSchema = v.union([v.pipe(v.string(), v.maxLength(64)), v.pipe(v.number(), v.integer())])

export const CompanionRequestSchema = v.variant('type', [
  v.object({
    type: v.literal('scan'),
    id: v.optional(IdSchema),
    host: HostSchema,
    port: v.optional(PortSchema, 443),
    /**
     * The IP address the browser connected to for this page (webRequest's `details.ip`): the companion connects to
     * exactly this address, with `host` for SNI and the certificate check, and never resolves `host` itself.
     */
    address: v.optional(v.pipe(v.string(), v.maxLength(60))),
  }),
  v.object({ type: v.literal('ping'), id: v.optional(IdSchema) }),
  /** The extension's first message: answered with the companion's version and protocol version. */
  v.object({ type: v.literal('hello'), id: v.optional(IdSchema) }),
])
export type CompanionRequest = v.InferOutput<typeof CompanionRequestSchema>

export const COMPANION_ERRORS = ['bad-json', 'bad-request', 'too-large', 'scan-failed', 'reply-too-large'] as const
export type CompanionError = (typeof COMPANION_ERRORS)[number]

/** Replies; `facts` is validated by the background against the scanner's own schema (src/companion/facts.ts). */
export const CompanionReplySchema = v.variant('type', [
  v.object({ type: v.literal('scan-result'), id: v.optional(IdSchema), host: v.string(), port: PortSchema, facts: v.unknown() }),
  v.object({ type: v.literal('pong'), id: v.optional(IdSchema), version: v.number(), node: v.string() }),
  v.object({
    type: v.literal('hello'),
    id: v.optional(IdSchema),
    /** The companion package's version (semver, e.g. "0.2.0"). */
    version: v.pipe(v.string(), v.maxLength(40)),
    /** COMPANION_VERSION of the companion that answered. */
    protocol: v.pipe(v.number(), v.integer()),
    node: v.pipe(v.string(), v.maxLength(40)),
  }),
  v.object({
    type: v.literal('error'),
    id: v.optional(IdSchema),
    error: v.picklist(COMPANION_ERRORS),
    message: v.pipe(v.string(), v.maxLength(500)),
    host: v.optional(v.string()),
    port: v.optional(PortSchema),
  }),
])
export type CompanionReply = v.InferOutput<typeof CompanionReplySchema>
