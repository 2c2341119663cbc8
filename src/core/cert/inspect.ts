/**
 * Reads a certificate chain (DER, leaf first) into the facts the checks need. Parsing is done by
 * @peculiar/asn1-schema and @peculiar/asn1-x509; this module only interprets the result. Every certificate is
 * bounded in size, parsed on its own, and any failure becomes an "unreadable certificate" entry: nothing throws.
 */
import { ECParameters } from '@peculiar/asn1-ecc'
import { RSAPublicKey, RsaSaPssParams } from '@peculiar/asn1-rsa'
import { AsnConvert } from '@peculiar/asn1-schema'
import { Certificate, CertificatePolicies, type Name } from '@peculiar/asn1-x509'
import type { CertificateSummary } from '../types.ts'
import {
  CA_EV_POLICIES,
  CERTIFICATE_POLICIES,
  CURVES,
  HASH_ALGORITHMS,
  KEY_DSA,
  KEY_EC,
  KEY_ED25519,
  KEY_ED448,
  KEY_RSA,
  KEY_RSA_PSS,
  NAME_ATTRIBUTES,
  POLICY_DV,
  POLICY_EV,
  POLICY_IV,
  POLICY_OV,
  SIGNATURE_ALGORITHMS,
} from './oids.ts'

/** Real certificates are a few KB; anything this large is not one. */
export const MAX_CERTIFICATE_BYTES = 64 * 1024
/** Real chains have 2 to 4 certificates. */
export const MAX_CHAIN_LENGTH = 10

export type Validation = 'EV' | 'OV' | 'DV' | 'unknown'

export interface InspectedCertificate extends CertificateSummary {
  readable: true
  /** Certificate policy OIDs. */
  policies: string[]
  /** EV, OV or DV from the policy OIDs (meaningful for the leaf). */
  validation: Validation
  /** Only when `now` was given. */
  expired?: boolean
  daysLeft?: number
}

export interface UnreadableCertificate {
  readable: false
  error: 'unreadable certificate'
  reason: string
}

export interface ChainInspection {
  certificates: (InspectedCertificate | UnreadableCertificate)[]
  /** The leaf's validation level, 'unknown' when the leaf is unreadable or has no recognised policy. */
  validation: Validation
  /** True when every certificate could be read. */
  readable: boolean
}

function nameToString(name: Name): string {
  const parts: string[] = []
  for (const rdn of name) {
    for (const atv of rdn) {
      const label = NAME_ATTRIBUTES[atv.type] ?? atv.type
      parts.push(`${label}=${String(atv.value)}`)
    }
  }
  return parts.join(', ')
}

function bitLength(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length && bytes[i] === 0) i++
  if (i === bytes.length) return 0
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!))
}

function keyOf(cert: Certificate): Pick<CertificateSummary, 'keyType' | 'keyBits'> {
  const spki = cert.tbsCertificate.subjectPublicKeyInfo
  const oid = spki.algorithm.algorithm
  if (oid === KEY_RSA || oid === KEY_RSA_PSS) {
    const key = AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey)
    return { keyType: 'RSA', keyBits: bitLength(new Uint8Array(key.modulus)) }
  }
  if (oid === KEY_EC) {
    const params = spki.algorithm.parameters
    const curve = params ? AsnConvert.parse(params, ECParameters).namedCurve : undefined
    return { keyType: 'EC', keyBits: (curve && CURVES[curve]) || 0 }
  }
  if (oid === KEY_ED25519) return { keyType: 'Ed25519', keyBits: 256 }
  if (oid === KEY_ED448) return { keyType: 'Ed448', keyBits: 456 }
  if (oid === KEY_DSA) return { keyType: 'DSA', keyBits: 0 }
  return { keyType: 'unknown', keyBits: 0 }
}

function signatureOf(cert: Certificate): Pick<CertificateSummary, 'signatureAlgorithm' | 'signatureHash'> {
  const algorithm = cert.signatureAlgorithm
  const known = SIGNATURE_ALGORITHMS[algorithm.algorithm]
  if (!known) return { signatureAlgorithm: algorithm.algorithm, signatureHash: 'unknown' }
  if (known.name === 'RSASSA-PSS') {
    // RFC 4055 section 3.1: the hash defaults to SHA-1 when the parameters leave it out.
    const params = algorithm.parameters ? AsnConvert.parse(algorithm.parameters, RsaSaPssParams) : null
    const hashOid = params?.hashAlgorithm.algorithm ?? '1.3.14.3.2.26'
    return { signatureAlgorithm: known.name, signatureHash: HASH_ALGORITHMS[hashOid] ?? 'unknown' }
  }
  return { signatureAlgorithm: known.name, signatureHash: known.hash }
}

function policiesOf(cert: Certificate): string[] {
  const ext = cert.tbsCertificate.extensions?.find((e) => e.extnID === CERTIFICATE_POLICIES)
  if (!ext) return []
  return AsnConvert.parse(ext.extnValue, CertificatePolicies).map((p) => p.policyIdentifier)
}

export function validationOf(policies: readonly string[]): Validation {
  if (policies.some((p) => p === POLICY_EV || CA_EV_POLICIES.has(p))) return 'EV'
  if (policies.some((p) => p === POLICY_OV || p === POLICY_IV)) return 'OV'
  if (policies.includes(POLICY_DV)) return 'DV'
  return 'unknown'
}

function toBytes(input: unknown): Uint8Array | null {
  if (input instanceof Uint8Array) return input
  if (input instanceof ArrayBuffer) return new Uint8Array(input)
  // Firefox's CertificateInfo.rawDER is a plain array of byte values.
  if (
    Array.isArray(input) &&
    input.length <= MAX_CERTIFICATE_BYTES &&
    input.every((b) => Number.isInteger(b) && b >= 0 && b < 256)
  ) {
    return Uint8Array.from(input as number[])
  }
  return null
}

function unreadable(reason: string): UnreadableCertificate {
  return { readable: false, error: 'unreadable certificate', reason }
}

export function inspectCertificate(input: unknown, now?: Date): InspectedCertificate | UnreadableCertificate {
  const der = toBytes(input)
  if (der === null) return unreadable('not a byte array')
  if (der.length === 0) return unreadable('empty')
  if (der.length > MAX_CERTIFICATE_BYTES) return unreadable('too large')
  // Cheap guard before the ASN.1 parser: a certificate is a DER SEQUENCE.
  if (der[0] !== 0x30) return unreadable('not a DER SEQUENCE')
  try {
    const cert = AsnConvert.parse(der, Certificate)
    const tbs = cert.tbsCertificate
    const notBefore = tbs.validity.notBefore.getTime()
    const notAfter = tbs.validity.notAfter.getTime()
    if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime())) return unreadable('bad validity')
    const policies = policiesOf(cert)
    const subject = nameToString(tbs.subject)
    const issuer = nameToString(tbs.issuer)
    const result: InspectedCertificate = {
      readable: true,
      subject: subject.slice(0, 512),
      issuer: issuer.slice(0, 512),
      ...signatureOf(cert),
      ...keyOf(cert),
      notBefore: notBefore.toISOString(),
      notAfter: notAfter.toISOString(),
      // Issuer and subject with the same attributes and values, as name comparison does (RFC 5280 7.1); the
      // signature itself is not verified: no check here needs to know more.
      selfSigned: subject === issuer,
      policies,
      validation: validationOf(policies),
    }
    return now === undefined ? result : certificateAt(result, now)
  } catch (error) {
    return unreadable(error instanceof Error ? error.message.slice(0, 200) : 'parse error')
  }
}

/** The certificate as read at `now`: whether it has expired, and its days left. */
function certificateAt(certificate: InspectedCertificate, now: Date): InspectedCertificate {
  if (Number.isNaN(now.getTime())) return certificate
  const notAfter = Date.parse(certificate.notAfter)
  return {
    ...certificate,
    expired: notAfter < now.getTime(),
    daysLeft: Math.floor((notAfter - now.getTime()) / 86_400_000),
  }
}

/**
 * A chain inspected once (without a time) as read at `now`: the same as inspecting it at `now`, without parsing it
 * again (the background reads the same chain on every page of a site).
 */
export function chainAt(inspection: ChainInspection, now: Date): ChainInspection {
  return {
    ...inspection,
    certificates: inspection.certificates.map((c) => (c.readable ? certificateAt(c, now) : c)),
  }
}

/** Leaf first. Never throws; at most MAX_CHAIN_LENGTH certificates are read. */
export function inspectCertificateChain(chain: readonly unknown[], now?: Date): ChainInspection {
  const list = Array.isArray(chain) ? chain.slice(0, MAX_CHAIN_LENGTH) : []
  const certificates = list.map((der) => inspectCertificate(der, now))
  const leaf = certificates[0]
  return {
    certificates,
    validation: leaf?.readable ? leaf.validation : 'unknown',
    readable: certificates.length > 0 && certificates.every((c) => c.readable),
  }
}
