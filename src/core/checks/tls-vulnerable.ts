import { scanFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/** The attacks the scanner tests for, by the fact that says the server is open to each, in the order named. */
const ATTACKS = [
  ['heartbleed', 'heartbleed'],
  ['ccs-injection', 'ccsInjection'],
  ['robot', 'robot'],
] as const

/**
 * tls-vulnerable: the local scanner found the server open to an attack that exposes what users send, whatever
 * the suites: Heartbleed (CVE-2014-0160, the server's memory, passwords included), the OpenSSL CCS injection
 * (CVE-2014-0224, a man in the middle reads and changes the traffic) or ROBOT (an RSA decryption oracle, recorded
 * traffic decrypted). Only a definite `true` counts: a probe that could not tell says nothing.
 */
export const tlsVulnerable: Check = {
  name: 'tls-vulnerable',
  ids: ['tls-vulnerable'],
  groups: ['tls'],
  run: (facts) => {
    const scan = scanFacts(facts)
    if (!scan) return []
    const attacks = ATTACKS.filter(([, fact]) => scan[fact] === true).map(([name]) => name)
    if (attacks.length === 0) return []
    return [
      { id: 'tls-vulnerable', source: 'scanner', observedAt: scan.observedAt, detail: { attacks: attacks.join(' ') } },
    ]
  },
}
