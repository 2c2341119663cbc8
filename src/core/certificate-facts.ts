import type { ChainInspection, InspectedCertificate } from './cert/inspect.ts'
import type { CertificateFacts, CertificateSummary, FactSource } from './types.ts'

function summary(c: InspectedCertificate): CertificateSummary {
  const { subject, issuer, signatureAlgorithm, signatureHash, keyType, keyBits, notBefore, notAfter, selfSigned } = c
  return { subject, issuer, signatureAlgorithm, signatureHash, keyType, keyBits, notBefore, notAfter, selfSigned }
}

/**
 * The certificate facts the checks read, from an inspected chain. Null when the leaf could not be read: an
 * unreadable chain is unknown, not clean, and never lowers the grade.
 */
export function certificateFactsFrom(
  inspection: ChainInspection,
  options: { overridden: boolean; source: FactSource; observedAt: string; extendedValidation?: boolean },
): CertificateFacts | null {
  const leaf = inspection.certificates[0]
  if (!leaf?.readable) return null
  const chain = inspection.certificates.filter((c): c is InspectedCertificate => c.readable).map(summary)
  return {
    chain,
    validation: options.extendedValidation ? 'EV' : inspection.validation,
    overridden: options.overridden,
    source: options.source,
    observedAt: options.observedAt,
  }
}
