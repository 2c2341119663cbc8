import { certificateFacts, isHttpsPage, provenance } from '../facts.ts'
import { THRESHOLDS } from '../rubric.ts'
import type { Check, CertificateSummary } from '../types.ts'

function isWeak(cert: CertificateSummary): boolean {
  if (cert.keyBits <= 0) return false
  if (cert.keyType === 'RSA' || cert.keyType === 'DSA') return cert.keyBits < THRESHOLDS.minRsaBits
  if (cert.keyType === 'EC') return cert.keyBits < THRESHOLDS.minEcBits
  return false
}

/** cert-weak-key: RSA under 2048 bits or EC under 256 bits on the leaf or an intermediate. */
export const certWeakKey: Check = {
  name: 'cert-weak-key',
  ids: ['cert-weak-key'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    if (!isHttpsPage(facts) || cert === undefined) return []
    const chain = cert.chain.filter((c, i) => i === 0 || !c.selfSigned)
    const weak = chain.find(isWeak)
    if (weak === undefined) return []
    return [
      {
        id: 'cert-weak-key',
        ...provenance(cert),
        detail: { keyType: weak.keyType, keyBits: weak.keyBits },
      },
    ]
  },
}
