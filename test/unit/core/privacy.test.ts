import { describe, expect, it } from 'vitest'
import { isPublicHostname } from '../../../src/core/index.ts'

describe('isPublicHostname', () => {
  it.each(['console.example.com', 'login.example.co.uk', 'xn--bcher-kva.example', 'shop.example.test', 'a.b'])(
    'allows %s',
    (host) => {
      expect(isPublicHostname(host)).toBe(true)
    },
  )
  it.each([
    ['localhost', 'localhost'],
    ['a localhost subdomain', 'app.localhost'],
    ['an IPv4 literal', '127.0.0.1'],
    ['a private IPv4 literal', '192.168.1.10'],
    ['an IPv6 literal', '[::1]'],
    ['a bare IPv6', 'fe80::1'],
    ['a single label', 'intranet'],
    ['.local', 'printer.local'],
    ['.internal', 'git.corp.internal'],
    ['.lan', 'nas.lan'],
    ['.home.arpa', 'router.home.arpa'],
    ['a reverse zone', '1.0.0.127.in-addr.arpa'],
    ['an empty host', ''],
    ['a name with odd characters', 'a_b.example.com'],
  ])('never allows %s', (_name, host) => {
    expect(isPublicHostname(host)).toBe(false)
  })
})
