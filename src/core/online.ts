/**
 * Cached online results turned into the core's facts. Responses are validated against a schema before they get
 * here (the background does that); these functions still read every field defensively and never throw.
 * Field meanings: SSL Labs API v4 (same host and endpoint objects as v3's documentation), MDN HTTP Observatory
 * API v2, hstspreload.org API v2. See PLATFORM.md.
 */
import { normaliseProtocol } from './facts.ts'
import type { CertificateFacts, CertificateSummary, OnlineFacts, TlsFacts } from './types.ts'
import { gradeRank, normaliseServiceGrade } from './grade.ts'

export interface SslLabsCert {
  id?: string
  subject?: string
  issuerSubject?: string
  notBefore?: number
  notAfter?: number
  sigAlg?: string
  keyAlg?: string
  keySize?: number
  validationType?: string | null
  issues?: number
}

export interface SslLabsEndpoint {
  grade?: string
  statusMessage?: string
  details?: {
    protocols?: { name?: string; version?: string }[]
    suites?: { list?: { name?: string; cipherStrength?: number }[] }[]
    forwardSecrecy?: number
    certChains?: { certIds?: string[]; issues?: number }[]
  }
}

export interface SslLabsHost {
  status?: string
  testTime?: number
  cacheExpiryTime?: number
  endpoints?: SslLabsEndpoint[]
  certs?: SslLabsCert[]
}

/** SSL Labs' forwardSecrecy bitmask: 4 means forward secrecy with every simulated client. */
const FS_ROBUST = 4
/** Certificate chain issue bits that mean the chain is not trusted (no trust path, host mismatch, self-signed). */
const UNTRUSTED_ISSUES = 1 | 8 | 64

const str = (v: unknown, max = 200): string => (typeof v === 'string' ? v.slice(0, max) : '')
const iso = (ms: unknown): string | null =>
  typeof ms === 'number' && Number.isFinite(ms) && Math.abs(ms) < 8.64e15 ? new Date(ms).toISOString() : null

/** "SHA256withRSA" -> sha256; "RSASSA-PSS" -> unknown. */
function hashOf(sigAlg: string): string {
  const m = /^(SHA\d+|MD5|MD2)with/i.exec(sigAlg)
  return m ? m[1]!.toLowerCase() : 'unknown'
}

function keyTypeOf(keyAlg: string): CertificateSummary['keyType'] {
  const k = keyAlg.toUpperCase()
  if (k === 'RSA') return 'RSA'
  if (k === 'EC' || k === 'ECDSA') return 'EC'
  if (k === 'DSA') return 'DSA'
  if (k === 'ED25519') return 'Ed25519'
  return 'unknown'
}

function summaryOf(cert: SslLabsCert): CertificateSummary {
  const subject = str(cert.subject, 512)
  const issuer = str(cert.issuerSubject, 512)
  return {
    subject,
    issuer,
    signatureAlgorithm: str(cert.sigAlg, 60),
    signatureHash: hashOf(str(cert.sigAlg, 60)),
    keyType: keyTypeOf(str(cert.keyAlg, 20)),
    keyBits: typeof cert.keySize === 'number' && cert.keySize > 0 ? Math.floor(cert.keySize) : 0,
    notBefore: iso(cert.notBefore) ?? '',
    notAfter: iso(cert.notAfter) ?? '',
    selfSigned: subject !== '' && subject === issuer,
  }
}

/** The endpoint that decides: the worst graded one (a host is as weak as its weakest server). */
function worstEndpoint(endpoints: SslLabsEndpoint[]): SslLabsEndpoint | undefined {
  let worst: SslLabsEndpoint | undefined
  let rank = -1
  for (const e of endpoints) {
    const grade = normaliseServiceGrade(str(e.grade, 3))
    if (grade !== null && gradeRank(grade) > rank) {
      worst = e
      rank = gradeRank(grade)
    }
  }
  return worst
}

export function onlineFactsFromSslLabs(host: SslLabsHost): OnlineFacts['ssllabs'] | undefined {
  if (host?.status !== 'READY') return undefined
  const observedAt = iso(host.testTime)
  const endpoint = worstEndpoint(Array.isArray(host.endpoints) ? host.endpoints : [])
  if (!endpoint || observedAt === null) return undefined
  const details = endpoint.details ?? {}
  const protocols = (details.protocols ?? [])
    .map((p) => `${str(p.name, 10)} ${str(p.version, 10)}`.trim())
    .filter(Boolean)
  // 'sslv3' < 'tlsv1' < 'tlsv1.1' < 'tlsv1.2' < 'tlsv1.3': the newest offered is what a modern browser gets.
  const newest = [...protocols].sort((a, b) => (normaliseProtocol(a) < normaliseProtocol(b) ? -1 : 1)).at(-1) ?? ''
  const tls: TlsFacts | undefined =
    protocols.length > 0
      ? {
          protocol: newest,
          cipherSuite: '',
          keaGroup: '',
          weak: false,
          offeredProtocols: protocols,
          offersNoForwardSecrecy:
            typeof details.forwardSecrecy === 'number' ? (details.forwardSecrecy & FS_ROBUST) === 0 : false,
          offeredSuites: (details.suites ?? [])
            .flatMap((s) => (s.list ?? []).map((c) => str(c.name, 100)))
            .filter(Boolean)
            .slice(0, 200),
          source: 'ssllabs',
          observedAt,
        }
      : undefined
  const certs = new Map((Array.isArray(host.certs) ? host.certs : []).map((c) => [str(c.id, 128), c]))
  const chainInfo = details.certChains?.[0]
  const chain = (chainInfo?.certIds ?? [])
    .map((id) => certs.get(str(id, 128)))
    .filter((c): c is SslLabsCert => c !== undefined)
  const leaf = chain[0]
  const certificate: CertificateFacts | undefined = leaf
    ? {
        chain: chain.slice(0, 10).map(summaryOf),
        validation: leaf.validationType === 'E' ? 'EV' : typeof leaf.validationType === 'string' ? 'non-EV' : 'unknown',
        overridden: ((chainInfo?.issues ?? 0) & UNTRUSTED_ISSUES) !== 0 || str(endpoint.grade, 3) === 'T',
        source: 'ssllabs',
        observedAt,
      }
    : undefined
  return {
    grade: str(endpoint.grade, 3),
    observedAt,
    ...(certificate ? { certificate } : {}),
    ...(tls ? { tls } : {}),
  }
}

export interface ObservatoryScan {
  grade?: string | null
  scanned_at?: string
  error?: string | null
}

export function onlineFactsFromObservatory(scan: ObservatoryScan): OnlineFacts['observatory'] | undefined {
  if (!scan || scan.error || typeof scan.grade !== 'string') return undefined
  const at = Date.parse(str(scan.scanned_at, 40))
  if (Number.isNaN(at)) return undefined
  return { grade: scan.grade.slice(0, 3), observedAt: new Date(at).toISOString() }
}

export interface PreloadStatus {
  status?: string
}

export function onlineFactsFromPreload(result: PreloadStatus, observedAt: string): OnlineFacts['preload'] | undefined {
  const status = str(result?.status, 40)
  return status === '' ? undefined : { status, observedAt }
}
