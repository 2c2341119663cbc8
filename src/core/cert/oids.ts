/**
 * Object identifiers the certificate inspector recognises. Facts from RFC 3279, RFC 4055, RFC 5480, RFC 8410 and
 * the CA/Browser Forum Baseline Requirements (section 7.1.6.1); CA-specific EV policy OIDs as browsers list them
 * for their EV roots (Chromium net/cert/ev_root_ca_metadata.cc, Firefox ExtendedValidation.cpp), November 2026.
 */

export const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string }> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'md2' },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', hash: 'md4' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.3.14.3.2.29': { name: 'sha1WithRSASignature', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'sha224' },
  '1.2.840.113549.1.1.10': { name: 'RSASSA-PSS', hash: 'unknown' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'sha224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.2.840.10040.4.3': { name: 'dsa-with-sha1', hash: 'sha1' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa-with-sha256', hash: 'sha256' },
  '1.3.101.112': { name: 'Ed25519', hash: 'sha512' },
  '1.3.101.113': { name: 'Ed448', hash: 'shake256' },
}

/** Hash algorithms that can appear in RSASSA-PSS parameters (RFC 4055). */
export const HASH_ALGORITHMS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
  '2.16.840.1.101.3.4.2.4': 'sha224',
}

export const KEY_RSA = '1.2.840.113549.1.1.1'
export const KEY_RSA_PSS = '1.2.840.113549.1.1.10'
export const KEY_EC = '1.2.840.10045.2.1'
export const KEY_DSA = '1.2.840.10040.4.1'
export const KEY_ED25519 = '1.3.101.112'
export const KEY_ED448 = '1.3.101.113'

/** Named curves and their sizes in bits. */
export const CURVES: Record<string, number> = {
  '1.2.840.10045.3.1.1': 192, // P-192
  '1.3.132.0.33': 224, // P-224
  '1.2.840.10045.3.1.7': 256, // P-256
  '1.3.132.0.10': 256, // secp256k1
  '1.3.132.0.34': 384, // P-384
  '1.3.132.0.35': 521, // P-521
  '1.3.36.3.3.2.8.1.1.7': 256, // brainpoolP256r1
  '1.3.36.3.3.2.8.1.1.11': 384, // brainpoolP384r1
  '1.3.36.3.3.2.8.1.1.13': 512, // brainpoolP512r1
}

export const CERTIFICATE_POLICIES = '2.5.29.32'

/** CA/Browser Forum reserved policy identifiers. */
export const POLICY_EV = '2.23.140.1.1'
export const POLICY_OV = '2.23.140.1.2.2'
export const POLICY_IV = '2.23.140.1.2.3'
export const POLICY_DV = '2.23.140.1.2.1'

/** EV policy OIDs of individual CAs that browsers accept in place of 2.23.140.1.1. */
export const CA_EV_POLICIES: ReadonlySet<string> = new Set([
  '1.2.40.0.17.1.22', // A-Trust
  '1.2.392.200091.100.721.1', // SECOM
  '1.2.616.1.113527.2.5.1.1', // Certum
  '1.3.159.1.17.1', // Actalis
  '1.3.6.1.4.1.13177.10.1.3.10', // Firmaprofesional
  '1.3.6.1.4.1.14370.1.6', // GeoTrust
  '1.3.6.1.4.1.14777.6.1.1', // Izenpe
  '1.3.6.1.4.1.14777.6.1.2', // Izenpe
  '1.3.6.1.4.1.17326.10.14.2.1.2', // Camerfirma
  '1.3.6.1.4.1.17326.10.8.12.1.2', // Camerfirma
  '1.3.6.1.4.1.22234.2.14.3.11', // Certinomis / Dhimyotis
  '1.3.6.1.4.1.22234.2.5.2.3.1', // Keynectis
  '1.3.6.1.4.1.23223.1.1.1', // StartCom
  '1.3.6.1.4.1.29836.1.10', // Certplus
  '1.3.6.1.4.1.34697.2.1', // AffirmTrust Commercial
  '1.3.6.1.4.1.34697.2.2', // AffirmTrust Networking
  '1.3.6.1.4.1.34697.2.3', // AffirmTrust Premium
  '1.3.6.1.4.1.34697.2.4', // AffirmTrust Premium ECC
  '1.3.6.1.4.1.40869.1.1.22.3', // TWCA
  '1.3.6.1.4.1.4146.1.1', // GlobalSign
  '1.3.6.1.4.1.4788.2.202.1', // D-TRUST
  '1.3.6.1.4.1.6334.1.100.1', // Cybertrust
  '1.3.6.1.4.1.6449.1.2.1.5.1', // Sectigo (Comodo)
  '1.3.6.1.4.1.7879.13.24.1', // T-TeleSec
  '1.3.6.1.4.1.782.1.2.1.8.1', // Network Solutions
  '1.3.6.1.4.1.8024.0.2.100.1.2', // QuoVadis
  '2.16.156.112554.3', // CFCA
  '2.16.528.1.1003.1.2.7', // Staat der Nederlanden
  '2.16.578.1.26.1.3.3', // Buypass
  '2.16.756.1.83.21.0', // Swisscom
  '2.16.756.1.89.1.2.1.1', // SwissSign
  '2.16.792.3.0.4.1.1.4', // E-Tugra
  '2.16.840.1.113733.1.7.23.6', // VeriSign / Symantec
  '2.16.840.1.113733.1.7.48.1', // Thawte
  '2.16.840.1.114028.10.1.2', // Entrust
  '2.16.840.1.114171.500.9', // Wells Fargo
  '2.16.840.1.114404.1.1.2.4.1', // SecureTrust / XRamp / Trustwave
  '2.16.840.1.114412.2.1', // DigiCert
  '2.16.840.1.114413.1.7.23.3', // Go Daddy
  '2.16.840.1.114414.1.7.23.3', // Starfield
])

/** Subject attribute types shown in names, shortest first. */
export const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
}
