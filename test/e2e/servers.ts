/**
 * Local test sites: one plain-http and one https server on 127.0.0.1, with a test CA made at test time by openssl
 * (a lone self-signed certificate is refused as a server certificate by Firefox, so the leaf is signed by a CA).
 * Pages come from test/fixtures/pages; each route can add response headers.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { createServer as createHttp, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'
import { createServer as createNet, type AddressInfo, type Server as NetServer } from 'node:net'
import { join, resolve } from 'node:path'
import { makeCa, serverExtensions } from '../support/ca.mjs'

const PAGES = resolve(import.meta.dirname, '../fixtures/pages')

/**
 * Strict-Transport-Security variants: /h/<variant>/<page>.html serves test/fixtures/pages/<page>.html with that
 * header; /<page>.html serves it with none.
 */
export const HSTS: Record<string, string | string[]> = {
  good: 'max-age=31536000; includeSubDomains',
  short: 'max-age=3600; includeSubDomains',
  invalid: 'max-age=31536000; max-age=1',
  'no-subdomains': 'max-age=31536000',
  // Two identical headers: browsers process the first (RFC 6797 section 8.1).
  twice: ['max-age=31536000; includeSubDomains', 'max-age=31536000; includeSubDomains'],
  // An unknown directive with an empty value: Chromium ignores the whole header.
  'empty-unknown': 'max-age=31536000; includeSubDomains; foo=',
  // A non-ASCII byte (0xE9, sent as one Latin-1 byte) in a quoted value: legal, and applied by browsers.
  'latin-byte': 'max-age=31536000; x="caf\u00e9"; includeSubDomains',
}

export interface TestCa {
  dir: string
  caPem: string
  key: string
  cert: string
}

export function makeTestCa(): TestCa {
  const ca = makeCa({ name: 'Vigie Test CA' })
  const leaf = ca.issue('leaf', {
    extensions: serverExtensions(['localhost', '*.example.test', ...ACCOUNT_HOSTS, '127.0.0.1']),
  })
  return { dir: ca.dir, caPem: ca.rootFile, key: leaf.key, cert: leaf.cert + ca.rootPem }
}

/** A 1×1 GIF. */
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

const SERVICE_WORKER = `
self.addEventListener('install', (e) => { self.skipWaiting(); e.waitUntil(caches.open('v').then((c) => c.add('/sw-page.html'))) })
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()))
self.addEventListener('fetch', (e) => {
  if (e.request.mode === 'navigate' && new URL(e.request.url).pathname === '/sw-page.html') e.respondWith(caches.match('/sw-page.html', { ignoreSearch: true }).then((r) => r || fetch(e.request)))
})
`

function handler(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!
  if (path === '/slow.gif') {
    // An image that comes ?ms= later (at most 10 s): it holds the page's load event back that long.
    const ms = Math.min(Number(new URL(req.url ?? '/', 'http://x').searchParams.get('ms')) || 0, 10_000)
    const timer = setTimeout(
      () => res.writeHead(200, { 'Content-Type': 'image/gif', 'Cache-Control': 'no-store' }).end(PIXEL),
      ms,
    )
    res.on('close', () => clearTimeout(timer))
    return
  }
  if (path === '/sw.js') {
    // A service worker that keeps sw-page.html and serves that page's navigations from its copy.
    res.writeHead(200, { 'Content-Type': 'text/javascript', 'Cache-Control': 'no-store' }).end(SERVICE_WORKER)
    return
  }
  if (path === '/go') {
    // A redirect to ?to= (http or https only): the hops of a redirect chain across hosts.
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to') ?? ''
    if (!/^https?:\/\//.test(to)) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('bad to')
      return
    }
    res.writeHead(302, { Location: to, 'Cache-Control': 'no-store' }).end()
    return
  }
  if (path === '/nothing') {
    // A link answered 204 No Content: the browser stays on the page that had the link.
    res.writeHead(204, { 'Cache-Control': 'no-store' }).end()
    return
  }
  if (path === '/file.bin') {
    // A download: the browser saves it and stays on the page that had the link.
    res
      .writeHead(200, {
        'Content-Type': 'application/octet-stream',
        'Content-Disposition': 'attachment; filename="file.bin"',
        'Strict-Transport-Security': HSTS.good as string,
      })
      .end(PIXEL)
    return
  }
  const match = /^(?:\/h\/([a-z-]+))?\/([a-z0-9-]+\.html)$/.exec(path)
  const file = match && existsSync(join(PAGES, match[2]!)) ? match[2]! : null
  const hsts = match?.[1] !== undefined ? HSTS[match[1]] : undefined
  if (!file || (match?.[1] !== undefined && hsts === undefined)) {
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found')
    return
  }
  // no-store keeps pages out of the back-forward cache: ?cache lets a page in, for the Back and Forward tests.
  const cacheable = /[?&]cache(?:[=&]|$)/.test(req.url ?? '')
  const headers: Record<string, string | string[]> = {
    'Content-Type': 'text/html; charset=utf-8',
    ...(cacheable ? {} : { 'Cache-Control': 'no-store' }),
  }
  if (hsts) headers['Strict-Transport-Security'] = hsts
  res.writeHead(200, headers)
  res.end(readFileSync(join(PAGES, file)))
}

/** Public-looking names the browsers resolve to 127.0.0.1 (see the harnesses), for online lookups. */
export const NAMED_HOSTS = [
  'shop.example.test',
  'console.example.test',
  'busy.example.test',
  'auth.example.test',
  'slow.example.test',
  'nobody.example.test',
  'secret.example.test',
  'widget.example.test',
  'again.example.test',
  // A redirect chain through a host the browser upgrades by its HSTS policy (scenarios.ts, hstsUpgradeScenarios).
  'hop.example.test',
  'hsts-known.example.test',
  'elsewhere.example.test',
]

/**
 * Real sites of the account data sets (SPEC.md section 8), served by the local servers under their own names: an
 * offender's login subdomain, a reformed site, strong 2FA, no 2FA, SMS only.
 */
export const ACCOUNT_HOSTS = ['login.dailymail.co.uk', 'chesskid.com', 'codeberg.org', 'www.alltrails.com', 'bitly.com']

export interface TestSites {
  http: string
  https: string
  /** The same servers under a public-looking name: `named('https', 'console')`. */
  named(scheme: 'http' | 'https', name: string): string
  /** The same servers under one of ACCOUNT_HOSTS: `at('https', 'codeberg.org')`. */
  at(scheme: 'http' | 'https', host: string): string
  ca: TestCa
  close(): Promise<void>
}

const listen = (server: NetServer): Promise<number> =>
  new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)))

export async function startSites(): Promise<TestSites> {
  const ca = makeTestCa()
  const http = createHttp(handler)
  const https = createHttps({ key: ca.key, cert: ca.cert, minVersion: 'TLSv1.2' }, handler)
  const [httpPort, httpsPort] = await Promise.all([listen(http), listen(https)])
  return {
    http: `http://127.0.0.1:${httpPort}`,
    https: `https://localhost:${httpsPort}`,
    named: (scheme, name) => `${scheme}://${name}.example.test:${scheme === 'http' ? httpPort : httpsPort}`,
    at: (scheme, host) => `${scheme}://${host}:${scheme === 'http' ? httpPort : httpsPort}`,
    ca,
    async close() {
      http.closeAllConnections()
      https.closeAllConnections()
      await Promise.all([new Promise((d) => http.close(d)), new Promise((d) => https.close(d))])
      rmSync(ca.dir, { recursive: true, force: true })
    },
  }
}

export interface OnePortSite {
  /** `scheme://name.example.test:port`: both schemes on the same port. */
  named(scheme: 'http' | 'https', name: string): string
  close(): Promise<void>
}

/**
 * The test pages over http and https on one port, told apart by the first byte a client sends (0x16 opens a TLS
 * handshake). A browser's own HSTS upgrade keeps a URL's port (http://host:P/ becomes https://host:P/), so an
 * upgrade can only be followed to a page where one port speaks both.
 */
export async function startOnePortSite(ca: TestCa): Promise<OnePortSite> {
  const http = createHttp(handler)
  const https = createHttps({ key: ca.key, cert: ca.cert, minVersion: 'TLSv1.2' }, handler)
  const mux = createNet((socket) => {
    socket.once('data', (first: Buffer) => {
      socket.pause()
      socket.unshift(first)
      ;(first[0] === 0x16 ? https : http).emit('connection', socket)
      process.nextTick(() => socket.resume())
    })
    socket.on('error', () => socket.destroy())
  })
  const port = await listen(mux)
  return {
    named: (scheme, name) => `${scheme}://${name}.example.test:${port}`,
    async close() {
      http.closeAllConnections()
      https.closeAllConnections()
      await new Promise((d) => mux.close(d))
    },
  }
}
