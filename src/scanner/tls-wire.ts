/**
 * TLS records on the wire, by hand, for what OpenSSL 3 as built for Node cannot send: SSL 3.0 hellos, export, RC4,
 * 3DES, NULL and anonymous suites, TLS_FALLBACK_SCSV (PLATFORM.md). Pure: bytes in, bytes or a verdict out.
 * Layouts: RFC 5246 sections 6.2 (records), 7.4 (handshake), 7.2 (alerts); RFC 8446 section 4.2.1
 * (supported_versions); RFC 6101 for SSL 3.0, which shares the record layout.
 * The parser accepts every input: it never throws, reads at most MAX_REPLY bytes, and says "incomplete" when it
 * needs more bytes, so the caller knows when to stop reading.
 */
import { IPV4_LITERAL, isDnsName } from '../core/host-name.ts'

export const VERSIONS = { ssl3: 0x0300, tls1: 0x0301, tls1_1: 0x0302, tls1_2: 0x0303, tls1_3: 0x0304 } as const

/** RFC 7507: a client that falls back to a lower version says so with this pseudo-suite. */
export const FALLBACK_SCSV = 0x5600
/** RFC 5746: the renegotiation pseudo-suite, sent by every modern client instead of the extension. */
export const RENEGOTIATION_SCSV = 0x00ff

/** The most a raw probe reads from one server: enough for a long certificate chain and a ServerKeyExchange. */
export const MAX_REPLY = 64 * 1024
/** RFC 5246 6.2.3: a TLSCiphertext fragment is at most 2^14 + 2048 bytes. */
const MAX_RECORD = 16384 + 2048

export const ALERTS: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  40: 'handshake_failure',
  43: 'unsupported_certificate',
  47: 'illegal_parameter',
  50: 'decode_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  112: 'unrecognized_name',
}

export interface HelloOptions {
  /** The ClientHello's client_version (legacy_version): the highest version offered. */
  version: number
  suites: readonly number[]
  /** DNS name for server_name (RFC 6066 section 3); IP literals are not sent, as the RFC says. */
  serverName?: string
  /** Add TLS_FALLBACK_SCSV (RFC 7507). */
  fallbackScsv?: boolean
  /** 32 bytes; random by default, fixed in tests. */
  random?: Uint8Array
  /** Offer DEFLATE (RFC 3749) before null compression: a server that picks it is open to CRIME. */
  compression?: boolean
  /** Offer the heartbeat extension (RFC 6520), peer allowed to send. */
  heartbeat?: boolean
  /** supported_groups to offer instead of the default four. */
  groups?: readonly number[]
  /**
   * Also offer TLS 1.3 (RFC 8446 4.2.1): legacy_version stays 0x0303 and supported_versions lists 1.3 and the
   * version above; key_share is sent empty, so a TLS 1.3 server that accepts a group must answer with a
   * HelloRetryRequest naming it (RFC 8446 4.1.4) and no key has to be made for it (an ML-KEM share is 1,216 bytes).
   */
  tls13?: boolean
}

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff]
const u24 = (n: number) => [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff]
const vec16 = (bytes: number[]) => [...u16(bytes.length), ...bytes]
const ext = (type: number, body: number[]) => [...u16(type), ...vec16(body)]

/** x25519, secp256r1, secp384r1, secp521r1 (RFC 8422, RFC 8446 4.2.7). */
export const GROUPS = [0x001d, 0x0017, 0x0018, 0x0019]
/** RFC 8446 4.2.3 and RFC 5246 7.4.1.4.1 code points: SHA-2 RSA/ECDSA/PSS, Ed25519, then SHA-1 for old servers. */
const SIGNATURE_ALGORITHMS = [
  0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0603, 0x0806, 0x0601, 0x0807, 0x0201, 0x0203,
]

export function isSniName(name: string): boolean {
  return isDnsName(name) && !IPV4_LITERAL.test(name)
}

/** One ClientHello in one record. SSL 3.0 hellos carry no extensions (RFC 6101 has none). */
export function buildClientHello(options: HelloOptions): Uint8Array {
  const tls13 = options.tls13 === true
  // A TLS 1.3 hello is a TLS 1.2 one on the wire (RFC 8446 4.1.2).
  const version = tls13 ? VERSIONS.tls1_2 : options.version & 0xffff
  const random = options.random ?? crypto.getRandomValues(new Uint8Array(32))
  const suites = [...options.suites.slice(0, 500).map((c) => c & 0xffff), RENEGOTIATION_SCSV]
  if (options.fallbackScsv) suites.push(FALLBACK_SCSV)
  const extensions: number[] = []
  if (version > VERSIONS.ssl3) {
    const name = options.serverName?.replace(/\.$/, '')
    if (name && isSniName(name)) {
      const host = [...new TextEncoder().encode(name.toLowerCase())]
      extensions.push(...ext(0x0000, vec16([0x00, ...vec16(host)])))
    }
    extensions.push(...ext(0x000a, vec16((options.groups ?? GROUPS).slice(0, 64).flatMap(u16))))
    extensions.push(...ext(0x000b, [1, 0])) // ec_point_formats: uncompressed
    extensions.push(...ext(0x000d, vec16(SIGNATURE_ALGORITHMS.flatMap(u16))))
    extensions.push(...ext(0x0017, [])) // extended_master_secret (RFC 7627)
    if (options.heartbeat) extensions.push(...ext(0x000f, [1])) // peer_allowed_to_send
    if (tls13) {
      extensions.push(...ext(0x002b, [4, ...u16(VERSIONS.tls1_3), ...u16(VERSIONS.tls1_2)]))
      extensions.push(...ext(0x0033, vec16([]))) // key_share: no share, ask for a HelloRetryRequest
      extensions.push(...ext(0x002d, [1, 1])) // psk_key_exchange_modes: psk_dhe_ke, which some servers require
    }
  }
  const body = [
    ...u16(version),
    ...random.slice(0, 32),
    0, // empty session id
    ...vec16(suites.flatMap(u16)),
    ...(options.compression ? [2, 1, 0] : [1, 0]), // DEFLATE and null, or null only
    ...(extensions.length > 0 ? vec16(extensions) : []),
  ]
  const handshake = [1, ...u24(body.length), ...body]
  // Record version: 0x0300 for SSL 3.0, else 0x0301, which every server accepts in a first record.
  const recordVersion = version <= VERSIONS.ssl3 ? VERSIONS.ssl3 : VERSIONS.tls1
  return new Uint8Array([22, ...u16(recordVersion), ...u16(handshake.length), ...handshake])
}

export interface ServerHello {
  /** The version the server chose: supported_versions when present (TLS 1.3), else server_version. */
  version: number
  suite: number
  /** The compression method chosen: 0 null, 1 DEFLATE. */
  compression: number
  /** Extension types the ServerHello carries, in order (at most 64). */
  extensions: number[]
  /** The key_share group: a HelloRetryRequest's selected_group or a TLS 1.3 ServerHello's share. */
  keyShareGroup?: number
  /** A HelloRetryRequest (RFC 8446 4.1.3: a ServerHello with a fixed random). */
  retry?: boolean
}

/** RFC 8446 4.1.3: the random of a HelloRetryRequest, SHA-256 of "HelloRetryRequest". */
const RETRY_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c'

/** What the server said first. */
export type Reply =
  | { kind: 'incomplete' }
  | { kind: 'alert'; level: number; description: number; name: string }
  | {
      kind: 'server-hello'
      hello: ServerHello
      /** Finite-field DH prime size from the ServerKeyExchange, when asked for and present. */
      dhBits?: number
      /** Named curve of an ECDHE ServerKeyExchange (RFC 8422 5.4), when asked for and present. */
      curve?: number
      /** The handshake ended (ServerHelloDone) without a ServerKeyExchange. */
      noKeyExchange?: boolean
    }
  | { kind: 'invalid'; reason: string }

export interface ParseOptions {
  /** Read on past the ServerHello up to the ServerKeyExchange or ServerHelloDone. */
  keyExchange?: boolean
}

/** Parses the start of a server's reply. Never throws; reads at most MAX_REPLY bytes of `data`. */
export function parseReply(data: Uint8Array, options: ParseOptions = {}): Reply {
  const bytes = data.subarray(0, MAX_REPLY)
  const handshake: number[] = []
  let offset = 0
  let hello: ServerHello | null = null
  while (true) {
    if (bytes.length - offset < 5) return incompleteOr(data)
    const type = bytes[offset]!
    const major = bytes[offset + 1]!
    const length = (bytes[offset + 3]! << 8) | bytes[offset + 4]!
    if (offset === 0 && type & 0x80) return { kind: 'invalid', reason: 'an SSL 2 reply' }
    if (major !== 3) return { kind: 'invalid', reason: 'the reply is not TLS' }
    if (length > MAX_RECORD) return { kind: 'invalid', reason: `a record of ${length} bytes, longer than TLS allows` }
    if (bytes.length - offset - 5 < length) return incompleteOr(data)
    const fragment = bytes.subarray(offset + 5, offset + 5 + length)
    offset += 5 + length
    if (type === 21) {
      if (length < 2) return { kind: 'invalid', reason: 'a truncated alert' }
      const description = fragment[1]!
      return { kind: 'alert', level: fragment[0]!, description, name: ALERTS[description] ?? `alert ${description}` }
    }
    if (type !== 22) return { kind: 'invalid', reason: `an unexpected record of type ${type} before the ServerHello` }
    if (length === 0) return { kind: 'invalid', reason: 'an empty handshake record' }
    for (const b of fragment) handshake.push(b)
    // Handshake messages may span records; walk the complete ones.
    let pos = 0
    while (handshake.length - pos >= 4) {
      const msgType = handshake[pos]!
      const msgLength = (handshake[pos + 1]! << 16) | (handshake[pos + 2]! << 8) | handshake[pos + 3]!
      if (msgLength > MAX_REPLY) return { kind: 'invalid', reason: `a handshake message of ${msgLength} bytes` }
      if (handshake.length - pos - 4 < msgLength) break
      const body = handshake.slice(pos + 4, pos + 4 + msgLength)
      pos += 4 + msgLength
      if (hello === null) {
        if (msgType !== 2) return { kind: 'invalid', reason: `handshake message ${msgType} instead of a ServerHello` }
        const parsed = parseServerHello(body)
        if (parsed === null) return { kind: 'invalid', reason: 'a malformed ServerHello' }
        hello = parsed
        if (!options.keyExchange || hello.version >= VERSIONS.tls1_3) return { kind: 'server-hello', hello }
        continue
      }
      if (msgType === 12) {
        const kx = parseKeyExchange(body)
        return { kind: 'server-hello', hello, ...kx }
      }
      if (msgType === 14) return { kind: 'server-hello', hello, noKeyExchange: true }
      // Certificate (11), CertificateStatus (22), CertificateRequest (13): skip.
    }
    handshake.splice(0, pos)
  }
}

function incompleteOr(data: Uint8Array): Reply {
  return data.length > MAX_REPLY
    ? { kind: 'invalid', reason: `no answer within ${MAX_REPLY} bytes` }
    : { kind: 'incomplete' }
}

export function parseServerHello(body: number[]): ServerHello | null {
  // server_version(2) random(32) session_id<0..32> cipher_suite(2) compression(1) [extensions<0..2^16-1>]
  if (body.length < 38) return null
  let version = (body[0]! << 8) | body[1]!
  const sidLength = body[34]!
  if (sidLength > 32) return null
  let pos = 35 + sidLength
  if (body.length < pos + 3) return null
  const suite = (body[pos]! << 8) | body[pos + 1]!
  const compression = body[pos + 2]!
  const retry =
    body
      .slice(2, 34)
      .map((b) => b.toString(16).padStart(2, '0'))
      .join('') === RETRY_RANDOM
  const extensions: number[] = []
  let keyShareGroup: number | undefined
  pos += 3
  if (body.length >= pos + 2) {
    const extLength = (body[pos]! << 8) | body[pos + 1]!
    pos += 2
    const end = Math.min(body.length, pos + extLength)
    while (end - pos >= 4) {
      const type = (body[pos]! << 8) | body[pos + 1]!
      const length = (body[pos + 2]! << 8) | body[pos + 3]!
      pos += 4
      if (extensions.length < 64) extensions.push(type)
      if (type === 0x002b && length === 2 && end - pos >= 2) version = (body[pos]! << 8) | body[pos + 1]!
      // key_share: the selected group (HelloRetryRequest) or a KeyShareEntry, both starting with the group.
      if (type === 0x0033 && length >= 2 && end - pos >= 2) keyShareGroup = (body[pos]! << 8) | body[pos + 1]!
      pos += length
    }
  }
  return {
    version,
    suite,
    compression,
    extensions,
    ...(keyShareGroup !== undefined ? { keyShareGroup } : {}),
    ...(retry ? { retry } : {}),
  }
}

/**
 * The ServerKeyExchange: an ECDHE one starts with curve_type 3 (named_curve) and the curve (RFC 8422 5.4); a DHE one
 * with dh_p<1..2^16-1> (RFC 5246 7.4.3), whose length in bits is the group size. Anything else: no facts.
 */
function parseKeyExchange(body: number[]): { dhBits?: number; curve?: number } {
  // A DH prime of 0x03xx bytes would also start with 3, but then the body is far longer than an ECDHE one.
  if (body.length >= 3 && body[0] === 3 && body.length < 2 + ((body[0] << 8) | body[1]!)) {
    return { curve: (body[1]! << 8) | body[2]! }
  }
  if (body.length < 3) return {}
  const pLength = (body[0]! << 8) | body[1]!
  if (pLength === 0 || body.length < 2 + pLength) return {}
  let first = 2
  while (first < 2 + pLength && body[first] === 0) first++
  if (first === 2 + pLength) return {}
  const leading = Math.clz32(body[first]!) - 24
  return { dhBits: (2 + pLength - first) * 8 - leading }
}
