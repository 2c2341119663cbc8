/**
 * The scanner's three ways of talking to a server, each inside one scheduler slot and bounded in bytes and time:
 * a raw hello over a plain socket, a Node TLS handshake, and one HTTP/1.1 GET whose response head only is read.
 */
import { connect as netConnect, type Socket } from 'node:net'
import {
  checkServerIdentity,
  connect as tlsConnect,
  type ConnectionOptions,
  type PeerCertificate,
  type TLSSocket,
} from 'node:tls'
import { BudgetError, type HostScheduler } from './scheduler.ts'
import { isSniName, MAX_REPLY, parseReply, type ParseOptions, type Reply } from './tls-wire.ts'

export interface Target {
  /** The name scanned: SNI, certificate name, Host header. */
  host: string
  port: number
  /** The address connected to. */
  address: string
}

/** What went wrong with a connection, as a code the scanner acts on and words a person reads. */
export interface Failure {
  code: 'refused' | 'timeout' | 'reset' | 'unreachable' | 'closed' | 'tls' | 'budget' | 'other'
  reason: string
}

export function failureOf(error: unknown): Failure {
  if (error instanceof BudgetError) {
    return {
      code: error.code === 'timeout' || error.code === 'host-timeout' ? 'timeout' : 'budget',
      reason: error.message,
    }
  }
  const e = error as { code?: unknown; message?: unknown }
  const code = typeof e?.code === 'string' ? e.code : ''
  const message = typeof e?.message === 'string' ? e.message.slice(0, 200) : String(error).slice(0, 200)
  if (code === 'ECONNREFUSED') return { code: 'refused', reason: 'connection refused' }
  if (code === 'ECONNRESET' || code === 'EPIPE') return { code: 'reset', reason: 'the server reset the connection' }
  if (code === 'ETIMEDOUT') return { code: 'timeout', reason: 'the connection timed out' }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
    return { code: 'unreachable', reason: `the address is unreachable (${code})` }
  if (code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || /SSL|TLS|alert/i.test(message))
    return { code: 'tls', reason: opensslReason(message) }
  if (/socket disconnected|socket hang up/i.test(message))
    return { code: 'closed', reason: 'the server closed the connection' }
  return { code: 'other', reason: message || 'connection failed' }
}

/**
 * OpenSSL's "80EC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/…" in a few words:
 * "wrong version number"; its "sslv3 alert handshake failure" as "the server answered handshake_failure".
 */
export function opensslReason(message: string): string {
  const fields = message.split(':')
  const i = fields.indexOf('error')
  const reason = i >= 0 && fields.length > i + 4 ? fields[i + 4]!.trim() : message.trim()
  const alert = /alert (?:number )?([a-z ]+|\d+)$/i.exec(reason)
  if (alert) return `the server answered ${alert[1]!.trim().replace(/ /g, '_')}`
  return reason.replace(/\s+/g, ' ').slice(0, 160)
}

/** The outcome of one raw hello. */
export type RawOutcome = { ok: true; reply: Exclude<Reply, { kind: 'incomplete' }> } | { ok: false; failure: Failure }

/**
 * How every connection's promise settles: once, closing the socket and letting go of the abort signal. An abort
 * (the connection's or the host's deadline) settles it as a failure with the signal's reason.
 */
function settleOnce<T>(
  socket: Socket,
  signal: AbortSignal,
  resolve: (outcome: T) => void,
  failed: (failure: Failure) => T,
): (outcome: T) => void {
  let done = false
  const onAbort = () => finish(failed(failureOf(signal.reason)))
  const finish = (outcome: T) => {
    if (done) return
    done = true
    signal.removeEventListener('abort', onAbort)
    socket.destroy()
    resolve(outcome)
  }
  signal.addEventListener('abort', onAbort, { once: true })
  return finish
}

/**
 * Sends a hand-built ClientHello and reads until the parser has its answer (the first record, or up to the
 * ServerKeyExchange when asked), MAX_REPLY bytes at most. A server that closes without a word is 'closed'.
 */
export function rawHello(
  scheduler: HostScheduler,
  target: Target,
  hello: Uint8Array,
  parse: ParseOptions = {},
): Promise<RawOutcome> {
  return scheduler
    .connection(
      (signal) =>
        new Promise<RawOutcome>((resolve) => {
          const chunks: Buffer[] = []
          let size = 0
          const socket: Socket = netConnect({ host: target.address, port: target.port })
          const finish = settleOnce<RawOutcome>(socket, signal, resolve, (failure) => ({ ok: false, failure }))
          socket.setNoDelay(true)
          socket.on('connect', () => socket.write(hello))
          socket.on('data', (chunk: Buffer) => {
            size += chunk.length
            chunks.push(chunk)
            const data = Buffer.concat(chunks, Math.min(size, MAX_REPLY + 1))
            chunks.length = 0
            chunks.push(data)
            size = data.length
            const reply = parseReply(data, parse)
            if (reply.kind !== 'incomplete') finish({ ok: true, reply })
          })
          // A server that hangs up after its ServerHello still said what it accepts.
          const hungUp = (): RawOutcome => {
            const said = chunks[0] ? parseReply(chunks[0]) : null
            if (said?.kind === 'server-hello' || said?.kind === 'alert') return { ok: true, reply: said }
            return {
              ok: false,
              failure: {
                code: 'closed',
                reason:
                  size > 0
                    ? 'the server closed the connection mid-record'
                    : 'the server closed the connection without a reply',
              },
            }
          }
          socket.on('end', () => finish(hungUp()))
          socket.on('error', (error) => {
            const said = hungUp()
            finish(said.ok ? said : { ok: false, failure: failureOf(error) })
          })
          socket.on('close', () => finish(hungUp()))
        }),
    )
    .catch((error: unknown) => ({ ok: false, failure: failureOf(error) }))
}

export interface HandshakeInfo {
  protocol: string
  /** IANA name (Node's standardName). */
  cipherSuite: string
  /** OpenSSL's name, e.g. ECDHE-RSA-AES128-GCM-SHA256. */
  cipherName: string
  ephemeral: { type?: string; name?: string; size?: number }
  /** Leaf first, DER, as served (plus the root Node found, when it found one). */
  chain: Uint8Array[]
  authorized: boolean
  authorizationError: string | null
  /** Why the certificate does not name the host (Node's checkServerIdentity), or null when it does. */
  nameError: string | null
  /** The response head of a GET of "/", when asked for. */
  head?: HttpHead | null
}

export type HandshakeOutcome = { ok: true; info: HandshakeInfo } | { ok: false; failure: Failure }

/** The chain Node hands back: issuerCertificate links, leaf first, each DER once, at most 10. */
function servedChain(socket: TLSSocket): Uint8Array[] {
  const chain: Uint8Array[] = []
  const seen = new Set<string>()
  let cert = socket.getPeerCertificate(true) as {
    raw?: Buffer
    fingerprint256?: string
    issuerCertificate?: unknown
  } | null
  while (cert && cert.raw && chain.length < 10) {
    const key = cert.fingerprint256 ?? String(chain.length)
    if (seen.has(key)) break
    seen.add(key)
    chain.push(new Uint8Array(cert.raw))
    cert = cert.issuerCertificate as typeof cert
  }
  return chain
}

function nameError(host: string, cert: PeerCertificate): string | null {
  if (!cert || Object.keys(cert).length === 0) return 'no certificate'
  // Node's message repeats the whole altname list; the name is what a reader needs.
  return checkServerIdentity(host, cert) ? `the certificate does not name ${host}` : null
}

/**
 * A TLS handshake with Node's OpenSSL, never rejecting the certificate (trust is a fact to report, not a reason to
 * stop). With `get`, sends one GET of "/" on the connection and reads its response head.
 */
export function nodeHandshake(
  scheduler: HostScheduler,
  target: Target,
  options: Omit<ConnectionOptions, 'host' | 'port' | 'servername' | 'rejectUnauthorized' | 'socket'>,
  get = false,
): Promise<HandshakeOutcome> {
  return scheduler
    .connection(
      (signal) =>
        new Promise<HandshakeOutcome>((resolve) => {
          const socket = tlsConnect({
            ...options,
            host: target.address,
            port: target.port,
            ...(isSniName(target.host) ? { servername: target.host } : {}),
            rejectUnauthorized: false,
            // The name is checked by the caller (it is a fact, not a failure).
            checkServerIdentity: () => undefined,
          })
          const finish = settleOnce<HandshakeOutcome>(socket, signal, resolve, (failure) => ({ ok: false, failure }))
          // Once the handshake is done, the GET's reader owns the socket's end.
          let secured = false
          socket.on('error', (error) => secured || finish({ ok: false, failure: failureOf(error) }))
          socket.on(
            'close',
            () =>
              secured ||
              finish({
                ok: false,
                failure: { code: 'closed', reason: 'the server closed the connection during the handshake' },
              }),
          )
          socket.on('secureConnect', () => {
            secured = true
            const cipher = socket.getCipher()
            const info: HandshakeInfo = {
              protocol: socket.getProtocol() ?? '',
              cipherSuite: cipher.standardName ?? '',
              cipherName: cipher.name ?? '',
              ephemeral: (socket.getEphemeralKeyInfo() ?? {}) as HandshakeInfo['ephemeral'],
              chain: servedChain(socket),
              authorized: socket.authorized,
              authorizationError: socket.authorizationError ? String(socket.authorizationError) : null,
              nameError: nameError(target.host, socket.getPeerCertificate()),
            }
            if (!get) return finish({ ok: true, info })
            readHead(socket, target, signal).then((head) => finish({ ok: true, info: { ...info, head } }))
          })
        }),
    )
    .catch((error: unknown) => ({ ok: false, failure: failureOf(error) }))
}

export interface HttpHead {
  status: number
  /** Lower-case names; repeated headers keep every value, in order. */
  headers: [string, string][]
}

/** Most a response head may take. */
const MAX_HEAD = 16 * 1024

/** Parses an HTTP/1.x response head (RFC 9112 section 4 and 5). Null when it is not one. */
export function parseHead(text: string): HttpHead | null {
  const end = text.indexOf('\r\n\r\n')
  const head = (end >= 0 ? text.slice(0, end) : text).slice(0, MAX_HEAD)
  const lines = head.split('\r\n')
  const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0] ?? '')
  if (!status) return null
  const headers: [string, string][] = []
  for (const line of lines.slice(1, 200)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()])
  }
  return { status: Number(status[1]), headers }
}

/** Writes a GET of `path` ("/" by default) and reads the response head, 16 KB at most. Null when no head came. */
function readHead(socket: Socket, target: Target, signal: AbortSignal, path = '/'): Promise<HttpHead | null> {
  return new Promise((resolve) => {
    let text = ''
    let done = false
    const finish = (head: HttpHead | null) => {
      if (done) return
      done = true
      resolve(head)
    }
    const hostHeader = target.host.includes(':') ? `[${target.host}]` : target.host
    const port = target.port
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}${port === 443 || port === 80 ? '' : `:${port}`}\r\nUser-Agent: Vigie-scanner\r\nAccept: text/html\r\nConnection: close\r\n\r\n`,
    )
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      text += chunk
      if (text.includes('\r\n\r\n') || text.length > MAX_HEAD) finish(parseHead(text))
    })
    socket.on('end', () => finish(parseHead(text)))
    socket.on('close', () => finish(parseHead(text)))
    socket.on('error', () => finish(parseHead(text)))
    signal.addEventListener('abort', () => finish(null), { once: true })
  })
}

/** A request target a GET may carry: an absolute path, printable ASCII, bounded (the URL parser escaped the rest). */
function safePath(path: string): string {
  return /^\/[\x21-\x7e]{0,2047}$/.test(path) ? path : '/'
}

/** One plain-http GET of `path` ("/" by default; the redirect check follows a chain with it). */
export function httpGet(
  scheduler: HostScheduler,
  target: Target,
  port: number,
  path = '/',
): Promise<{ ok: true; head: HttpHead | null } | { ok: false; failure: Failure }> {
  return scheduler
    .connection(
      (signal) =>
        new Promise<{ ok: true; head: HttpHead | null } | { ok: false; failure: Failure }>((resolve) => {
          const socket = netConnect({ host: target.address, port })
          const finish = settleOnce<{ ok: true; head: HttpHead | null } | { ok: false; failure: Failure }>(
            socket,
            signal,
            resolve,
            (failure) => ({ ok: false, failure }),
          )
          socket.on('error', (error) => finish({ ok: false, failure: failureOf(error) }))
          socket.on('connect', () => {
            readHead(socket, { ...target, port }, signal, safePath(path)).then((head) => finish({ ok: true, head }))
          })
        }),
    )
    .catch((error: unknown) => ({ ok: false, failure: failureOf(error) }))
}
