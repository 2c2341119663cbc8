/**
 * The server's rating as SSL Labs would give it (issue #20), from what the local scanner learned: the guide's numeric
 * score, then every rule of rules.ts that applies. Pure: the scan's own date stands for "now".
 * A fact the scanner did not probe (an absent field) or could not learn (null) never raises or lowers the rating on
 * its own: the rule it feeds is listed in `notTested`, and an unknown score keeps A+ away.
 */
import { parseHsts } from '../hsts.ts'
import type { CertificateSummary, Grade, ProtocolSuites, ScanFacts, Tri } from '../types.ts'
import { distrustFor, lifetimeDays, lifetimeLimitFor } from './certificates.ts'
import {
  GUIDE_VERSION,
  NEVER_TESTED,
  RATING_RULES,
  type RatingGrade,
  type RatingRuleId,
  type RuleKind,
} from './rules.ts'
import {
  ANONYMOUS_SCORE,
  cipherBitsOf,
  cipherScore,
  EXPORT_SCORE,
  gradeOfScore,
  isAead,
  keyExchangeScore,
  PROTOCOL_SCORES,
  rsaEquivalentOfEc,
  totalOf,
  type ProtocolName,
} from './scores.ts'

export interface AppliedRule {
  rule: RatingRuleId
  kind: RuleKind
  /** The grade the rule caps at (A- for a warning, A for a rule that keeps A+ away). */
  grade: RatingGrade
  /** What exactly, in a few machine words ("1024 bits", "TLS 1.0, TLS 1.1"); the words around it are in _locales. */
  detail?: string
}

export interface NotTested {
  /** A rule id, or a check the scanner names as not tested ("zombie-poodle"). */
  check: string
  /** not-probed: the scanner has no such probe, or this scan predates it; unknown: the probe could not tell. */
  reason: 'not-probed' | 'unknown' | 'not-implemented'
  /** The scanner's own reason for an unknown, when it gave one. */
  detail?: string
}

export interface ServerRating {
  grade: RatingGrade
  /** The letter without the trust problems: what SSL Labs shows under a T or an M. */
  gradeIfTrusted: Grade
  /** Category scores in percent and the weighted total; null when a category could not be scored. */
  score: { protocol: number | null; keyExchange: number | null; cipher: number | null; total: number | null }
  /** Every cap, warning and A+ condition that applied, worst first. */
  caps: AppliedRule[]
  notes: AppliedRule[]
  notTested: NotTested[]
  guide: typeof GUIDE_VERSION
}

const LETTERS: readonly RatingGrade[] = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F']
const rank = (g: RatingGrade) => (g === 'T' || g === 'M' ? LETTERS.length : LETTERS.indexOf(g))

const PROTOCOL_LABELS: Record<ProtocolName, string> = {
  ssl2: 'SSL 2',
  ssl3: 'SSL 3',
  tls1: 'TLS 1.0',
  tls1_1: 'TLS 1.1',
  tls1_2: 'TLS 1.2',
  tls1_3: 'TLS 1.3',
}
/** From worst to best: the guide scores the best and the worst offered. */
const PROTOCOL_ORDER: readonly ProtocolName[] = ['ssl2', 'ssl3', 'tls1', 'tls1_1', 'tls1_2', 'tls1_3']
const HSTS_A_PLUS_SECONDS = 180 * 86_400

/** Collects what applied and what could not be told, as the rules are run. */
class Verdicts {
  caps: AppliedRule[] = []
  notes: AppliedRule[] = []
  notTested: NotTested[] = []
  constructor(private readonly scan: ScanFacts) {}

  apply(rule: RatingRuleId, detail?: string): void {
    const row = RATING_RULES[rule]
    const applied: AppliedRule = { rule, kind: row.kind, grade: row.cap, ...(detail !== undefined ? { detail } : {}) }
    if (row.kind === 'note') this.notes.push(applied)
    else this.caps.push(applied)
  }

  /** The rule needs a fact that is absent (not probed) or null (unknown, with the scanner's reason). */
  untested(check: string, value: unknown, probe = check): void {
    if (value === undefined) this.notTested.push({ check, reason: 'not-probed' })
    else {
      const why = this.scan.unknown.find((u) => u.check === probe)?.reason
      this.notTested.push({ check, reason: 'unknown', ...(why ? { detail: why.slice(0, 160) } : {}) })
    }
  }

  /** A true/false/unknown/absent verdict: applies the rule on true, lists it as not tested when unknown or absent. */
  tri(rule: RatingRuleId, value: Tri | undefined, probe: string = rule, detail?: string): void {
    if (value === true) this.apply(rule, detail)
    else if (value !== false) this.untested(rule, value, probe)
  }
}

function offeredProtocols(scan: ScanFacts): { offered: ProtocolName[]; known: boolean } {
  const all: Record<ProtocolName, Tri | undefined> = { ssl2: scan.ssl2, ...scan.protocols }
  const offered = PROTOCOL_ORDER.filter((p) => all[p] === true)
  return { offered, known: offered.length > 0 }
}

const suitesUnder = (scan: ScanFacts, p: 'ssl3' | 'tls1' | 'tls1_1' | 'tls1_2'): ProtocolSuites | undefined =>
  scan.suitesByProtocol?.[p]
const list = (names: ProtocolName[]) => names.map((p) => PROTOCOL_LABELS[p]).join(', ')

function rateCertificate(scan: ScanFacts, v: Verdicts): void {
  const trust = scan.trust
  const cert = scan.certificate
  if (trust === null) {
    v.untested('cert-untrusted', null, 'trust')
    v.untested('name-mismatch', null, 'trust')
  } else {
    if (!trust.nameMatches) v.apply('name-mismatch')
    const nameOnly = !trust.nameMatches && (trust.error ?? '').startsWith('the certificate does not name')
    const dated = trust.error === 'certificate expired' || trust.error === 'certificate not yet valid'
    if (trust.incompleteChain === true) v.apply('cert-incomplete-chain')
    else if (!trust.trusted && !nameOnly && !dated) {
      v.apply('cert-untrusted', trust.error ?? undefined)
      // An untrusted chain that may only lack an intermediate: say the difference was not told.
      if (trust.incompleteChain === undefined && /issuer/.test(trust.error ?? ''))
        v.untested('cert-incomplete-chain', undefined)
    }
  }
  const leaf = cert?.chain[0]
  if (!cert || !leaf) {
    for (const rule of ['cert-expired', 'cert-sha1', 'key-weak'] as const) v.untested(rule, null, 'certificate')
    return
  }
  const now = Date.parse(scan.observedAt)
  if (Date.parse(leaf.notAfter) < now) v.apply('cert-expired', leaf.notAfter.slice(0, 10))
  if (Date.parse(leaf.notBefore) > now) v.apply('cert-not-yet-valid', leaf.notBefore.slice(0, 10))
  // Signatures: the root's own signature is not checked by anyone, so it does not count.
  const signed = cert.chain.filter((c, i, all) => !(c.selfSigned && i === all.length - 1 && i > 0))
  const hashes = new Set(signed.map((c) => c.signatureHash))
  if (hashes.has('md5') || hashes.has('md2')) v.apply('cert-md5', hashes.has('md5') ? 'MD5' : 'MD2')
  else if (hashes.has('sha1')) v.apply('cert-sha1')
  rateKey(leaf, v)
  // Lifetime and distrust bind publicly trusted certificates only: roots the user added are exempt in browsers.
  const store = trust?.store
  const publicRoot = store === 'node' || store === 'system'
  if (store === undefined || (store === null && trust?.trusted)) {
    v.untested('cert-lifetime', undefined)
    v.untested('cert-distrusted', undefined)
  } else if (publicRoot) {
    const limit = lifetimeLimitFor(leaf.notBefore)
    const days = lifetimeDays(leaf.notBefore, leaf.notAfter)
    if (limit && days !== null && days > limit.maxDays)
      v.apply('cert-lifetime', `${Math.floor(days)} > ${limit.maxDays} days`)
    const issuers = cert.chain.flatMap((c, i) => (i === 0 ? [c.issuer] : [c.issuer, c.subject]))
    const distrust = distrustFor(issuers, leaf.notBefore)
    if (distrust) v.apply('cert-distrusted', `${distrust.operator}, ${leaf.notBefore.slice(0, 10)}`)
  }
}

/** The leaf key in RSA-equivalent bits, or null when its type says nothing Vigie can weigh. */
function keyStrength(leaf: CertificateSummary): number | null {
  if (leaf.keyType === 'RSA' || leaf.keyType === 'DSA') return leaf.keyBits
  if (leaf.keyType === 'EC') return rsaEquivalentOfEc(leaf.keyBits)
  if (leaf.keyType === 'Ed25519') return 3072
  if (leaf.keyType === 'Ed448') return 7680
  return null
}

function rateKey(leaf: CertificateSummary, v: Verdicts): void {
  const bits = keyStrength(leaf)
  if (bits === null) return v.untested('key-weak', null, 'certificate')
  const what = `${leaf.keyType} ${leaf.keyBits} bits`
  if (bits < 1024) v.apply('key-insecure', what)
  else if (bits < 2048) v.apply('key-weak', what)
}

/** The DHE group: the guide counts DH parameters as key strength, so the key thresholds apply to them too. */
function rateDh(scan: ScanFacts, v: Verdicts): void {
  if (scan.dhe === false) return
  if (scan.dhe === null || scan.dhBits === null) return v.untested('dh-weak', null, 'dh-group')
  if (scan.dhBits < 1024) v.apply('dh-insecure', `${scan.dhBits} bits`)
  else if (scan.dhBits < 2048) v.apply('dh-weak', `${scan.dhBits} bits`)
}

function rateProtocols(scan: ScanFacts, offered: ProtocolName[], v: Verdicts): void {
  const p = scan.protocols
  v.tri('ssl2', scan.ssl2)
  const best = offered[offered.length - 1]
  if (best === 'ssl3' || best === 'ssl2') v.apply('ssl3-only')
  else if (p.ssl3 === true) {
    const under = suitesUnder(scan, 'ssl3')
    // POODLE needs a CBC suite under SSL 3; the families say so when 3DES or only CBC is accepted there.
    if (under && (under.tripleDes === true || under.cbcOnly === true)) v.apply('ssl3-poodle')
    else {
      v.apply('ssl3')
      v.untested('ssl3-poodle', under === undefined ? undefined : null, 'suites-ssl3')
    }
  } else if (p.ssl3 === null) v.untested('ssl3', null)
  const old = (['tls1', 'tls1_1'] as const).filter((k) => p[k] === true)
  if (old.length > 0) v.apply('tls10-11', list(old))
  if (p.tls1_2 === false && p.tls1_3 === false) v.apply('no-tls12')
  else if (p.tls1_2 !== true && p.tls1_3 !== true) v.untested('no-tls12', null, p.tls1_2 === null ? 'tls1_2' : 'tls1_3')
  if (p.tls1_3 === false) v.apply('no-tls13')
  else if (p.tls1_3 === null) v.untested('no-tls13', null, 'tls1_3')
}

/** Whether a family is accepted under TLS 1.1 or newer: per protocol when probed, else inferred when nothing older is offered. */
function underModernProtocols(scan: ScanFacts, family: 'rc4' | 'tripleDes', offered: ProtocolName[]): Tri | undefined {
  const modern = [suitesUnder(scan, 'tls1_1')?.[family], suitesUnder(scan, 'tls1_2')?.[family]]
  if (modern.includes(true)) return true
  const negotiated = scan.negotiated
  if (negotiated && negotiated.protocol !== 'TLSv1' && /^TLSv1\.[123]$/.test(negotiated.protocol)) {
    if (family === 'rc4' ? /RC4/.test(negotiated.cipherSuite) : /3DES|DES_CBC/.test(negotiated.cipherSuite)) return true
  }
  // The weak-suite probe's hello is TLS 1.2: with nothing older offered, what it found was accepted under 1.1 or 1.2.
  if (scan.weakSuites[family] === true && !offered.some((p) => p === 'ssl2' || p === 'ssl3' || p === 'tls1'))
    return true
  if (scan.suitesByProtocol && modern.every((x) => x === false)) return false
  return scan.suitesByProtocol === undefined ? undefined : null
}

function rateCiphers(scan: ScanFacts, offered: ProtocolName[], v: Verdicts): void {
  const w = scan.weakSuites
  const byProtocol = Object.values(scan.suitesByProtocol ?? {})
  const any = (family: keyof ProtocolSuites, own: Tri) =>
    own === true || byProtocol.some((s) => s[family] === true) ? true : own
  v.tri('export', any('export', w.export))
  v.tri('anonymous', any('anon', w.anon), 'anon')
  v.tri('null-cipher', any('null', w.null), 'null')
  const rc4 = any('rc4', w.rc4)
  if (rc4 === true) {
    const modern = underModernProtocols(scan, 'rc4', offered)
    if (modern === true) v.apply('rc4-modern')
    else {
      v.apply('rc4')
      if (modern !== false) v.untested('rc4-modern', modern, 'suites-by-protocol')
    }
    // Whether anything but RC4 is accepted is not a fact the scanner gives: RC4-only (F) cannot be told.
    if (scan.negotiated && /RC4/.test(scan.negotiated.cipherSuite)) v.untested('rc4-only', undefined)
  } else if (rc4 === null) v.untested('rc4', null, 'rc4')
  const tripleDes = any('tripleDes', w.tripleDes)
  if (tripleDes === true) {
    const modern = underModernProtocols(scan, 'tripleDes', offered)
    if (modern === true) v.apply('3des-modern')
    else if (modern !== false) v.untested('3des-modern', modern, 'suites-by-protocol')
  } else if (tripleDes === null) v.untested('3des-modern', null, 'tripleDes')
  // Forward secrecy "with reference browsers": what a modern client gets, and what the server prefers when offered both.
  const n = scan.negotiated
  if (n?.keyExchange === 'RSA' || scan.forwardSecrecyPreferred === false)
    v.apply('no-forward-secrecy', n?.keyExchange === 'RSA' ? 'negotiated' : 'preferred')
  else if (
    scan.forwardSecrecyPreferred === null &&
    !(n && (n.keyExchange === 'ECDHE' || n.keyExchange === 'DHE') && scan.staticRsa === false)
  )
    v.untested('no-forward-secrecy', null, 'forward-secrecy')
  // AEAD: none accepted, or a modern client offering AEAD suites does not get one.
  if (scan.aead === false || (n && n.cipherSuite !== '' && !isAead(n.cipherSuite)))
    v.apply('no-aead', n?.cipherSuite || undefined)
  else if (scan.aead !== true && !(n && isAead(n.cipherSuite))) v.untested('no-aead', scan.aead, 'aead')
}

function rateVulnerabilities(scan: ScanFacts, v: Verdicts): void {
  v.tri('heartbleed', scan.heartbleed)
  v.tri('ccs-injection', scan.ccsInjection, 'ccs-injection')
  // ROBOT needs an RSA key exchange: a server that refuses static RSA is not exposed.
  if (scan.staticRsa !== false || scan.robot !== undefined) v.tri('robot', scan.robot)
  v.tri('compression', scan.compression)
  if (scan.secureRenegotiation === false) v.apply('no-secure-renegotiation')
  else if (scan.secureRenegotiation !== true)
    v.untested('no-secure-renegotiation', scan.secureRenegotiation, 'renegotiation')
}

function rateHsts(scan: ScanFacts, v: Verdicts): void {
  if (scan.hsts === null) {
    v.untested('hsts-missing', null, 'hsts')
    // A+ needs HSTS seen: a header the scanner could not read keeps it away, and says so.
    v.apply('hsts-short', 'header not read')
    return
  }
  const header = scan.hsts.header
  if (header === null) return v.apply('hsts-missing', 'none')
  const policy = parseHsts(header.slice(0, 4096))
  if (policy === null) return v.apply('hsts-missing', 'invalid')
  if (policy.maxAge === 0) return v.apply('hsts-missing', 'max-age=0')
  if (policy.maxAge < HSTS_A_PLUS_SECONDS) v.apply('hsts-short', `max-age=${policy.maxAge}`)
}

function rateNotes(scan: ScanFacts, v: Verdicts): void {
  if (scan.groups === undefined || scan.groups === null) v.untested('post-quantum', scan.groups, 'groups')
  else {
    const pq = scan.groups.filter((g) => /MLKEM|KYBER/i.test(g))
    v.apply('post-quantum', pq.length > 0 ? pq.slice(0, 4).join(', ') : 'none')
  }
  v.apply('fallback-scsv', scan.fallbackScsv === null ? 'unknown' : scan.fallbackScsv ? 'honoured' : 'ignored')
  v.apply('cipher-list')
  for (const check of scan.notTested ?? []) v.notTested.push({ check: check.slice(0, 40), reason: 'not-implemented' })
  for (const check of NEVER_TESTED)
    if (!v.notTested.some((n) => n.check === check)) v.notTested.push({ check, reason: 'not-implemented' })
}

interface Scores {
  protocol: number | null
  keyExchange: number | null
  cipher: number | null
}

function scoresOf(scan: ScanFacts, offered: ProtocolName[]): Scores {
  const protocolScores = offered.map((p) => PROTOCOL_SCORES[p])
  const protocol = protocolScores.length > 0 ? (Math.max(...protocolScores) + Math.min(...protocolScores)) / 2 : null
  // Key exchange: the weakest of the certificate's key and the ephemeral parameters a client can be given.
  const leaf = scan.certificate?.chain[0]
  const keyBits = leaf ? keyStrength(leaf) : null
  let keyExchange: number | null = keyBits === null ? null : keyExchangeScore(keyBits)
  if (keyExchange !== null) {
    if (scan.dhe === true && scan.dhBits !== null) keyExchange = Math.min(keyExchange, keyExchangeScore(scan.dhBits))
    const group = scan.negotiated?.keyExchange === 'ECDHE' ? ecBitsOf(scan.negotiated.group) : null
    if (group !== null) keyExchange = Math.min(keyExchange, keyExchangeScore(rsaEquivalentOfEc(group)))
    if (scan.weakSuites.export === true) keyExchange = Math.min(keyExchange, EXPORT_SCORE)
    if (scan.weakSuites.anon === true) keyExchange = ANONYMOUS_SCORE
  }
  // Cipher strength: the strongest and the weakest suite known to be accepted.
  const bits: number[] = []
  const negotiated = scan.negotiated ? cipherBitsOf(scan.negotiated.cipherSuite) : null
  if (negotiated !== null) bits.push(negotiated)
  if (scan.protocols.tls1_3 === true) bits.push(128)
  if (scan.strongCipher === true) bits.push(256)
  if (scan.weakSuites.null === true) bits.push(0)
  if (scan.weakSuites.export === true) bits.push(40)
  if (scan.weakSuites.rc4 === true) bits.push(128)
  if (scan.weakSuites.tripleDes === true) bits.push(168)
  const cipher = bits.length === 0 ? null : (cipherScore(Math.max(...bits)) + cipherScore(Math.min(...bits))) / 2
  return { protocol, keyExchange, cipher }
}

/** Bits of an elliptic-curve group by its usual names; null for finite-field or unknown groups. */
function ecBitsOf(group: string): number | null {
  const g = group.toLowerCase()
  if (/x25519|25519|mlkem/.test(g)) return 256
  if (/x448|448/.test(g)) return 448
  const m = /(?:secp|prime|p-?|brainpoolp)(\d{3})/.exec(g)
  return m ? Number(m[1]) : null
}

/** The rating, or null when the scan learned too little to rate (it failed, or no protocol was found offered). */
export function rateServer(scan: ScanFacts): ServerRating | null {
  if (scan.error) return null
  const { offered, known } = offeredProtocols(scan)
  if (!known) return null
  const v = new Verdicts(scan)
  rateCertificate(scan, v)
  rateProtocols(scan, offered, v)
  rateDh(scan, v)
  rateCiphers(scan, offered, v)
  rateVulnerabilities(scan, v)
  rateHsts(scan, v)
  rateNotes(scan, v)

  const s = scoresOf(scan, offered)
  const total =
    s.protocol === null || s.keyExchange === null || s.cipher === null
      ? null
      : totalOf(s.protocol, s.keyExchange, s.cipher)
  if (total === null) v.notTested.push({ check: 'score', reason: 'unknown' })
  // The letter: the score's, lowered by every cap; warnings turn an A into A-; A+ needs none of them and a known score.
  let letter: RatingGrade = total === null ? 'A' : gradeOfScore(total)
  for (const cap of v.caps)
    if (cap.kind === 'cap' && cap.grade !== 'T' && cap.grade !== 'M' && rank(cap.grade) > rank(letter))
      letter = cap.grade
  if (letter === 'A') {
    if (v.caps.some((c) => c.kind === 'warning')) letter = 'A-'
    else if (total !== null && !v.caps.some((c) => c.kind === 'no-a-plus')) letter = 'A+'
  }
  const trustCap = v.caps.find((c) => c.grade === 'M') ?? v.caps.find((c) => c.grade === 'T')
  const caps = [...v.caps].sort((a, b) => rank(b.grade) - rank(a.grade))
  return {
    grade: trustCap ? trustCap.grade : letter,
    gradeIfTrusted: letter as Grade,
    score: { ...s, total },
    caps,
    notes: v.notes,
    notTested: v.notTested,
    guide: GUIDE_VERSION,
  }
}
