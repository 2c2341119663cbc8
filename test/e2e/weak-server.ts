/**
 * A weak https server for the local scanner's browser tests (E2E.md "Weak TLS servers"): Node's tls with
 * SECLEVEL=0, TLS 1.0 to 1.3 on, static RSA suites on, and a chain made at test time by openssl, its leaf signed
 * with SHA-1 (or SHA-256, for Firefox, which refuses SHA-1 even from a trusted root). It serves the login page
 * fixture on every path, without HSTS.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const PAGE = readFileSync(resolve(import.meta.dirname, '../fixtures/pages/login.html'))

export interface WeakServer {
  /** https://localhost:PORT */
  origin: string
  port: number
  /** The test root, for NODE_EXTRA_CA_CERTS (the companion) and certutil (Firefox). */
  caPem: string
  close(): Promise<void>
}

export async function startWeakServer(options: { leafDigest: 'sha1' | 'sha256' }): Promise<WeakServer> {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-weak-'))
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' })
  run('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-sha256',
    '-subj', '/CN=Vigie Weak Test CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign')
  run('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'leaf.key', '-out', 'leaf.csr', '-subj', '/CN=localhost')
  writeFileSync(join(dir, 'leaf.ext'),
    'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n')
  run('x509', '-req', '-in', 'leaf.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'leaf.pem',
    '-days', '20', `-${options.leafDigest}`, '-extfile', 'leaf.ext')
  const server = createServer(
    {
      key: readFileSync(join(dir, 'leaf.key')),
      cert: readFileSync(join(dir, 'leaf.pem'), 'utf8') + readFileSync(join(dir, 'ca.pem'), 'utf8'),
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
  const port = await new Promise<number>((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)))
  return {
    origin: `https://localhost:${port}`,
    port,
    caPem: join(dir, 'ca.pem'),
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
