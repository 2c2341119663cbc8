/** The companion's framing and loop, fed through real streams with a scanner passed in. */
import { PassThrough } from 'node:stream'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeFrame, FrameReader, MAX_REQUEST_BYTES } from '../../../src/companion/framing.ts'
import { MAX_WAITING_SCANS, OneAtATime, runHost, type ScanFn } from '../../../src/companion/host.ts'
import { CompanionRequestSchema, isCanonicalHost, isCanonicalIp } from '../../../src/companion/protocol.ts'
import * as v from 'valibot'

const frame = (value: unknown, e: 'LE' | 'BE' = 'LE') => encodeFrame(value, e)!
const rawFrame = (body: Buffer, e: 'LE' | 'BE' = 'LE') => {
  const head = Buffer.alloc(4)
  if (e === 'LE') head.writeUInt32LE(body.length)
  else head.writeUInt32BE(body.length)
  return Buffer.concat([head, body])
}

describe('FrameReader', () => {
  it('reads a frame split byte by byte', () => {
    const reader = new FrameReader('LE')
    const bytes = frame({ type: 'ping', id: 'é' })
    const events = [...bytes].flatMap((b) => reader.push(Uint8Array.of(b)))
    expect(events).toEqual([{ kind: 'message', value: { type: 'ping', id: 'é' } }])
    expect(reader.pending).toBe(0)
  })
  it('reads several frames from one chunk', () => {
    const reader = new FrameReader('LE')
    const events = reader.push(Buffer.concat([frame({ a: 1 }), frame({ b: 2 }), frame([3]).subarray(0, 5)]))
    expect(events).toEqual([
      { kind: 'message', value: { a: 1 } },
      { kind: 'message', value: { b: 2 } },
    ])
    expect(reader.pending).toBe(5)
  })
  it('honours the byte order it is given', () => {
    const reader = new FrameReader('BE')
    expect(reader.push(frame({ big: true }, 'BE'))).toEqual([{ kind: 'message', value: { big: true } }])
  })
  it('reports a complete frame that is not JSON, or not UTF-8, and reads on', () => {
    const reader = new FrameReader('LE')
    const events = reader.push(
      Buffer.concat([rawFrame(Buffer.from('{nope')), rawFrame(Buffer.from([0x22, 0xff, 0x22])), frame(1)]),
    )
    expect(events).toEqual([{ kind: 'bad-json' }, { kind: 'bad-json' }, { kind: 'message', value: 1 }])
  })
  it('stops at a length over the limit without buffering it', () => {
    const reader = new FrameReader('LE')
    const head = Buffer.alloc(4)
    head.writeUInt32LE(0xffffffff)
    expect(reader.push(Buffer.concat([frame('ok'), head, Buffer.alloc(100)]))).toEqual([
      { kind: 'message', value: 'ok' },
      { kind: 'too-large', length: 0xffffffff },
    ])
    expect(reader.push(frame('after'))).toEqual([])
    expect(reader.pending).toBe(0)
  })
  it('never throws and stays bounded, whatever the bytes and however they are cut', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 20 }), (chunks) => {
        const reader = new FrameReader('LE', 1000)
        for (const chunk of chunks) {
          reader.push(chunk)
          expect(reader.pending).toBeLessThanOrEqual(1004 + 300)
        }
      }),
    )
  })
})

describe('encodeFrame', () => {
  it('refuses a body over the limit', () => {
    expect(encodeFrame('x'.repeat(100), 'LE', 50)).toBeNull()
    expect(encodeFrame('x', 'LE', 50)!.readUInt32LE(0)).toBe(3)
  })
})

describe('isCanonicalHost: only a host exactly as the browser writes it', () => {
  it.each([
    'example.com',
    'console.example.com',
    'xn--9ca.example',
    'a_b.example',
    'localhost',
    '10.0.0.1',
    '::1',
    '2001:db8::1',
    '[::1]'.slice(1, -1),
  ])('accepts %s', (host) => expect(isCanonicalHost(host)).toBe(true))
  it.each([
    // Strings the system's resolver (inet_aton, getaddrinfo) reads as 127.0.0.1, or as another host.
    '127.0.0.1:443',
    '2130706433',
    '0x7f.1',
    '0177.0.0.1',
    '127.1',
    '127.000.0.1',
    ':::::',
    '[::1]',
    '::FFFF:127.0.0.1',
    '\u212Aelvin.example',
    'Example.COM',
    'é.example',
    ' example.com',
    'example.com.',
    'user@example.com',
    'example.com/path',
    'a b',
    '',
    '-x.com',
    'x'.repeat(254),
  ])('refuses %j', (host) => expect(isCanonicalHost(host)).toBe(false))
  it('takes only IP literals as an address', () => {
    expect(isCanonicalIp('93.184.215.14')).toBe(true)
    expect(isCanonicalIp('2606:2800:21f:cb07:6820:80da:af6b:8b2c')).toBe(true)
    expect(isCanonicalIp('example.com')).toBe(false)
    expect(isCanonicalIp('2001:DB8::1')).toBe(false)
    expect(isCanonicalIp('2001:db8:0:0:0:0:0:1')).toBe(false)
    expect(isCanonicalIp('256.1.1.1')).toBe(false)
  })
  it('is what the request schema applies to host and address', () => {
    const ok = (request: object) => v.safeParse(CompanionRequestSchema, request).success
    expect(ok({ type: 'scan', host: 'example.com', address: '93.184.215.14' })).toBe(true)
    expect(ok({ type: 'scan', host: '0x7f.1' })).toBe(false)
    expect(ok({ type: 'scan', host: 'example.com', address: '127.1' })).toBe(false)
  })
})

/** A host running on streams, as main.ts runs it on stdin and stdout. */
function startHost(scan: ScanFn, options: { maxReplyBytes?: number; scanTimeoutMs?: number } = {}) {
  const input = new PassThrough()
  const output = new PassThrough()
  const logs: string[] = []
  const reader = new FrameReader('LE', 2 * 1024 * 1024)
  const replies: unknown[] = []
  output.on('data', (chunk: Buffer) => {
    for (const e of reader.push(chunk)) replies.push(e.kind === 'message' ? e.value : e)
  })
  const exit = runHost({
    input,
    write: (f) => new Promise((resolve, reject) => output.write(f, (error) => (error ? reject(error) : resolve()))),
    scan,
    log: (line) => logs.push(line),
    endianness: 'LE',
    ...options,
  })
  const until = async (n: number) => {
    for (let i = 0; i < 200 && replies.length < n; i++) await new Promise((r) => setTimeout(r, 5))
    return replies
  }
  return { input, replies, logs, exit, until }
}

const facts = (host: string, port: number) => ({ host, port, observedAt: '2026-11-23T00:00:00.000Z' })
const A = '192.0.2.1'
const instantScan: ScanFn = async ({ host, port }) => facts(host, port)

describe('runHost', () => {
  it('answers a scan request with the facts, echoing its id, and exits 0 when stdin closes', async () => {
    const host = startHost(instantScan)
    host.input.write(frame({ type: 'scan', id: 7, host: 'console.example.com', port: 8443, address: '10.0.0.1' }))
    expect(await host.until(1)).toEqual([
      {
        type: 'scan-result',
        id: 7,
        host: 'console.example.com',
        port: 8443,
        facts: facts('console.example.com', 8443),
      },
    ])
    host.input.end()
    expect(await host.exit).toBe(0)
  })
  it('uses port 443 when none is given, and answers a ping', async () => {
    const host = startHost(instantScan)
    host.input.write(
      Buffer.concat([frame({ type: 'scan', host: 'a.example', address: A }), frame({ type: 'ping', id: 'p' })]),
    )
    const replies = await host.until(2)
    expect(replies).toContainEqual(expect.objectContaining({ type: 'scan-result', port: 443 }))
    expect(replies).toContainEqual(expect.objectContaining({ type: 'pong', id: 'p', version: 2 }))
    host.input.end()
    await host.exit
  })
  it('runs one scan per host and port: a second request joins the first', async () => {
    let calls = 0
    let finish: () => void = () => {}
    const scan: ScanFn = ({ host, port }) => {
      calls++
      return new Promise((resolve) => (finish = () => resolve(facts(host, port))))
    }
    const host = startHost(scan)
    host.input.write(frame({ type: 'scan', id: 1, host: 'a.example', address: A }))
    host.input.write(frame({ type: 'scan', id: 2, host: 'a.example', port: 443, address: A }))
    await new Promise((r) => setTimeout(r, 20))
    expect(calls).toBe(1)
    finish()
    const replies = (await host.until(2)) as { id: number; type: string }[]
    expect(replies.map((r) => [r.type, r.id]).sort()).toEqual([
      ['scan-result', 1],
      ['scan-result', 2],
    ])
    // Once done, the next request scans again.
    host.input.write(frame({ type: 'scan', id: 3, host: 'a.example', address: A }))
    await new Promise((r) => setTimeout(r, 20))
    expect(calls).toBe(2)
    finish()
    await host.until(3)
    host.input.end()
    await host.exit
  })
  it('answers invalid requests with an error and reads on', async () => {
    const host = startHost(instantScan)
    host.input.write(frame({ type: 'scan', id: 'x', host: 'evil host', port: 443 }))
    host.input.write(frame({ type: 'scan', host: 'a.example', port: 70000, address: A }))
    host.input.write(frame({ type: 'exec', cmd: 'rm' }))
    host.input.write(rawFrame(Buffer.from('not json')))
    host.input.write(frame({ type: 'ping' }))
    const replies = (await host.until(5)) as { type: string; error?: string; id?: string }[]
    expect(replies.map((r) => r.error ?? r.type)).toEqual([
      'bad-request',
      'bad-request',
      'bad-request',
      'bad-json',
      'pong',
    ])
    expect(replies[0]!.id).toBe('x')
    host.input.end()
    expect(await host.exit).toBe(0)
  })
  it('replies an error and exits 1 on an oversized length, without waiting for its bytes', async () => {
    const host = startHost(instantScan)
    const head = Buffer.alloc(4)
    head.writeUInt32LE(MAX_REQUEST_BYTES + 1)
    host.input.write(head)
    expect(await host.exit).toBe(1)
    expect(host.replies).toEqual([expect.objectContaining({ type: 'error', error: 'too-large' })])
  })
  it('exits when stdin closes in the middle of a frame, and cancels running scans', async () => {
    let aborted = false
    const scan: ScanFn = (_t, { signal }) =>
      new Promise((_, reject) => signal.addEventListener('abort', () => ((aborted = true), reject(new Error('x')))))
    const host = startHost(scan)
    host.input.write(frame({ type: 'scan', host: 'a.example', address: A }))
    host.input.write(frame({ type: 'ping' }).subarray(0, 6))
    await host.until(0)
    host.input.end()
    expect(await host.exit).toBe(0)
    expect(aborted).toBe(true)
    expect(host.logs.join('\n')).toMatch(/middle of a frame/)
  })
  it('turns a failed scan into an error reply with its reason', async () => {
    const host = startHost(async () => {
      throw new Error('getaddrinfo ENOTFOUND nowhere.example')
    })
    host.input.write(frame({ type: 'scan', id: 1, host: 'nowhere.example', address: A }))
    expect(await host.until(1)).toEqual([
      {
        type: 'error',
        id: 1,
        error: 'scan-failed',
        message: 'getaddrinfo ENOTFOUND nowhere.example',
        host: 'nowhere.example',
        port: 443,
      },
    ])
    host.input.end()
    await host.exit
  })
  it('gives up on a scan that never ends', async () => {
    const host = startHost(() => new Promise(() => {}), { scanTimeoutMs: 50 })
    host.input.write(frame({ type: 'scan', host: 'a.example', address: A }))
    expect(await host.until(1)).toEqual([
      expect.objectContaining({ error: 'scan-failed', message: 'the scan took too long' }),
    ])
    host.input.end()
    await host.exit
  })
  it('keeps replies under the limit: a reply too large becomes a small error', async () => {
    const host = startHost(async () => ({ blob: 'x'.repeat(5000) }), { maxReplyBytes: 1000 })
    host.input.write(frame({ type: 'scan', id: 9, host: 'a.example', address: A }))
    expect(await host.until(1)).toEqual([expect.objectContaining({ type: 'error', id: 9, error: 'reply-too-large' })])
    host.input.end()
    await host.exit
  })
})

describe('runHost: where a scan may connect', () => {
  it('passes the address the browser connected to, and scans an IP literal host at itself', async () => {
    const seen: unknown[] = []
    const host = startHost(async (target) => (seen.push(target), facts(target.host, target.port)))
    host.input.write(frame({ type: 'scan', id: 1, host: 'intranet.example', port: 8443, address: '10.1.2.3' }))
    host.input.write(frame({ type: 'scan', id: 2, host: '2001:db8::7' }))
    await host.until(2)
    expect(seen).toEqual([
      { host: 'intranet.example', port: 8443, address: '10.1.2.3' },
      { host: '2001:db8::7', port: 443, address: '2001:db8::7' },
    ])
    host.input.end()
    await host.exit
  })
  it('refuses a host name without the address, an IP host with another address, and non-canonical hosts', async () => {
    let calls = 0
    const host = startHost(async (target) => (calls++, facts(target.host, target.port)))
    const refused = [
      { type: 'scan', id: 1, host: 'rebind.example' },
      { type: 'scan', id: 2, host: '10.0.0.1', address: '10.0.0.2' },
      ...[
        '127.0.0.1:443',
        '2130706433',
        '0x7f.1',
        '0177.0.0.1',
        '127.1',
        ':::::',
        '\u212Aelvin.example',
        'A.example',
      ].map((h, i) => ({ type: 'scan', id: 3 + i, host: h, address: A })),
    ]
    for (const request of refused) host.input.write(frame(request))
    const replies = (await host.until(refused.length)) as { error?: string; id: number; message: string }[]
    expect(replies.map((r) => [r.id, r.error])).toEqual(refused.map((r) => [r.id, 'bad-request']))
    expect(replies[0]!.message).toMatch(/address/)
    expect(calls).toBe(0)
    host.input.end()
    await host.exit
  })
})

describe('runHost: a scan the user asked for through a proxy', () => {
  it('looks the name up itself only when the request says resolve, and never for an automatic one', async () => {
    const seen: unknown[] = []
    const host = startHost(async (target) => (seen.push(target), facts(target.host, target.port)))
    host.input.write(frame({ type: 'scan', id: 1, host: 'proxied.example', resolve: true }))
    host.input.write(frame({ type: 'scan', id: 2, host: 'proxied.example', resolve: false }))
    const replies = (await host.until(2)) as { id: number; type: string; error?: string }[]
    expect(replies.map((r) => [r.id, r.error ?? r.type]).sort()).toEqual([
      [1, 'scan-result'],
      [2, 'bad-request'],
    ])
    expect(seen).toEqual([{ host: 'proxied.example', port: 443 }])
    host.input.end()
    await host.exit
  })
})

describe('runHost: one scan at a time', () => {
  /** A scanner whose scans end when told, counting how many run at once. */
  function countingScanner() {
    const state = { running: 0, most: 0, started: [] as string[], finishers: [] as (() => void)[] }
    const scan: ScanFn = ({ host, port }, { signal }) =>
      new Promise((resolve, reject) => {
        state.running++
        state.most = Math.max(state.most, state.running)
        state.started.push(host)
        const end = (f: () => void) => () => {
          state.running--
          f()
        }
        state.finishers.push(end(() => resolve(facts(host, port))))
        signal.addEventListener(
          'abort',
          end(() => reject(new Error('aborted'))),
          { once: true },
        )
      })
    const finishAll = async (n: number, host: ReturnType<typeof startHost>) => {
      for (let done = 0; done < n;) {
        await new Promise((r) => setTimeout(r, 5))
        const f = state.finishers.shift()
        if (f) {
          f()
          done++
        }
        if (host.replies.length >= n) break
      }
    }
    return { state, scan, finishAll }
  }

  it('runs 8 requests for 8 hosts one after the other, in order, and answers them all', async () => {
    const { state, scan, finishAll } = countingScanner()
    const host = startHost(scan)
    const hosts = Array.from({ length: 8 }, (_, i) => `h${i}.example`)
    hosts.forEach((h, i) => host.input.write(frame({ type: 'scan', id: i, host: h, address: `192.0.2.${i + 1}` })))
    await new Promise((r) => setTimeout(r, 30))
    expect(state.running).toBe(1)
    await finishAll(8, host)
    const replies = (await host.until(8)) as { type: string; id: number }[]
    expect(replies.map((r) => [r.type, r.id])).toEqual(hosts.map((_, i) => ['scan-result', i]))
    expect(state.most).toBe(1)
    expect(state.started).toEqual(hosts)
    host.input.end()
    await host.exit
  })

  it('lets a request for the host being scanned join that scan, and times a scan from its start, not its wait', async () => {
    const { state, scan } = countingScanner()
    const host = startHost(scan, { scanTimeoutMs: 80 })
    host.input.write(frame({ type: 'scan', id: 1, host: 'a.example', address: A }))
    host.input.write(frame({ type: 'scan', id: 2, host: 'b.example', address: A }))
    host.input.write(frame({ type: 'scan', id: 3, host: 'a.example', address: A }))
    await new Promise((r) => setTimeout(r, 40))
    expect(state.started).toEqual(['a.example'])
    state.finishers.shift()!()
    await host.until(2)
    // b waited 40 ms: it starts now with its own 80 ms.
    await new Promise((r) => setTimeout(r, 40))
    expect(state.started).toEqual(['a.example', 'b.example'])
    expect(host.replies).toHaveLength(2)
    state.finishers.shift()!()
    const replies = (await host.until(3)) as { type: string; id: number }[]
    expect(replies.map((r) => [r.type, r.id])).toEqual([
      ['scan-result', 1],
      ['scan-result', 3],
      ['scan-result', 2],
    ])
    host.input.end()
    await host.exit
  })

  it(`refuses a request beyond ${MAX_WAITING_SCANS} waiting, and cancels the waiting ones when the browser lets go`, async () => {
    const { state, scan } = countingScanner()
    const host = startHost(scan)
    for (let i = 0; i <= MAX_WAITING_SCANS + 1; i++)
      host.input.write(frame({ type: 'scan', id: i, host: `h${i}.example`, address: A }))
    const replies = (await host.until(1)) as { id: number; error: string; message: string }[]
    expect(replies).toEqual([
      expect.objectContaining({
        id: MAX_WAITING_SCANS + 1,
        error: 'scan-failed',
        message: `${MAX_WAITING_SCANS} scans are already waiting`,
      }),
    ])
    host.input.end()
    expect(await host.exit).toBe(0)
    expect(state.started).toEqual(['h0.example'])
    expect(state.running).toBe(0)
  })

  it('OneAtATime: a waiter that gives up leaves the line', async () => {
    const gate = new OneAtATime()
    const first = await gate.enter(new AbortController().signal)
    const quitter = new AbortController()
    const gaveUp = gate.enter(quitter.signal)
    const next = gate.enter(new AbortController().signal)
    quitter.abort()
    await expect(gaveUp).rejects.toThrow('cancelled')
    expect(gate.waiting).toBe(1)
    first()
    const release = await next
    release()
    expect(gate.waiting).toBe(0)
  })
})
