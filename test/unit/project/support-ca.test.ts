/** The one maker of test certificates (test/support/ca.mjs): what it signs is trusted through its root, and only so. */
import { X509Certificate } from 'node:crypto'
import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { connect, createServer } from 'node:tls'
import { afterAll, describe, expect, it } from 'vitest'
import { makeCa, serverExtensions } from '../../support/ca.mjs'

const ca = makeCa({ name: 'Vigie Support Test CA' })
afterAll(() => ca.remove())

async function handshake(
  cert: string,
  key: string,
  trust: string[],
): Promise<{ authorized: boolean; error: string | null }> {
  const server = createServer({ key, cert }, (socket) => socket.end())
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const socket = connect({
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    servername: 'localhost',
    ca: trust,
    rejectUnauthorized: false,
  })
  await once(socket, 'secureConnect')
  const result = {
    authorized: socket.authorized,
    error: socket.authorizationError ? String(socket.authorizationError) : null,
  }
  socket.destroy()
  server.close()
  return result
}

describe('makeCa', () => {
  it('signs a leaf for localhost that a client trusting the root accepts, and no other client', async () => {
    const leaf = ca.issue('leaf')
    expect(await handshake(leaf.cert, leaf.key, [ca.rootPem])).toEqual({ authorized: true, error: null })
    expect((await handshake(leaf.cert, leaf.key, [])).authorized).toBe(false)
    expect(new X509Certificate(leaf.cert).subjectAltName).toBe('DNS:localhost, IP Address:127.0.0.1')
  })
  it('signs through an intermediate, and sends the intermediate after the leaf', async () => {
    ca.issue('inter', { ca: true, subject: '/CN=Vigie Support Intermediate' })
    const leaf = ca.issue('second', { issuer: 'inter', extensions: serverExtensions(['localhost', 'a.example.test']) })
    const [first, second] = leaf.cert.split(/(?<=-----END CERTIFICATE-----\n)/)
    expect(new X509Certificate(first!).issuer).toBe('CN=Vigie Support Intermediate')
    expect(new X509Certificate(second!).issuer).toBe('CN=Vigie Support Test CA')
    expect(new X509Certificate(first!).subjectAltName).toBe('DNS:localhost, DNS:a.example.test')
    expect(await handshake(leaf.cert, leaf.key, [ca.rootPem])).toEqual({ authorized: true, error: null })
  })
  it('refuses an issuer it has not made', () =>
    expect(() => ca.issue('x', { issuer: 'nobody' })).toThrow(/no certificate nobody/))
})
