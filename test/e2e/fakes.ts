/**
 * Local fakes of the three online services, on 127.0.0.1, at the same paths as the real ones (under a prefix per
 * service), answering with real-shaped fixtures. Every request is logged, so a test can prove nothing was sent.
 */
import { readFileSync } from 'node:fs'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { resolve } from 'node:path'

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, `../fixtures/online/${name}.json`), 'utf8')

export interface LoggedRequest {
  service: string
  method: string
  path: string
  host: string | null
  email: string | null
}

/** How the fake SSL Labs answers for a host: a fixture, a status code, or "in progress" a few times first. */
export type SslLabsBehaviour = { fixture: string } | { status: number } | { inProgress: number; then: string }

export interface Fakes {
  base: string
  log: LoggedRequest[]
  ssllabs: Map<string, SslLabsBehaviour>
  urls: { ssllabs: string; observatory: string; hstspreload: string }
  close(): Promise<void>
}

export async function startFakes(): Promise<Fakes> {
  const log: LoggedRequest[] = []
  const ssllabs = new Map<string, SslLabsBehaviour>()
  const progress = new Map<string, number>()
  const server = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const service = url.pathname.split('/')[1] ?? ''
    const host = url.searchParams.get('host') ?? url.searchParams.get('domain')
    log.push({
      service,
      method: req.method ?? '',
      path: url.pathname,
      host,
      email: (req.headers.email as string) ?? null,
    })
    const json = (status: number, body: string) =>
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(body)
    if (url.pathname === '/ssllabs/analyze' && req.method === 'GET' && host) {
      const behaviour = ssllabs.get(host) ?? { fixture: 'ssllabs-weak' }
      if ('status' in behaviour) return json(behaviour.status, '')
      if ('inProgress' in behaviour) {
        const seen = (progress.get(host) ?? 0) + 1
        progress.set(host, seen)
        if (seen <= behaviour.inProgress) return json(200, fixture('ssllabs-in-progress'))
        return json(200, fixture(behaviour.then))
      }
      return json(200, fixture(behaviour.fixture))
    }
    if (url.pathname === '/observatory/scan' && req.method === 'POST' && host) return json(200, fixture('observatory'))
    if (url.pathname === '/hstspreload/status' && req.method === 'GET' && host)
      return json(200, fixture('hstspreload-unknown'))
    return json(404, '{}')
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    base,
    log,
    ssllabs,
    urls: { ssllabs: `${base}/ssllabs/`, observatory: `${base}/observatory/`, hstspreload: `${base}/hstspreload/` },
    async close() {
      server.closeAllConnections()
      await new Promise((done) => server.close(done))
    },
  }
}
