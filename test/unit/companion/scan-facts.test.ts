/** The companion's reply schema keeps issue #20's facts and bounds them (a companion's output is input). */
import { describe, expect, it } from 'vitest'
import { parseScanFacts } from '../../../src/companion/scan-facts.ts'
import { emptyScanFacts } from '../../../src/scanner/index.ts'

const weakFacts = () => emptyScanFacts('console.example.com', 443, new Date('2026-11-23T10:00:00Z'))

const probes = {
  ssl2: false,
  suitesByProtocol: {
    tls1_2: { rc4: false, tripleDes: true, cbcOnly: false, null: false, anon: null, export: false, aead: true },
  },
  aead: true,
  secureRenegotiation: true,
  compression: false,
  heartbeat: false,
  heartbleed: false,
  ccsInjection: null,
  robot: false,
  groups: ['x25519', 'X25519MLKEM768'],
  notTested: ['zombie-poodle'],
}

describe('ScanFactsSchema', () => {
  it('keeps the probes of issue #20 and the trust store', () => {
    const facts = {
      ...weakFacts(),
      ...probes,
      trust: { trusted: true, nameMatches: true, error: null, store: 'system', incompleteChain: false },
    }
    expect(parseScanFacts(facts)).toEqual(facts)
  })
  it('still accepts a reply from before them', () => expect(parseScanFacts(weakFacts())).toEqual(weakFacts()))
  it('refuses an unbounded group list or an unknown store', () => {
    expect(parseScanFacts({ ...weakFacts(), groups: Array.from({ length: 100 }, () => 'x25519') })).toBeNull()
    expect(
      parseScanFacts({ ...weakFacts(), trust: { trusted: true, nameMatches: true, error: null, store: 'nss' } }),
    ).toBeNull()
  })
})
