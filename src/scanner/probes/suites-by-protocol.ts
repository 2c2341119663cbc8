/**
 * Suite families per protocol version (issue #20), as testssl.sh's per-protocol cipher runs: under each version
 * the server speaks below TLS 1.3, a raw hello pinned to it offering every weak suite at once (export, RC4, 3DES,
 * NULL, anonymous). The server picks one; its family is accepted, and the next hello offers the families still
 * unknown, until the server refuses them all. A clean version costs one hello, a server accepting k families k + 1.
 * Under TLS 1.2 one more hello offers AEAD suites only (unless the normal handshake already negotiated one).
 * A server that accepts RC4 under SSL 3 only is seen there (issue #21); the flat `weakSuites` is the union.
 */
import type { ProtocolSuites, ScanFacts, ScanUnknown, Tri } from '../../core/types.ts'
import { askHello } from '../ask.ts'
import { defineProbe, type ProbeContext, type ProbeResult } from '../probe.ts'
import { ANON_SUITES, EXPORT_SUITES, NULL_SUITES, RC4_SUITES, TRIPLE_DES_SUITES, type Suite } from '../suites.ts'
import { VERSIONS } from '../tls-wire.ts'

type Family = keyof ScanFacts['weakSuites']
type VersionKey = 'ssl3' | 'tls1' | 'tls1_1' | 'tls1_2'

const FAMILIES: readonly Family[] = ['export', 'rc4', 'tripleDes', 'null', 'anon']

/** The families a suite belongs to, by its IANA name (an export RC4 suite is both). */
export function familiesOf(name: string): Family[] {
  const found: Family[] = []
  if (/EXPORT/.test(name)) found.push('export')
  if (/RC4/.test(name)) found.push('rc4')
  if (/3DES/.test(name)) found.push('tripleDes')
  if (/_NULL_|WITH_NULL/.test(name)) found.push('null')
  if (/_anon_/.test(name)) found.push('anon')
  return found
}

const WEAK: readonly Suite[] = [
  ...new Map(
    [...EXPORT_SUITES, ...RC4_SUITES, ...TRIPLE_DES_SUITES, ...NULL_SUITES, ...ANON_SUITES].map((s) => [s.code, s]),
  ).values(),
]

/** AEAD suites of TLS 1.2: AES-GCM, ChaCha20-Poly1305 and AES-CCM, with every key exchange. */
const AEAD_SUITES: readonly Suite[] = [
  [0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'],
  [0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384'],
  [0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256'],
  [0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384'],
  [0xccaa, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256'],
  [0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256'],
  [0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384'],
  [0xc0ac, 'TLS_ECDHE_ECDSA_WITH_AES_128_CCM'],
  [0xc09c, 'TLS_RSA_WITH_AES_128_CCM'],
].map(([code, name]) => ({ code: code as number, name: name as string, kx: 'unknown' as const }))

export const isAead = (suiteName: string): boolean =>
  /_GCM_|CHACHA20_POLY1305|_CCM/.test(suiteName) || /^TLS_(AES|CHACHA20)_/.test(suiteName)

const VERSION_KEYS: { key: VersionKey; wire: number }[] = [
  { key: 'ssl3', wire: VERSIONS.ssl3 },
  { key: 'tls1', wire: VERSIONS.tls1 },
  { key: 'tls1_1', wire: VERSIONS.tls1_1 },
  { key: 'tls1_2', wire: VERSIONS.tls1_2 },
]

/** At most this many hellos per version: every family accepted, and the refusal that ends the list. */
const MAX_HELLOS = FAMILIES.length + 1
/**
 * At most this many weak-suite hellos in all, so that a server accepting everything under four versions (24
 * hellos) leaves the rest of the 40-connection budget to the other probes; what is not asked stays unknown.
 */
const MAX_TOTAL = 12

export interface SuitesByProtocolResult extends ProbeResult {
  byProtocol: NonNullable<ScanFacts['suitesByProtocol']>
  weakSuites: ScanFacts['weakSuites']
  accepted: string[]
  aead: Tri
  dhBits: number | null
}

const allNull = (): ProtocolSuites => ({
  rc4: null,
  tripleDes: null,
  cbcOnly: null,
  null: null,
  anon: null,
  export: null,
  aead: null,
})

async function underVersion(
  ctx: ProbeContext,
  v: (typeof VERSION_KEYS)[number],
  unknown: ScanUnknown[],
  accepted: string[],
  dh: number[],
  budget: { left: number },
): Promise<ProtocolSuites> {
  const families: Record<Family, Tri> = { export: false, rc4: false, tripleDes: false, null: false, anon: false }
  let remaining = WEAK
  for (let i = 0; i < MAX_HELLOS && remaining.length > 0; i++) {
    if (budget.left-- <= 0) {
      for (const f of FAMILIES) if (families[f] !== true) families[f] = null
      unknown.push({ check: `suites-${v.key}`, reason: `not asked: the probe's ${MAX_TOTAL} hellos are spent` })
      break
    }
    const verdict = await askHello(ctx, { version: v.wire, suites: remaining, keyExchange: true })
    if (verdict.accepted === false) break
    const wrongVersion = verdict.accepted === true && verdict.hello?.version !== v.wire
    if (verdict.accepted === null || wrongVersion || !verdict.suite) {
      const reason = wrongVersion
        ? `the server answered a hello pinned to this version with version 0x${verdict.hello!.version.toString(16)}`
        : (verdict.reason ?? 'no verdict')
      for (const f of FAMILIES) if (families[f] !== true) families[f] = null
      unknown.push({ check: `suites-${v.key}`, reason })
      break
    }
    accepted.push(verdict.suite.name)
    if (verdict.dhBits !== undefined) dh.push(verdict.dhBits)
    const found = familiesOf(verdict.suite.name)
    if (found.length === 0) {
      unknown.push({
        check: `suites-${v.key}`,
        reason: `the server chose ${verdict.suite.name}, which it was not offered`,
      })
      break
    }
    for (const f of found) families[f] = true
    remaining = remaining.filter((s) => !familiesOf(s.name).some((f) => families[f] === true))
  }
  let aead: Tri = false
  if (v.key === 'tls1_2') {
    const n = ctx.facts.negotiated
    if (n?.protocol === 'TLSv1.2' && isAead(n.cipherSuite)) aead = true
    else {
      const verdict = await askHello(ctx, { version: v.wire, suites: AEAD_SUITES })
      aead = verdict.accepted === true && verdict.hello?.version !== v.wire ? null : verdict.accepted
      if (aead === null)
        unknown.push({ check: 'aead', reason: verdict.reason ?? 'the server answered with another version' })
    }
  }
  // Whatever else the version accepts is a CBC suite when it is neither AEAD nor a stream cipher (RC4).
  const cbcOnly: Tri =
    aead === true || families.rc4 === true ? false : aead === false && families.rc4 === false ? true : null
  return { ...families, aead, cbcOnly }
}

export const suitesByProtocolProbe = defineProbe<SuitesByProtocolResult>({
  name: 'suites-by-protocol',
  yields: ['suitesByProtocol', 'weakSuites', 'acceptedWeakSuites', 'aead', 'dhBits'],
  phase: 2,
  async run(ctx) {
    const unknown: ScanUnknown[] = []
    const accepted: string[] = []
    const dh: number[] = []
    const byProtocol: SuitesByProtocolResult['byProtocol'] = {}
    const budget = { left: MAX_TOTAL }
    // Versions the server does not speak accept nothing and are left out; unknown ones are all unknown.
    await Promise.all(
      VERSION_KEYS.map(async (v) => {
        const offered = ctx.facts.protocols[v.key]
        if (offered === false) return
        byProtocol[v.key] = offered === null ? allNull() : await underVersion(ctx, v, unknown, accepted, dh, budget)
      }),
    )
    const entries = Object.values(byProtocol)
    const weakSuites = {} as Record<Family, Tri>
    for (const f of FAMILIES) {
      weakSuites[f] = entries.some((e) => e[f] === true) ? true : entries.every((e) => e[f] === false) ? false : null
    }
    const tls13 = ctx.facts.protocols.tls1_3
    const aead: Tri =
      tls13 === true || entries.some((e) => e.aead === true)
        ? true
        : tls13 === false && entries.every((e) => e.aead === false)
          ? false
          : null
    return {
      byProtocol,
      weakSuites,
      accepted: [...new Set(accepted)],
      aead,
      dhBits: dh.length > 0 ? Math.min(...dh) : null,
      unknown,
    }
  },
  apply(result, facts) {
    facts.suitesByProtocol = result.byProtocol
    facts.weakSuites = result.weakSuites
    facts.acceptedWeakSuites = [...new Set([...facts.acceptedWeakSuites, ...result.accepted])].slice(0, 20)
    facts.aead = result.aead
    if (result.dhBits !== null)
      facts.dhBits = facts.dhBits === null ? result.dhBits : Math.min(facts.dhBits, result.dhBits)
  },
})
