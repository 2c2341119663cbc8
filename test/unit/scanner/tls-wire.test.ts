/** The scanner's hand-built hellos and its reply parser (issue #12): real layouts, then fuzzing. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { opensslReason, parseHead } from '../../../src/scanner/connections.ts'
import { buildClientHello, FALLBACK_SCSV, MAX_REPLY, parseReply, VERSIONS } from '../../../src/scanner/tls-wire.ts'
import { cannedReply } from '../../scanner/fixtures.ts'

const RANDOM = new Uint8Array(32).fill(9)

/** An independent reading of a ClientHello: version, suites, extension types, SNI. */
function readHello(bytes: Uint8Array) {
  const b = Buffer.from(bytes)
  const body = b.subarray(9)
  let pos = 2 + 32
  pos += 1 + body[pos]!
  const n = body.readUInt16BE(pos)
  const suites: number[] = []
  for (let i = 0; i < n; i += 2) suites.push(body.readUInt16BE(pos + 2 + i))
  pos += 2 + n
  pos += 1 + body[pos]!
  const extensions: number[] = []
  let sni: string | null = null
  if (pos < body.length) {
    const end = pos + 2 + body.readUInt16BE(pos)
    pos += 2
    while (pos < end) {
      const type = body.readUInt16BE(pos)
      const len = body.readUInt16BE(pos + 2)
      if (type === 0) sni = body.subarray(pos + 4 + 5, pos + 4 + len).toString('latin1')
      extensions.push(type)
      pos += 4 + len
    }
  }
  return {
    record: b[0],
    recordVersion: b.readUInt16BE(1),
    recordLength: b.readUInt16BE(3),
    type: b[5],
    hsLength: b.readUIntBE(6, 3),
    version: body.readUInt16BE(0),
    suites,
    extensions,
    sni,
  }
}

describe('buildClientHello', () => {
  it('writes one handshake record with consistent lengths', () => {
    const bytes = buildClientHello({
      version: VERSIONS.tls1_2,
      suites: [0x002f, 0xc02f],
      serverName: 'login.example.com',
      random: RANDOM,
    })
    const h = readHello(bytes)
    expect(h).toMatchObject({ record: 22, recordVersion: 0x0301, type: 1, version: 0x0303, sni: 'login.example.com' })
    expect(h.recordLength).toBe(bytes.length - 5)
    expect(h.hsLength).toBe(bytes.length - 9)
    expect(h.suites).toEqual([0x002f, 0xc02f, 0x00ff])
    expect(h.extensions).toEqual([0x0000, 0x000a, 0x000b, 0x000d, 0x0017])
  })
  it('adds TLS_FALLBACK_SCSV when asked', () => {
    const h = readHello(buildClientHello({ version: VERSIONS.tls1_1, suites: [0x002f], fallbackScsv: true }))
    expect(h.suites).toContain(FALLBACK_SCSV)
    expect(h.version).toBe(0x0302)
  })
  it('sends SSL 3.0 hellos in an SSL 3.0 record without extensions', () => {
    const h = readHello(buildClientHello({ version: VERSIONS.ssl3, suites: [0x000a], serverName: 'example.com' }))
    expect(h).toMatchObject({ recordVersion: 0x0300, version: 0x0300, extensions: [], sni: null })
  })
  it('sends no server_name for an IP literal (RFC 6066 section 3)', () => {
    expect(
      readHello(buildClientHello({ version: VERSIONS.tls1_2, suites: [1], serverName: '127.0.0.1' })).sni,
    ).toBeNull()
  })
  it('never throws and stays consistent for any input', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0xffff }),
        fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 1000 }),
        fc.string({ maxLength: 300 }),
        fc.boolean(),
        (version, suites, name, scsv) => {
          const bytes = buildClientHello({ version, suites, serverName: name, fallbackScsv: scsv })
          const h = readHello(bytes)
          expect(h.recordLength).toBe(bytes.length - 5)
          expect(bytes.length).toBeLessThan(2000)
        },
      ),
    )
  })
})

const hello = (version: number, suites: number[]) => ({ version, suites })

describe('parseReply', () => {
  it('reads a ServerHello: version and suite', () => {
    const bytes = cannedReply({ versions: [0x0301, 0x0303], suites: [0x002f] }, hello(0x0303, [0x002f]))
    expect(parseReply(bytes)).toEqual({
      kind: 'server-hello',
      hello: { version: 0x0303, suite: 0x002f, compression: 0, extensions: [] },
    })
  })
  it('reads an alert by name', () => {
    const bytes = cannedReply({ versions: [0x0303, 0x0302], suites: [0x002f] }, hello(0x0302, [0x002f, FALLBACK_SCSV]))
    expect(parseReply(bytes)).toEqual({ kind: 'alert', level: 2, description: 86, name: 'inappropriate_fallback' })
  })
  it('reads the version a TLS 1.3 ServerHello puts in supported_versions', () => {
    const body = Buffer.concat([
      Buffer.from([3, 3]),
      Buffer.alloc(32, 1),
      Buffer.from([0, 0x13, 0x01, 0, 0, 6, 0, 0x2b, 0, 2, 3, 4]),
    ])
    const bytes = Buffer.concat([Buffer.from([22, 3, 3, 0, body.length + 4, 2, 0, 0, body.length]), body])
    expect(parseReply(bytes)).toEqual({
      kind: 'server-hello',
      hello: { version: 0x0304, suite: 0x1301, compression: 0, extensions: [0x002b] },
    })
  })
  it('reads on to the ServerKeyExchange for the DH group size', () => {
    const bytes = cannedReply({ versions: [0x0303], suites: [0x0033], dhBits: 1024 }, hello(0x0303, [0x0033]))
    expect(parseReply(bytes, { keyExchange: true })).toMatchObject({ kind: 'server-hello', dhBits: 1024 })
    expect(parseReply(bytes)).toEqual({
      kind: 'server-hello',
      hello: { version: 0x0303, suite: 0x0033, compression: 0, extensions: [] },
    })
  })
  it('reads a HelloRetryRequest, its selected group, compression and the extensions offered', () => {
    const retry = Buffer.from('cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c', 'hex')
    const exts = [0, 0x2b, 0, 2, 3, 4, 0, 0x33, 0, 2, 0x11, 0xec, 0xff, 0x01, 0, 1, 0, 0, 0x0f, 0, 1, 1]
    const body = Buffer.concat([Buffer.from([3, 3]), retry, Buffer.from([0, 0x13, 0x01, 1, 0, exts.length, ...exts])])
    const bytes = Buffer.concat([Buffer.from([22, 3, 3, 0, body.length + 4, 2, 0, 0, body.length]), body])
    expect(parseReply(bytes)).toEqual({
      kind: 'server-hello',
      hello: {
        version: 0x0304,
        suite: 0x1301,
        compression: 1,
        extensions: [0x2b, 0x33, 0xff01, 0x0f],
        keyShareGroup: 0x11ec,
        retry: true,
      },
    })
  })
  it('offers TLS 1.3 with an empty key_share, DEFLATE and the heartbeat extension when asked', () => {
    const bytes = buildClientHello({
      version: VERSIONS.tls1_3,
      tls13: true,
      suites: [0x1301],
      groups: [0x11ec],
      compression: true,
      heartbeat: true,
      random: RANDOM,
    })
    const h = readHello(bytes)
    expect(h.version).toBe(0x0303)
    expect(h.extensions).toEqual(
      [0x0000, 0x000a, 0x000b, 0x000d, 0x0017, 0x000f, 0x002b, 0x0033, 0x002d].filter((t) => t !== 0),
    )
    const b = Buffer.from(bytes)
    expect(b.includes(Buffer.from([0, 0x2b, 0, 5, 4, 3, 4, 3, 3]))).toBe(true)
    expect(b.includes(Buffer.from([0, 0x33, 0, 2, 0, 0]))).toBe(true)
    expect(b.includes(Buffer.from([0, 0x0a, 0, 4, 0, 2, 0x11, 0xec]))).toBe(true)
    expect(b.includes(Buffer.from([2, 1, 0]))).toBe(true)
  })
  it('reads an ECDHE ServerKeyExchange as a named curve', () => {
    const sh = cannedReply({ versions: [0x0303], suites: [0xc02f] }, hello(0x0303, [0xc02f]))
    const ske = Buffer.from([12, 0, 0, 7, 3, 0, 0x1d, 1, 0xaa, 0, 0])
    const bytes = Buffer.concat([sh, Buffer.from([22, 3, 3, 0, ske.length]), ske])
    expect(parseReply(bytes, { keyExchange: true })).toMatchObject({ curve: 0x001d })
  })
  it('needs more bytes at every cut of a valid reply, and gives the same answer whole', () => {
    const bytes = cannedReply({ versions: [0x0303], suites: [0x0033], dhBits: 2048 }, hello(0x0303, [0x0033]))
    for (let cut = 0; cut < bytes.length; cut++) {
      const r = parseReply(bytes.subarray(0, cut), { keyExchange: true })
      expect(r.kind === 'incomplete' || r.kind === 'server-hello', `cut ${cut}`).toBe(true)
    }
    expect(parseReply(bytes, { keyExchange: true })).toMatchObject({ dhBits: 2048 })
  })
  it('reads a handshake split over records', () => {
    const whole = cannedReply({ versions: [0x0303], suites: [0x002f] }, hello(0x0303, [0x002f]))
    const hs = whole.subarray(5)
    const split = Buffer.concat([
      Buffer.from([22, 3, 3, 0, 10]),
      hs.subarray(0, 10),
      Buffer.from([22, 3, 3, 0, hs.length - 10]),
      hs.subarray(10),
    ])
    expect(parseReply(split)).toEqual(parseReply(whole))
  })
  it.each([
    ['garbage', Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n'), /not TLS/],
    ['a huge record', Buffer.from([22, 3, 3, 0xff, 0xff]), /longer than TLS allows/],
    ['an SSL 2 reply', Buffer.from([0x80, 0x2e, 0x04, 0, 1]), /SSL 2/],
    ['application data first', Buffer.from([23, 3, 3, 0, 1, 0]), /unexpected record/],
    ['a Certificate first', Buffer.from([22, 3, 3, 0, 4, 11, 0, 0, 0]), /instead of a ServerHello/],
  ])('calls %s invalid', (_name, bytes, reason) => {
    const r = parseReply(bytes)
    expect(r.kind).toBe('invalid')
    expect(r.kind === 'invalid' && r.reason).toMatch(reason)
  })
  it('never throws, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4000 }), fc.boolean(), (bytes, kx) => {
        const r = parseReply(bytes, { keyExchange: kx })
        expect(['incomplete', 'alert', 'server-hello', 'invalid']).toContain(r.kind)
      }),
      { numRuns: 2000 },
    )
  })
  it('never throws on records that look right but lie inside', () => {
    const record = fc
      .tuple(fc.constantFrom(21, 22), fc.uint8Array({ maxLength: 600 }))
      .map(([type, body]) => Buffer.concat([Buffer.from([type, 3, 3, body.length >> 8, body.length & 0xff]), body]))
    fc.assert(
      fc.property(fc.array(record, { maxLength: 8 }), (records) => {
        const r = parseReply(Buffer.concat(records), { keyExchange: true })
        expect(['incomplete', 'alert', 'server-hello', 'invalid']).toContain(r.kind)
      }),
      { numRuns: 2000 },
    )
  })
  it('is bounded: an endless stream of records ends in a verdict, not in reading more', () => {
    const one = Buffer.concat([
      Buffer.from([22, 3, 3, 0x40, 0x00]),
      Buffer.from([11, 0, 0x3f, 0xfc]),
      Buffer.alloc(0x3ffc),
    ])
    const sh = cannedReply({ versions: [0x0303], suites: [0x0033] }, hello(0x0303, [0x0033]))
    const stream = Buffer.concat([sh, ...Array.from({ length: 6 }, () => one)])
    expect(stream.length).toBeGreaterThan(MAX_REPLY)
    expect(parseReply(stream, { keyExchange: true }).kind).toBe('invalid')
  })
})

describe('parseHead', () => {
  it('reads the status and headers of a response head', () => {
    expect(
      parseHead(
        'HTTP/1.1 301 Moved\r\nLocation: https://a.example/\r\nStrict-Transport-Security: max-age=1\r\n\r\nbody',
      ),
    ).toEqual({
      status: 301,
      headers: [
        ['location', 'https://a.example/'],
        ['strict-transport-security', 'max-age=1'],
      ],
    })
  })
  it('says null for what is not HTTP', () => expect(parseHead('\x16\x03\x01garbage')).toBeNull())
  it('never throws', () => fc.assert(fc.property(fc.string({ maxLength: 3000 }), (s) => void parseHead(s))))
})

describe('opensslReason', () => {
  it('keeps the reason of an OpenSSL error line', () => {
    expect(
      opensslReason(
        '80EC8B3D957F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\n',
      ),
    ).toBe('wrong version number')
  })
  it('names the alert a server sent', () => {
    expect(
      opensslReason(
        'C0:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1584:SSL alert number 40',
      ),
    ).toBe('the server answered handshake_failure')
  })
})
