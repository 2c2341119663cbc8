/**
 * A normal handshake, as a modern client makes it: the negotiated protocol, suite and key exchange, the served chain
 * through the core's certificate inspector, and trust (Node's roots, NODE_EXTRA_CA_CERTS, --ca) with the name.
 * A server that refuses a modern client is tried once more as a lenient legacy client (TLS 1.0 to 1.2, SECLEVEL=0):
 * a retry that still announced TLS 1.3 would meet a version-intolerant server's reset again (issue #21).
 */
import { certificateFactsFrom } from '../../core/certificate-facts.ts'
import { inspectCertificateChain } from '../../core/cert/inspect.ts'
import type { CertificateFacts, ScanFacts } from '../../core/types.ts'
import type { ConnectionOptions, SecureContextOptions } from 'node:tls'
import { nodeHandshake, type Failure, type HandshakeInfo } from '../connections.ts'
import { defineProbe, type ProbeResult } from '../probe.ts'
import { contextWith, isAmong, isNodeRoot, selfIssued, splitPem, systemRoots } from '../trust-store.ts'

export interface HandshakeResult extends ProbeResult {
  negotiated: ScanFacts['negotiated']
  certificate: CertificateFacts | null
  trust: ScanFacts['trust']
  /** Set when no handshake completed: the caller decides whether the host is reachable at all. */
  failure: Failure | null
}

export function keyExchangeOf(info: HandshakeInfo): { keyExchange: string; group: string } {
  const e = info.ephemeral
  if (e.type === 'ECDH') return { keyExchange: 'ECDHE', group: e.name ?? '' }
  if (e.type === 'DH') return { keyExchange: 'DHE', group: e.size ? `DH ${e.size}` : '' }
  // No ephemeral key in TLS 1.2 and older: static RSA key transport.
  return { keyExchange: info.protocol === 'TLSv1.3' ? '' : 'RSA', group: '' }
}

/** Node's verification codes (OpenSSL's X509_V_ERR_ names) in words a report can show. */
const TRUST_WORDS: Record<string, string> = {
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown issuer',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown issuer',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown issuer (incomplete chain?)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed root not trusted',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  CA_MD_TOO_WEAK: 'signature algorithm too weak',
  EE_KEY_TOO_SMALL: 'key too small',
  CA_KEY_TOO_SMALL: 'CA key too small',
  CERT_REVOKED: 'certificate revoked',
}

function trustReason(code: string | null, certificate: CertificateFacts | null): string {
  if (code === null) return 'not trusted'
  if (TRUST_WORDS[code]) return TRUST_WORDS[code]
  // OpenSSL 3 at its default security level rejects SHA-1 signatures with an unspecified error.
  const weak = certificate?.chain.some(
    (c, i, all) =>
      (c.signatureHash === 'sha1' || c.signatureHash === 'md5') && !(c.selfSigned && i === all.length - 1 && i > 0),
  )
  if (code === 'UNSPECIFIED' && weak) return 'SHA-1 or MD5 signature rejected'
  return code.slice(0, 100)
}

/** The system's roots and the extra ones as one list, the same array while neither changes (contexts are kept by it). */
let lastRoots: { system: string[]; extra: string; list: string[] } | null = null
function moreRoots(system: string[], extra: string[]): string[] {
  const key = extra.join('')
  if (lastRoots?.system !== system || lastRoots.extra !== key)
    lastRoots = { system, extra: key, list: [...system, ...extra] }
  return lastRoots.list
}

/** The lenient client of every retry: no TLS 1.3 in its hello, old protocols and suites allowed. */
export const LENIENT: ConnectionOptions = { minVersion: 'TLSv1', maxVersion: 'TLSv1.2', ciphers: 'DEFAULT@SECLEVEL=0' }

export const handshakeProbe = defineProbe<HandshakeResult>({
  name: 'handshake',
  yields: ['negotiated', 'certificate', 'trust'],
  phase: 1,
  async run(ctx) {
    const legacy: ConnectionOptions = LENIENT
    let options: ConnectionOptions = {}
    let outcome = await nodeHandshake(ctx.scheduler, ctx.target, options)
    if (
      !outcome.ok &&
      (outcome.failure.code === 'tls' || outcome.failure.code === 'closed' || outcome.failure.code === 'reset')
    ) {
      const again = await nodeHandshake(ctx.scheduler, ctx.target, legacy)
      if (again.ok) [outcome, options] = [again, legacy]
    }
    // Node's own roots (with NODE_EXTRA_CA_CERTS) first; the system's roots and --ca on a second connection only
    // when needed. Passing `ca` replaces Node's roots, and adding them back means parsing 140-odd PEMs, slower than
    // a handshake. The second connection's verdict is the one with every root known: its error is the real reason
    // (a SHA-1 intermediate under a --ca root is "too weak", not "unknown issuer": issue #21).
    let store: 'node' | 'system' | 'extra' | null = null
    const extraRoots = ctx.ca.flatMap(splitPem)
    const more = moreRoots(systemRoots(), extraRoots)
    if (outcome.ok && outcome.info.authorized) {
      const anchor = outcome.info.chain.at(-1)
      store = anchor && !isNodeRoot(anchor) ? 'extra' : 'node'
    } else if (outcome.ok && more.length > 0) {
      const again = await nodeHandshake(ctx.scheduler, ctx.target, {
        secureContext: contextWith(more, options as SecureContextOptions),
      })
      if (again.ok && again.info.authorized) {
        const anchor = again.info.chain.at(-1)
        store = anchor && isAmong(anchor, extraRoots) ? 'extra' : 'system'
        outcome = { ok: true, info: { ...outcome.info, authorized: true, authorizationError: null } }
      } else if (again.ok) {
        outcome = { ok: true, info: { ...outcome.info, authorizationError: again.info.authorizationError } }
      }
    }
    if (!outcome.ok) {
      const reason = `no TLS handshake: ${outcome.failure.reason}`
      return {
        negotiated: null,
        certificate: null,
        trust: null,
        failure: outcome.failure,
        unknown: [
          { check: 'handshake', reason },
          { check: 'certificate', reason },
        ],
      }
    }
    const info = outcome.info
    const unknown: HandshakeResult['unknown'] = []
    const observedAt = ctx.now.toISOString()
    const certificate =
      info.chain.length > 0
        ? certificateFactsFrom(inspectCertificateChain(info.chain, ctx.now), {
            overridden: false,
            source: 'scanner',
            observedAt,
          })
        : null
    if (certificate === null) unknown.push({ check: 'certificate', reason: 'the served certificate could not be read' })
    // Incomplete: the last certificate served is not self-issued and no store holds its issuer, which is what
    // OpenSSL's "unable to get (local) issuer" says of a verification that knew every store. Node fetches no
    // missing intermediate (nor does Vigie), so a chain ending at an intermediate of an unknown CA counts too.
    const last = info.chain.at(-1)
    const noIssuer = [
      'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
      'UNABLE_TO_GET_ISSUER_CERT',
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    ].includes(info.authorizationError ?? '')
    const incompleteChain = !info.authorized && noIssuer && last !== undefined && !selfIssued(last)
    const trustError = info.authorized
      ? null
      : incompleteChain
        ? `incomplete chain (${trustReason(info.authorizationError, certificate)})`
        : trustReason(info.authorizationError, certificate)
    return {
      negotiated: { protocol: info.protocol, cipherSuite: info.cipherSuite, ...keyExchangeOf(info) },
      certificate,
      trust: {
        trusted: info.authorized && info.nameError === null,
        nameMatches: info.nameError === null,
        error: trustError ?? info.nameError,
        store: info.authorized ? store : null,
        incompleteChain,
      },
      failure: null,
      unknown,
    }
  },
  apply(result, facts) {
    facts.negotiated = result.negotiated
    facts.certificate = result.certificate
    facts.trust = result.trust
  },
})
