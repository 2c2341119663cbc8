/**
 * Issue #20's vulnerability probes against canned servers that behave as vulnerable and fixed OpenSSL builds did
 * (OpenSSL 3 can serve none of these): Heartbleed, the early CCS, ROBOT's padding oracle. Each pair differs in one
 * behaviour, and the probe must tell them apart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { scanHost, type ScanFacts } from '../../src/scanner/index.ts'
import { makePki, NAME, removePki, statefulServer, type Pki, type Running, type StatefulConfig } from './fixtures.ts'

let pki: Pki
const servers: Running[] = []

beforeAll(() => {
  pki = makePki()
})
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()))
  removePki(pki)
})

const BASE: StatefulConfig = {
  versions: [0x0301, 0x0302, 0x0303],
  suites: [0xc02f, 0x002f, 0x009c],
  secureRenegotiation: true,
}

async function scanOf(config: Partial<StatefulConfig>): Promise<ScanFacts> {
  const server = await statefulServer({ ...BASE, leaf: { certPem: pki.good.cert, keyPem: pki.good.key }, ...config })
  servers.push(server)
  return scanHost({ host: NAME, port: server.port, address: '127.0.0.1' }, { ca: [pki.rootPem], httpPort: 1 })
}

describe('Heartbleed, without reading server memory', () => {
  it('finds a server that echoes a heartbeat by its claimed length', async () => {
    const facts = await scanOf({ heartbeat: true, heartbleed: true })
    expect(facts).toMatchObject({ heartbeat: true, heartbleed: true })
  })
  it('clears a server that offers heartbeats but drops an overlong request', async () => {
    const facts = await scanOf({ heartbeat: true })
    expect(facts).toMatchObject({ heartbeat: true, heartbleed: false })
    expect(facts.unknown.filter((u) => u.check === 'heartbleed')).toEqual([])
  })
})

describe('CCS injection (CVE-2014-0224)', () => {
  it('finds a server that takes an early ChangeCipherSpec', async () => {
    expect((await scanOf({ earlyCcs: true })).ccsInjection).toBe(true)
  })
  it('clears a server that refuses it with unexpected_message', async () => {
    expect((await scanOf({})).ccsInjection).toBe(false)
  })
})

describe('ROBOT', () => {
  it('finds a server whose answer tells good padding from bad', async () => {
    const facts = await scanOf({ robotOracle: true })
    expect(facts.staticRsa).toBe(true)
    expect(facts.robot).toBe(true)
  })
  it('clears a server that answers every variant alike', async () => {
    const facts = await scanOf({})
    expect(facts.robot).toBe(false)
    expect(facts.connections).toBeLessThanOrEqual(40)
  })
  it('is not asked when static RSA is refused', async () => {
    const facts = await scanOf({ suites: [0xc02f], robotOracle: true })
    expect(facts).toMatchObject({ staticRsa: false, robot: false })
  })
})
