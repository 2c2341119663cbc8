/**
 * Firefox only: the TLS and certificate facts of a response, from webRequest.getSecurityInfo (PLATFORM.md).
 * Certificates are parsed here, in the background, never in the content script.
 */
import { certificateFactsFrom, inspectCertificateChain, type CertificateFacts, type TlsFacts } from '../core/index.ts'

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
      ? certificateFactsFrom(inspectCertificateChain(ders, now), {
          overridden,
          source: 'browser',
          observedAt,
          extendedValidation: info.isExtendedValidation === true,
        })
      : null
  return { tls, ...(certificate ? { certificate } : {}) }
}
