/**
 * A weak https server for the local scanner's browser tests (E2E.md "Weak TLS servers"): Node's tls with
 * SECLEVEL=0, TLS 1.0 to 1.3 on, static RSA suites on, and a chain made at test time (test/support/ca.mjs), its leaf signed
 * with SHA-1 (or SHA-256, for Firefox, which refuses SHA-1 even from a trusted root). It serves the login page
 * fixture on every path, without HSTS.
 *
 * What OpenSSL 3 cannot serve, it fakes on the same port: a hello that asks for SSL 3, or offers export or RC4
 * suites (browsers never do), gets a canned ServerHello choosing one (what a scanner reads, and all it reads); every
 * other hello (a browser's) goes to the real TLS server. So one address is weak in every way the article found.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import { connect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net'
import { resolve } from 'node:path'
import { makeCa } from '../support/ca.mjs'

const PAGE = readFileSync(resolve(import.meta.dirname, '../fixtures/pages/login.html'))

export interface WeakServer {
  /** https://localhost:PORT */
  origin: string
  port: number
  /** The test root, for NODE_EXTRA_CA_CERTS (the companion) and certutil (Firefox). */
  caPem: string
  close(): Promise<void>
}

/** Export (RSA_EXPORT_WITH_RC4_40_MD5, RSA_EXPORT_WITH_DES40_CBC_SHA) and RC4 (RSA_WITH_RC4_128_MD5/SHA) suites. */
const CANNED_ONLY = [0x0003, 0x0008, 0x0004, 0x0005]
/** Suites the fake accepts, in its order: the above, then ordinary ones (so that SSL 3 is accepted whatever is offered). */
const CANNED_ACCEPTS = [...CANNED_ONLY, 0x002f, 0x0035, 0x000a]
/** Signalling values, not suites: the renegotiation SCSV and TLS_FALLBACK_SCSV. */
const SIGNALS = new Set([0x00ff, 0x5600])

/** client_version and suites of the ClientHello in one handshake record (RFC 5246 7.4.1.2), or null. */
function readHello(record: Buffer): { version: number; suites: number[] } | null {
  if (record.length < 5 + 4 + 2 + 32 + 1 + 2 || record[0] !== 22 || record[5] !== 1) return null
  const body = record.subarray(9)
  const version = body.readUInt16BE(0)
  let pos = 34
  pos += 1 + body[pos]!
  if (pos + 2 > body.length) return null
  const length = body.readUInt16BE(pos)
  const suites: number[] = []
  for (let i = 0; i + 1 < length && pos + 3 + i < body.length; i += 2) suites.push(body.readUInt16BE(pos + 2 + i))
  return { version, suites }
}

/** A ServerHello choosing `suite` at `version`, in one record, and nothing else: the scanner reads no further. */
function cannedServerHello(version: number, suite: number): Buffer {
  const hello = Buffer.alloc(2 + 32 + 1 + 2 + 1)
  hello.writeUInt16BE(version, 0)
  hello.fill(7, 2, 34)
  hello.writeUInt16BE(suite, 35)
  const message = Buffer.concat([Buffer.from([2, 0, 0, hello.length]), hello])
  const head = Buffer.from([22, 0, 0, 0, 0])
  head.writeUInt16BE(version, 1)
  head.writeUInt16BE(message.length, 3)
  return Buffer.concat([head, message])
}

/** The canned answer to a legacy hello, or null to let the real server answer. */
function legacyAnswer(hello: { version: number; suites: number[] }): Buffer | null {
  const offered = hello.suites.filter((s) => !SIGNALS.has(s))
  // Browsers never offer export or RC4 suites: a hello that does is a scanner's probe.
  const legacy = offered.some((s) => CANNED_ONLY.includes(s))
  if (hello.version !== 0x0300 && !legacy) return null
  const suite = CANNED_ACCEPTS.find((s) => offered.includes(s))
  // handshake_failure when nothing offered is accepted.
  if (suite === undefined) return Buffer.from([21, 3, 0, 0, 2, 2, 40])
  return cannedServerHello(Math.min(hello.version, 0x0303), suite)
}

export async function startWeakServer(options: { leafDigest: 'sha1' | 'sha256' }): Promise<WeakServer> {
  const ca = makeCa({ name: 'Vigie Weak Test CA', prefix: 'vigie-weak-' })
  const leaf = ca.issue('leaf', { digest: options.leafDigest })
  const server = createServer(
    {
      key: leaf.key,
      cert: leaf.cert + ca.rootPem,
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.3',
      // Static RSA (AES128-SHA) and old protocols: what OpenSSL 3 refuses above security level 0.
      ciphers: 'DEFAULT:AES128-SHA:AES256-SHA:@SECLEVEL=0',
    },
    (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' })
      res.end(PAGE)
    },
  )
  const inner = await new Promise<number>((done) =>
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)),
  )
  // The front door: reads the first record, then answers it canned or relays the connection to the TLS server.
  const front = createNetServer((socket: Socket) => {
    socket.on('error', () => undefined)
    let data = Buffer.alloc(0)
    const onData = (chunk: Buffer) => {
      data = Buffer.concat([data, chunk])
      if (data.length < 5 || (data.length < 5 + data.readUInt16BE(3) && data.length < 20_000)) return
      socket.removeListener('data', onData)
      socket.pause()
      const hello = readHello(data)
      const canned = hello ? legacyAnswer(hello) : null
      if (canned) {
        socket.end(canned)
        return
      }
      const upstream = connect(inner, '127.0.0.1')
      upstream.on('error', () => socket.destroy())
      upstream.write(data)
      socket.pipe(upstream).pipe(socket)
      socket.resume()
    }
    socket.on('data', onData)
  })
  const port = await new Promise<number>((done) =>
    front.listen(0, '127.0.0.1', () => done((front.address() as AddressInfo).port)),
  )
  return {
    origin: `https://localhost:${port}`,
    port,
    caPem: ca.rootFile,
    async close() {
      server.closeAllConnections()
      await Promise.all([new Promise((done) => front.close(done)), new Promise((done) => server.close(done))])
      ca.remove()
    },
  }
}
