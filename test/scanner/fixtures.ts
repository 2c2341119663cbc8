/**
 * TLS servers made at test time on 127.0.0.1 for the scanner's tests and benchmark (issue #12):
 * - Node `tls` servers for what OpenSSL 3 serves: a modern one, a weak one (TLS 1.0-1.2 with SECLEVEL=0, static
 *   RSA preferred, DHE with a 1024-bit group, a SHA-1 chain), an EV one;
 * - a canned server that answers legacy hellos (SSL 3, export, RC4, 3DES) with a ServerHello and hangs up, written
 *   here from the RFCs on its own, without the scanner's hello parser;
 * - hostile servers: garbage, a huge record, a reset, silence.
 * Certificates come from the tests' one certificate maker (test/support/ca.mjs).
 */
import { constants, getDiffieHellman, privateDecrypt, X509Certificate } from 'node:crypto'
import { rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import {
  connect as netConnect,
  createServer as createNetServer,
  type AddressInfo,
  type Server,
  type Socket,
} from 'node:net'
import { createServer as createTlsServer, type TlsOptions } from 'node:tls'
import { makeCa, serverExtensions } from '../support/ca.mjs'

export interface Pki {
  dir: string
  /** PEM of the test root (SHA-256). */
  rootPem: string
  /** Path of rootPem on disk, for --ca and sslscan/testssl. */
  rootFile: string
  good: { key: string; cert: string }
  /** Leaf and intermediate signed with SHA-1, under the same root. */
  sha1: { key: string; cert: string }
  /** Leaf with the CA/Browser Forum EV policy OID. */
  ev: { key: string; cert: string }
}

/** Subject names the leaves carry. */
export const NAME = 'scan.test'

export function makePki(): Pki {
  const ca = makeCa({ name: 'Vigie Scan Test Root', prefix: 'vigie-scan-' })
  const leaf = (file: string, policy: string, options: { issuer?: string; digest?: 'sha1' | 'sha256' } = {}) =>
    ca.issue(file, {
      subject: `/O=Vigie/CN=${NAME}`,
      extensions: serverExtensions([NAME, 'localhost', '127.0.0.1'], `certificatePolicies=${policy}\n`),
      ...options,
    })
  const pick = ({ key, cert }: { key: string; cert: string }) => ({ key, cert })
  const good = pick(leaf('good', '2.23.140.1.2.1'))
  const ev = pick(leaf('ev', '2.23.140.1.1'))
  // The SHA-1 chain: an intermediate and a leaf both signed with SHA-1.
  ca.issue('inter', { ca: true, subject: '/CN=Vigie SHA-1 Intermediate', digest: 'sha1', days: 25 })
  const sha1 = pick(leaf('sha1', '2.23.140.1.2.1', { issuer: 'inter', digest: 'sha1' }))
  return { dir: ca.dir, rootPem: ca.rootPem, rootFile: ca.rootFile, good, sha1, ev }
}

export function removePki(pki: Pki): void {
  rmSync(pki.dir, { recursive: true, force: true })
}

/** The 1024-bit MODP group of RFC 2409 (Oakley group 2) as a PEM DHParameter: Logjam's favourite. */
export function dhParams1024(): string {
  const dh = getDiffieHellman('modp2')
  const int = (bytes: Buffer) => {
    const body = bytes[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes
    return Buffer.concat([Buffer.from([0x02]), derLength(body.length), body])
  }
  const seq = Buffer.concat([int(dh.getPrime()), int(dh.getGenerator())])
  const der = Buffer.concat([Buffer.from([0x30]), derLength(seq.length), seq])
  return `-----BEGIN DH PARAMETERS-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END DH PARAMETERS-----\n`
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n])
  if (n < 0x100) return Buffer.from([0x81, n])
  return Buffer.from([0x82, n >> 8, n & 0xff])
}

export interface Running {
  port: number
  close(): Promise<void>
}

function listen(
  server: Server | HttpServer,
  at: { host: string; port: number } = { host: '127.0.0.1', port: 0 },
): Promise<Running> {
  const sockets = new Set<Socket>()
  server.on('connection', (s: Socket) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return new Promise((resolve) => {
    server.listen(at.port, at.host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((done) => {
            for (const s of sockets) s.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}

/** An https server answering every request with `headers` and a small page (on 127.0.0.1, or `at`). */
export function tlsServer(
  options: TlsOptions,
  headers: Record<string, string> = {},
  at?: { host: string; port: number },
): Promise<Running> {
  const server = createTlsServer(options, (socket) => {
    socket.on('error', () => undefined)
    socket.once('data', () => {
      const extra = Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('')
      socket.end(
        `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 2\r\n${extra}Connection: close\r\n\r\nok`,
      )
    })
  })
  server.on('tlsClientError', () => undefined)
  return listen(server, at)
}

/** A plain-http server: `redirect` answers 301 to https, else a page. */
export function httpServer(redirectTo: string | null): Promise<Running> {
  const server = createHttpServer((_req, res) => {
    if (redirectTo) res.writeHead(301, { Location: redirectTo }).end()
    else res.writeHead(200, { 'Content-Type': 'text/html' }).end('<p>clear</p>')
  })
  return listen(server)
}

export const MODERN: (pki: Pki) => TlsOptions = (pki) => ({ ...pki.good, minVersion: 'TLSv1.2' })

/** What OpenSSL 3 still serves when asked: TLS 1.0-1.2, static RSA first, DHE 1024, a SHA-1 chain. */
export const WEAK: (pki: Pki) => TlsOptions = (pki) => ({
  ...pki.sha1,
  minVersion: 'TLSv1',
  maxVersion: 'TLSv1.2',
  ciphers: 'AES128-SHA:AES256-SHA:DHE-RSA-AES128-SHA:ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0',
  honorCipherOrder: true,
  dhparam: dhParams1024(),
})

// ---- The canned legacy server, from RFC 5246 7.4.1.2/7.4.1.3 and RFC 6101, on its own. ----

export interface CannedConfig {
  /** Versions it speaks, e.g. [0x0300, 0x0301]. */
  versions: number[]
  /** Suites it accepts, in its order of preference. */
  suites: number[]
  /** DH prime size to put in a ServerKeyExchange when it picks a DHE suite. */
  dhBits?: number
  /** Answer a lower-version hello carrying TLS_FALLBACK_SCSV with a handshake anyway. */
  ignoresFallbackScsv?: boolean
  /** Pick DEFLATE when the client offers it (CRIME). */
  compression?: boolean
  /** Echo the heartbeat extension when the client offers it. */
  heartbeat?: boolean
  /** Answer the renegotiation SCSV with renegotiation_info (RFC 5746). */
  secureRenegotiation?: boolean
  /** Speak TLS 1.3 with these groups: a hello announcing it gets a HelloRetryRequest naming the first group offered. */
  tls13Groups?: number[]
  /** Answer an SSL 2 CLIENT-HELLO with a SERVER-HELLO (DROWN); without it, hang up on one. */
  ssl2?: boolean
  /** Suites accepted under one version instead of `suites` (a server that allows RC4 under SSL 3 only). */
  suitesByVersion?: Record<number, number[]>
}

interface ClientHelloSeen {
  version: number
  suites: number[]
  compression?: number[]
  extensions?: number[]
  /** supported_groups, in the client's order. */
  groups?: number[]
  /** supported_versions lists TLS 1.3. */
  tls13?: boolean
}

/** Reads a ClientHello out of one record: client_version and the suite list, nothing more. */
function readClientHello(data: Buffer): ClientHelloSeen | null {
  if (data.length < 5 + 4 + 2 + 32 + 1 || data[0] !== 22 || data[5] !== 1) return null
  const body = data.subarray(9)
  const version = body.readUInt16BE(0)
  let pos = 2 + 32
  pos += 1 + body[pos]!
  const n = body.readUInt16BE(pos)
  const suites: number[] = []
  for (let i = 0; i < n; i += 2) suites.push(body.readUInt16BE(pos + 2 + i))
  pos += 2 + n
  const compression = [...body.subarray(pos + 1, pos + 1 + body[pos]!)]
  const exts = helloExtensions(data)
  const list = exts?.get(0x000a)
  const groups: number[] = []
  for (let i = 2; list && i + 1 < list.length; i += 2) groups.push(list.readUInt16BE(i))
  return { version, suites, compression, extensions: [...(exts?.keys() ?? [])], groups, tls13: announcesTls13(data) }
}

function record(type: number, version: number, body: Buffer): Buffer {
  const head = Buffer.alloc(5)
  head[0] = type
  head.writeUInt16BE(version, 1)
  head.writeUInt16BE(body.length, 3)
  return Buffer.concat([head, body])
}

function handshakeMessage(type: number, body: Buffer): Buffer {
  const head = Buffer.from([type, (body.length >> 16) & 0xff, (body.length >> 8) & 0xff, body.length & 0xff])
  return Buffer.concat([head, body])
}

const DHE = new Set([0x0011, 0x0014, 0x0016, 0x0033, 0x0039, 0x0067, 0x006b, 0x009e, 0x009f, 0x0032, 0x0038, 0x0013])

/** RFC 8446 4.1.3: a HelloRetryRequest is a ServerHello with this random. */
const RETRY_RANDOM = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex')

export function cannedReply(config: CannedConfig, hello: ClientHelloSeen): Buffer {
  if (config.tls13Groups && hello.tls13) {
    const group = hello.groups?.find((g) => config.tls13Groups!.includes(g))
    const suite = [0x1301, 0x1302, 0x1303].find((s) => hello.suites.includes(s))
    if (group === undefined || suite === undefined) return record(21, 0x0303, Buffer.from([2, 40]))
    const exts = Buffer.from([0, 0x2b, 0, 2, 3, 4, 0, 0x33, 0, 2, group >> 8, group & 0xff])
    const sh = Buffer.concat([
      Buffer.from([3, 3]),
      RETRY_RANDOM,
      Buffer.from([0, suite >> 8, suite & 0xff, 0, 0, exts.length]),
      exts,
    ])
    return record(22, 0x0303, handshakeMessage(2, sh))
  }
  const best = Math.max(...config.versions)
  const version = Math.min(hello.version, best)
  const alert = (description: number) => record(21, Math.min(version, 0x0303), Buffer.from([2, description]))
  if (!config.versions.includes(version)) return alert(70)
  if (hello.suites.includes(0x5600) && version < best && !config.ignoresFallbackScsv) return alert(86)
  const suite = (config.suitesByVersion?.[version] ?? config.suites).find((s) => hello.suites.includes(s))
  if (suite === undefined) return alert(40)
  const exts: number[] = []
  if (config.secureRenegotiation && hello.suites.includes(0x00ff)) exts.push(0xff, 0x01, 0, 1, 0)
  if (config.heartbeat && hello.extensions?.includes(0x000f)) exts.push(0, 0x0f, 0, 1, 1)
  const sh = Buffer.alloc(2 + 32 + 1 + 2 + 1)
  sh.writeUInt16BE(version, 0)
  sh.fill(7, 2, 34)
  sh[34] = 0
  sh.writeUInt16BE(suite, 35)
  sh[37] = config.compression && hello.compression?.includes(1) ? 1 : 0
  const messages = [
    handshakeMessage(2, exts.length > 0 ? Buffer.concat([sh, Buffer.from([0, exts.length, ...exts])]) : sh),
  ]
  if (DHE.has(suite) && config.dhBits) {
    messages.push(handshakeMessage(11, Buffer.from([0, 0, 0]))) // an empty Certificate list
    const p = Buffer.alloc(config.dhBits / 8, 0xff)
    const ske = Buffer.concat([Buffer.from([p.length >> 8, p.length & 0xff]), p, Buffer.from([0, 1, 2, 0, 1, 5])])
    messages.push(handshakeMessage(12, ske))
    messages.push(handshakeMessage(14, Buffer.alloc(0)))
  }
  return record(22, version, Buffer.concat(messages))
}

/** An SSL 2 SERVER-HELLO (SSL 2.0 draft, 2.6) with no certificate, DES_192_EDE3_CBC_WITH_MD5 and a connection id. */
function ssl2ServerHello(): Buffer {
  const body = Buffer.from([4, 0, 1, 0, 2, 0, 0, 0, 3, 0, 16, 0x07, 0x00, 0xc0, ...Buffer.alloc(16, 5)])
  return Buffer.concat([Buffer.from([0x80 | (body.length >> 8), body.length & 0xff]), body])
}

/** Answers each hello with a canned reply, then hangs up (a scanner reads no further). */
export function cannedServer(config: CannedConfig): Promise<Running> {
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined)
    let data = Buffer.alloc(0)
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk])
      if (data.length >= 3 && data[0]! & 0x80 && data[2] === 1)
        return socket.end(config.ssl2 ? ssl2ServerHello() : Buffer.alloc(0))
      if (data.length < 5 || data.length < 5 + data.readUInt16BE(3)) return
      const hello = readClientHello(data)
      socket.end(hello ? cannedReply(config, hello) : record(21, 0x0301, Buffer.from([2, 10])))
    })
  })
  return listen(server)
}

export type Hostility = 'garbage' | 'huge-record' | 'reset' | 'silence' | 'slow-drip'

/** Servers that misbehave on purpose. */
export function hostileServer(kind: Hostility): Promise<Running> {
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined)
    socket.once('data', () => {
      if (kind === 'garbage') socket.end(Buffer.from('\x1b[31mHTTP/1.1 400 Bad Request\x07\r\n\r\n'))
      else if (kind === 'huge-record') {
        // A handshake record claiming 65535 bytes, then an endless stream.
        socket.write(Buffer.from([22, 3, 3, 0xff, 0xff]))
        const junk = Buffer.alloc(16384, 0x41)
        const pump = () => {
          if (!socket.destroyed && socket.write(junk)) setImmediate(pump)
        }
        socket.on('drain', pump)
        pump()
      } else if (kind === 'reset') socket.resetAndDestroy()
      else if (kind === 'slow-drip') {
        // A valid record header, then one byte a second.
        socket.write(Buffer.from([22, 3, 3, 0x00, 0x40]))
        const timer = setInterval(
          () => (socket.destroyed ? clearInterval(timer) : socket.write(Buffer.from([0]))),
          1000,
        )
        socket.on('close', () => clearInterval(timer))
      }
      // 'silence': read and never answer.
    })
  })
  return listen(server)
}

// ---- Servers for issue #20's probes and issue #21's scanner cases. ----

/** The extension types of a ClientHello in one record, and the bytes of each (null when it is not a hello). */
export function helloExtensions(data: Buffer): Map<number, Buffer> | null {
  if (data.length < 9 || data[0] !== 22 || data[5] !== 1) return null
  const body = data.subarray(9, 5 + data.readUInt16BE(3))
  let pos = 2 + 32
  pos += 1 + body[pos]!
  pos += 2 + body.readUInt16BE(pos)
  pos += 1 + body[pos]!
  const found = new Map<number, Buffer>()
  if (pos + 2 > body.length) return found
  const end = Math.min(body.length, pos + 2 + body.readUInt16BE(pos))
  pos += 2
  while (pos + 4 <= end) {
    const type = body.readUInt16BE(pos)
    const len = body.readUInt16BE(pos + 2)
    found.set(type, body.subarray(pos + 4, pos + 4 + len))
    pos += 4 + len
  }
  return found
}

/** True when the hello's supported_versions lists TLS 1.3 (RFC 8446 4.2.1). */
function announcesTls13(data: Buffer): boolean {
  const versions = helloExtensions(data)?.get(0x002b)
  if (!versions) return false
  for (let i = 1; i + 1 < versions.length; i += 2) if (versions.readUInt16BE(i) === 0x0304) return true
  return false
}

/**
 * A version-intolerant front (issue #21): it resets every connection whose hello announces TLS 1.3, and passes the
 * others through to `backend` (a TLS 1.2 server on 127.0.0.1).
 */
export function intolerantFront(backend: number): Promise<Running> {
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined)
    let data = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      if (data.length < 5 || data.length < 5 + data.readUInt16BE(3)) return
      socket.off('data', onData)
      if (announcesTls13(data)) return socket.resetAndDestroy()
      const upstream = netConnect({ host: '127.0.0.1', port: backend })
      upstream.on('error', () => socket.destroy())
      socket.on('close', () => upstream.destroy())
      upstream.on('close', () => socket.destroy())
      upstream.write(data)
      socket.pipe(upstream).pipe(socket)
    }
    socket.on('data', onData)
  })
  return listen(server)
}

/** What a stateful canned server does after its first flight (issue #20's vulnerability fixtures). */
export interface StatefulConfig extends CannedConfig {
  /** Its leaf, sent in a Certificate message (ROBOT needs the RSA key), with the key to decrypt with. */
  leaf?: { certPem: string; keyPem: string }
  /** Echo heartbeat requests by their claimed length, as OpenSSL 1.0.1 before 1.0.1g did (Heartbleed). */
  heartbleed?: boolean
  /** Take a ChangeCipherSpec before the ClientKeyExchange and decrypt what follows (CVE-2014-0224). */
  earlyCcs?: boolean
  /** Answer a badly padded ClientKeyExchange at once with handshake_failure, a good one later (ROBOT's oracle). */
  robotOracle?: boolean
}

/**
 * A canned server that keeps the connection after its first flight (ServerHello, Certificate, ServerHelloDone) and
 * reacts to the records that follow as a vulnerable or a fixed OpenSSL would: heartbeats, an early CCS, and a
 * ClientKeyExchange, which it decrypts with its own key (PKCS #1 v1.5, RFC 8017 7.2.2) to act as an oracle or not.
 */
export function statefulServer(config: StatefulConfig): Promise<Running> {
  const certDer = config.leaf ? new X509Certificate(config.leaf.certPem).raw : null
  const server = createNetServer((socket) => {
    socket.on('error', () => undefined)
    let data = Buffer.alloc(0)
    let version = 0x0303
    let state: 'hello' | 'flight' | 'early-ccs' | 'kx' | 'ccs' = 'hello'
    const alert = (description: number) => socket.end(record(21, version, Buffer.from([2, description])))
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk])
      while (data.length >= 5 && data.length >= 5 + data.readUInt16BE(3)) {
        const type = data[0]!
        const length = data.readUInt16BE(3)
        const whole = data.subarray(0, 5 + length)
        const fragment = data.subarray(5, 5 + length)
        data = data.subarray(5 + length)
        if (state === 'hello') {
          const hello = readClientHello(whole)
          if (!hello) return alert(10)
          let reply = cannedReply(config, hello)
          if (reply[0] !== 22) return socket.end(reply)
          version = reply.readUInt16BE(1)
          if (certDer) {
            const list = Buffer.concat([
              Buffer.from([certDer.length >> 16, (certDer.length >> 8) & 0xff, certDer.length & 0xff]),
              certDer,
            ])
            const body = Buffer.concat([
              Buffer.from([list.length >> 16, (list.length >> 8) & 0xff, list.length & 0xff]),
              list,
            ])
            reply = Buffer.concat([reply, record(22, version, handshakeMessage(11, body))])
          }
          socket.write(Buffer.concat([reply, record(22, version, handshakeMessage(14, Buffer.alloc(0)))]))
          state = 'flight'
        } else if (type === 24) {
          const claimed = fragment.readUInt16BE(1)
          // A fixed server drops a request whose claimed payload and 16 bytes of padding overrun the record.
          if (!config.heartbleed && 3 + claimed + 16 > fragment.length) continue
          const echo = fragment.subarray(3, 3 + claimed)
          const body = Buffer.concat([Buffer.from([2, claimed >> 8, claimed & 0xff]), echo, Buffer.alloc(16, 0x5a)])
          socket.write(record(24, version, body))
        } else if (type === 21) {
          return socket.end()
        } else if (type === 20) {
          if (state === 'kx') state = 'ccs'
          else if (config.earlyCcs) state = 'early-ccs'
          else return alert(10)
        } else if (type === 22) {
          if (state === 'early-ccs' || state === 'ccs') return alert(20)
          if (fragment[0] !== 16 || !config.leaf) return alert(10)
          const encrypted = fragment.subarray(6)
          const block = privateDecrypt({ key: config.leaf.keyPem, padding: constants.RSA_NO_PADDING }, encrypted)
          const separator = block.indexOf(0, 2)
          const good =
            block[0] === 0 &&
            block[1] === 2 &&
            separator === block.length - 49 &&
            block.readUInt16BE(separator + 1) === 0x0303
          if (config.robotOracle && !good) return alert(40)
          state = 'kx'
        }
      }
    })
  })
  return listen(server)
}

/** A plain-http server answering each path from `routes`: a string is a redirect's Location, null a page. */
export function httpRoutes(routes: Record<string, string | null>): Promise<Running> {
  const server = createHttpServer((req, res) => {
    const route = routes[req.url ?? '/']
    if (route === undefined) res.writeHead(404).end()
    else if (route === null)
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<form><input type=password></form>')
    else res.writeHead(302, { Location: route }).end()
  })
  return listen(server)
}
