/**
 * Firefox only: the TLS and certificate facts of a response, from webRequest.getSecurityInfo (PLATFORM.md).
 * Certificates are parsed here, in the background, never in the content script.
 */
import {
  certificateFactsFrom,
  chainAt,
  inspectCertificateChain,
  type ChainInspection,
  type CertificateFacts,
  type TlsFacts,
} from '../core/index.ts'

/** The fields of Firefox's SecurityInfo that Vigie reads; anything may be missing or malformed. */
export interface SecurityInfoLike {
  state?: unknown
  protocolVersion?: unknown
  cipherSuite?: unknown
  keaGroupName?: unknown
  isExtendedValidation?: unknown
  overridableErrorCategory?: unknown
  isUntrusted?: unknown
  isDomainMismatch?: unknown
  isNotValidAtThisTime?: unknown
  weaknessReasons?: unknown
  certificates?: unknown
}

const text = (value: unknown, max = 100): string => (typeof value === 'string' ? value.slice(0, max) : '')

/**
 * Chains read lately, by their certificates' SHA-256 fingerprints (as Firefox gives them): every page of a site comes
 * with the same chain, and reading it costs a millisecond or more of the background's time while the page loads
 * (npm run bench: about 1.5 ms for three certificates). The newest MAX_CHAINS are kept, in memory only.
 */
export const MAX_CHAINS = 32
const chains = new Map<string, ChainInspection>()

/** "Forget everything": the chains read so far are read again when seen next. */
export function forgetChains(): void {
  chains.clear()
}

/** The chain's key, or null when a certificate has no usable fingerprint (then it is read every time). */
function chainKey(certificates: readonly unknown[]): string | null {
  const prints: string[] = []
  for (const c of certificates) {
    const print = c && typeof c === 'object' ? (c as { fingerprint?: { sha256?: unknown } }).fingerprint?.sha256 : null
    if (typeof print !== 'string' || print.length === 0 || print.length > 200) return null
    prints.push(print)
  }
  return prints.join(' ')
}

/** The chain inspected at `now`, read once per chain. */
function inspected(certificates: readonly unknown[], ders: readonly unknown[], now: Date): ChainInspection {
  const key = chainKey(certificates)
  const known = key === null ? undefined : chains.get(key)
  if (known) {
    chains.delete(key!)
    chains.set(key!, known)
    return chainAt(known, now)
  }
  const read = inspectCertificateChain(ders)
  if (key !== null) {
    chains.set(key, read)
    if (chains.size > MAX_CHAINS) chains.delete(chains.keys().next().value!)
  }
  return chainAt(read, now)
}

export function factsFromSecurityInfo(
  info: SecurityInfoLike,
  now: Date,
): { tls?: TlsFacts; certificate?: CertificateFacts } {
  if (info.state !== 'secure' && info.state !== 'weak' && info.state !== 'broken') return {}
  const observedAt = now.toISOString()
  const weakness = Array.isArray(info.weaknessReasons) ? info.weaknessReasons : []
  const tls: TlsFacts = {
    protocol: text(info.protocolVersion, 20),
    cipherSuite: text(info.cipherSuite),
    keaGroup: text(info.keaGroupName, 40),
    weak: info.state === 'weak' || weakness.length > 0,
    source: 'browser',
    observedAt,
  }
  const certificates = Array.isArray(info.certificates) ? info.certificates : []
  const ders = certificates.map((c: unknown) =>
    c && typeof c === 'object' ? (c as { rawDER?: unknown }).rawDER : null,
  )
  const overridden =
    typeof info.overridableErrorCategory === 'string' ||
    info.isUntrusted === true ||
    info.isDomainMismatch === true ||
    info.isNotValidAtThisTime === true
  const certificate =
    ders.length > 0
      ? certificateFactsFrom(inspected(certificates, ders, now), {
          overridden,
          source: 'browser',
          observedAt,
          extendedValidation: info.isExtendedValidation === true,
        })
      : null
  return { tls, ...(certificate ? { certificate } : {}) }
}
