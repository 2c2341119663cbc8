/** The scanner's pure rules: the companion's state from the browser's words and its hello, where a scan may connect, the cap. */
import { describe, expect, it } from 'vitest'
import {
  companionFromError,
  companionFromHello,
  connectionOf,
  plainAddress,
  ScanCap,
  SCAN_CAP,
  scanRoute,
} from '../../../src/background/scan-rules.ts'

describe('companionFromError', () => {
  it('tells Chrome\'s "not found" from "forbidden"', () => {
    expect(companionFromError('Specified native messaging host not found.')).toEqual({ state: 'missing' })
    expect(companionFromError('Access to the specified native messaging host is forbidden.')).toEqual({
      state: 'forbidden',
    })
  })
  it('reads Firefox\'s one word for both as "missing" (it never says which, on purpose)', () => {
    expect(companionFromError('No such native application dev.vigie.scanner')).toEqual({ state: 'missing' })
  })
  it('reads the older Firefox wording of a refused id as "forbidden"', () => {
    expect(
      companionFromError('This extension does not have permission to use native application dev.vigie.scanner'),
    ).toEqual({ state: 'forbidden' })
  })
  it('calls any other failure of a companion that was found "broken", with the words bounded', () => {
    expect(companionFromError('Native host has exited.')).toEqual({
      state: 'broken',
      message: 'Native host has exited.',
    })
    expect(companionFromError('x'.repeat(1000)).message).toHaveLength(300)
  })
})

describe('companionFromHello', () => {
  const hello = { type: 'hello', version: '0.2.0', protocol: 2, node: 'v20.20.2' }
  it('a companion speaking protocol 2 works, with its version', () => {
    expect(companionFromHello(hello)).toEqual({ state: 'working', version: '0.2.0', protocol: 2 })
  })
  it('one below the protocol Vigie needs is too old, and one that does not know hello at all too', () => {
    expect(companionFromHello({ ...hello, protocol: 1 })).toEqual({ state: 'outdated', version: '0.2.0', protocol: 1 })
    expect(
      companionFromHello({ type: 'error', error: 'bad-request', message: 'Invalid type: Expected "scan" | "ping"' }),
    ).toEqual({ state: 'outdated' })
  })
  it('anything else is broken', () => {
    for (const bad of [
      null,
      'hello',
      { type: 'pong', version: 1, node: 'v20' },
      { ...hello, version: 'x'.repeat(100) },
      { ...hello, protocol: 2.5 },
    ]) {
      expect(companionFromHello(bad).state).toBe('broken')
    }
  })
})

describe('where a scan may connect', () => {
  it('to the plain address the browser used', () => {
    expect(scanRoute({ address: '203.0.113.7' })).toEqual({ kind: 'ok', address: '203.0.113.7' })
    expect(scanRoute({ address: '[2001:db8::1]' })).toEqual({ kind: 'ok', address: '2001:db8::1' })
  })
  it('nowhere by itself without an address, or with something that is not a plain IP address', () => {
    for (const address of [
      undefined,
      '',
      'example.com',
      '127.1',
      '2130706433',
      '0x7f.0.0.1',
      '256.1.1.1',
      ':::::',
      '1::2::3',
    ]) {
      expect(scanRoute(address === undefined ? {} : { address })).toEqual({ kind: 'no-address' })
    }
    expect(scanRoute(undefined)).toEqual({ kind: 'no-address' })
    expect(plainAddress('0177.0.0.1')).toBeNull()
  })
  it('nowhere by itself through a proxy, whatever the address', () => {
    expect(scanRoute({ address: '203.0.113.7', proxied: true })).toEqual({ kind: 'proxied' })
  })
  it("reads webRequest's ip and Firefox's proxyInfo", () => {
    expect(connectionOf({ ip: '203.0.113.7', proxyInfo: null })).toEqual({ address: '203.0.113.7' })
    expect(connectionOf({ ip: '127.0.0.1', proxyInfo: { type: 'http', host: '127.0.0.1', port: 3128 } })).toEqual({
      address: '127.0.0.1',
      proxied: true,
    })
    expect(connectionOf({ ip: '203.0.113.7', proxyInfo: { type: 'direct' } })).toEqual({ address: '203.0.113.7' })
    expect(connectionOf({})).toBeUndefined()
  })
})

describe('ScanCap', () => {
  it('holds one scan at a time', () => {
    const cap = new ScanCap()
    expect(cap.tryStart(0)).toBe(true)
    expect(cap.waitFor(1)).toBe(Infinity)
    expect(cap.tryStart(1)).toBe(false)
    cap.finish()
    expect(cap.tryStart(2)).toBe(true)
  })
  it('allows six starts in any minute, then says how long until the next', () => {
    const cap = new ScanCap()
    const t0 = 1_000_000
    for (let i = 0; i < SCAN_CAP.perMinute; i++) {
      expect(cap.tryStart(t0 + i * 1000)).toBe(true)
      cap.finish()
    }
    expect(cap.tryStart(t0 + 10_000)).toBe(false)
    expect(cap.waitFor(t0 + 10_000)).toBe(50_000)
    expect(cap.tryStart(t0 + 60_000)).toBe(true)
  })
  it('takes other limits', () => {
    const cap = new ScanCap({ atOnce: 2, perMinute: 3 })
    expect([cap.tryStart(0), cap.tryStart(0), cap.tryStart(0)]).toEqual([true, true, false])
    cap.finish()
    expect(cap.tryStart(1)).toBe(true)
    cap.finish()
    expect(cap.tryStart(2)).toBe(false)
  })
})
