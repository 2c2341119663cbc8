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
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Is `raw` a host exactly as the browser writes it? The rule: `new URL('https://' + raw).hostname` (brackets
 * added and stripped for IPv6) gives `raw` back, unchanged. So every string the system's resolver would read as
 * another host is refused, not mended (issue #21): `127.0.0.1:443`, `2130706433`, `0x7f.1`, `0177.0.0.1`, `127.1`
 * (all 127.0.0.1 to inet_aton), `:::::`, upper case, a Kelvin sign (U+212A, which lower-cases to k), spaces,
 * user info, a path. A name must also be plain DNS letters (the browser's punycode form), with no trailing dot.
 */
export function isCanonicalHost(raw: string): boolean {
  if (raw.length === 0 || raw.length > 253) return false
  const ipv6 = raw.includes(':')
  const written = ipv6 ? `[${raw}]` : raw
  let hostname: string
  try {
    hostname = new URL(`https://${written}/`).hostname
  } catch {
    return false
  }
  if (hostname !== written) return false
  return ipv6 || IPV4.test(raw) || HOSTNAME.test(raw)
}

/** Is `raw` an IP address literal in the browser's canonical form (dotted IPv4, RFC 5952 IPv6 without brackets)? */
export function isCanonicalIp(raw: string): boolean {
  return (raw.includes(':') || IPV4.test(raw)) && isCanonicalHost(raw)
}

export const HostSchema = v.pipe(
  v.string(),
  v.maxLength(253),
  v.check(isCanonicalHost, "not a host in the browser's canonical form"),
)
export const AddressSchema = v.pipe(
  v.string(),
  v.maxLength(45),
  v.check(isCanonicalIp, 'not an IP address in canonical form'),
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
    address: v.optional(AddressSchema),
    /**
     * Set only by a scan the user asked for after the popup warned them, on a page the browser reached through a
     * proxy (whose address is the proxy's, not the site's): the companion may then look the name up itself.
     * Never set by an automatic scan (README, "What the companion may do").
     */
    resolve: v.optional(v.literal(true)),
  }),
  v.object({ type: v.literal('ping'), id: v.optional(IdSchema) }),
  /** The extension's first message: answered with the companion's version and protocol version. */
  v.object({ type: v.literal('hello'), id: v.optional(IdSchema) }),
])

export const COMPANION_ERRORS = ['bad-json', 'bad-request', 'too-large', 'scan-failed', 'reply-too-large'] as const

/** Replies; `facts` is validated by the background against the scanner's own schema (src/companion/facts.ts). */
export const CompanionReplySchema = v.variant('type', [
  v.object({
    type: v.literal('scan-result'),
    id: v.optional(IdSchema),
    host: v.string(),
    port: PortSchema,
    facts: v.unknown(),
  }),
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
