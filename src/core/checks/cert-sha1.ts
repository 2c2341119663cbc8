import { certificateFacts, isHttpsPage, provenance } from '../facts.ts'
import type { Check } from '../types.ts'

const WEAK_HASHES = new Set(['sha1', 'md5', 'md2', 'md4'])

/**
 * cert-sha1: a SHA-1 or MD5 signature on the leaf or an intermediate. A self-signed root's signature on itself is
 * never checked by anyone, so it does not count.
 */
export const certSha1: Check = {
  name: 'cert-sha1',
  ids: ['cert-sha1'],
  groups: ['certificate'],
  run: (facts) => {
    const cert = certificateFacts(facts)
    if (!isHttpsPage(facts) || cert === undefined) return []
    const weak = cert.chain.findIndex(
      (c, i) => WEAK_HASHES.has(c.signatureHash) && !(c.selfSigned && i > 0 && i === cert.chain.length - 1),
    )
    if (weak === -1) return []
    const found = cert.chain[weak]!
    return [
      {
        id: 'cert-sha1',
        ...provenance(cert),
        detail: { position: weak === 0 ? 'leaf' : 'intermediate', hash: found.signatureHash },
      },
    ]
  },
}
