/**
 * The cipher suites the raw probes send, by IANA code point (https://www.iana.org/assignments/tls-parameters),
 * grouped into the families SSL Labs and testssl.sh report. Names are IANA's, so the core's checks read them.
 */

export type KeyExchange = 'RSA' | 'DHE' | 'ECDHE' | 'DH_anon' | 'ECDH_anon' | 'static-DH' | 'TLS13' | 'unknown'

export interface Suite {
  code: number
  name: string
  kx: KeyExchange
}

const s = (code: number, name: string, kx: KeyExchange): Suite => ({ code, name, kx })

export const EXPORT_SUITES: readonly Suite[] = [
  s(0x0003, 'TLS_RSA_EXPORT_WITH_RC4_40_MD5', 'RSA'),
  s(0x0006, 'TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5', 'RSA'),
  s(0x0008, 'TLS_RSA_EXPORT_WITH_DES40_CBC_SHA', 'RSA'),
  s(0x000b, 'TLS_DH_DSS_EXPORT_WITH_DES40_CBC_SHA', 'static-DH'),
  s(0x000e, 'TLS_DH_RSA_EXPORT_WITH_DES40_CBC_SHA', 'static-DH'),
  s(0x0011, 'TLS_DHE_DSS_EXPORT_WITH_DES40_CBC_SHA', 'DHE'),
  s(0x0014, 'TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA', 'DHE'),
  s(0x0017, 'TLS_DH_anon_EXPORT_WITH_RC4_40_MD5', 'DH_anon'),
  s(0x0019, 'TLS_DH_anon_EXPORT_WITH_DES40_CBC_SHA', 'DH_anon'),
  // The 1024-bit "export1024" suites of the late 1990s drafts, still found in old OpenSSL builds.
  s(0x0062, 'TLS_RSA_EXPORT1024_WITH_DES_CBC_SHA', 'RSA'),
  s(0x0063, 'TLS_DHE_DSS_EXPORT1024_WITH_DES_CBC_SHA', 'DHE'),
  s(0x0064, 'TLS_RSA_EXPORT1024_WITH_RC4_56_SHA', 'RSA'),
  s(0x0065, 'TLS_DHE_DSS_EXPORT1024_WITH_RC4_56_SHA', 'DHE'),
]

export const RC4_SUITES: readonly Suite[] = [
  s(0xc011, 'TLS_ECDHE_RSA_WITH_RC4_128_SHA', 'ECDHE'),
  s(0xc007, 'TLS_ECDHE_ECDSA_WITH_RC4_128_SHA', 'ECDHE'),
  s(0x0005, 'TLS_RSA_WITH_RC4_128_SHA', 'RSA'),
  s(0x0004, 'TLS_RSA_WITH_RC4_128_MD5', 'RSA'),
  s(0x0066, 'TLS_DHE_DSS_WITH_RC4_128_SHA', 'DHE'),
  s(0xc00c, 'TLS_ECDH_RSA_WITH_RC4_128_SHA', 'static-DH'),
  s(0xc002, 'TLS_ECDH_ECDSA_WITH_RC4_128_SHA', 'static-DH'),
  s(0x0018, 'TLS_DH_anon_WITH_RC4_128_MD5', 'DH_anon'),
  s(0xc016, 'TLS_ECDH_anon_WITH_RC4_128_SHA', 'ECDH_anon'),
]

/** 64-bit block ciphers (SWEET32, CVE-2016-2183). */
export const TRIPLE_DES_SUITES: readonly Suite[] = [
  s(0xc012, 'TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE'),
  s(0xc008, 'TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA', 'ECDHE'),
  s(0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', 'DHE'),
  s(0x0013, 'TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA', 'DHE'),
  s(0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'RSA'),
  s(0x0010, 'TLS_DH_RSA_WITH_3DES_EDE_CBC_SHA', 'static-DH'),
  s(0x000d, 'TLS_DH_DSS_WITH_3DES_EDE_CBC_SHA', 'static-DH'),
  s(0xc00d, 'TLS_ECDH_RSA_WITH_3DES_EDE_CBC_SHA', 'static-DH'),
  s(0xc003, 'TLS_ECDH_ECDSA_WITH_3DES_EDE_CBC_SHA', 'static-DH'),
  s(0x001b, 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA', 'DH_anon'),
  s(0xc017, 'TLS_ECDH_anon_WITH_3DES_EDE_CBC_SHA', 'ECDH_anon'),
]

/** No encryption at all. */
export const NULL_SUITES: readonly Suite[] = [
  s(0xc010, 'TLS_ECDHE_RSA_WITH_NULL_SHA', 'ECDHE'),
  s(0xc006, 'TLS_ECDHE_ECDSA_WITH_NULL_SHA', 'ECDHE'),
  s(0x003b, 'TLS_RSA_WITH_NULL_SHA256', 'RSA'),
  s(0x0002, 'TLS_RSA_WITH_NULL_SHA', 'RSA'),
  s(0x0001, 'TLS_RSA_WITH_NULL_MD5', 'RSA'),
  s(0xc00b, 'TLS_ECDH_RSA_WITH_NULL_SHA', 'static-DH'),
  s(0xc001, 'TLS_ECDH_ECDSA_WITH_NULL_SHA', 'static-DH'),
  s(0xc015, 'TLS_ECDH_anon_WITH_NULL_SHA', 'ECDH_anon'),
]

/** No server authentication: anyone in the middle can answer. */
export const ANON_SUITES: readonly Suite[] = [
  s(0x00a6, 'TLS_DH_anon_WITH_AES_128_GCM_SHA256', 'DH_anon'),
  s(0x00a7, 'TLS_DH_anon_WITH_AES_256_GCM_SHA384', 'DH_anon'),
  s(0x006c, 'TLS_DH_anon_WITH_AES_128_CBC_SHA256', 'DH_anon'),
  s(0x006d, 'TLS_DH_anon_WITH_AES_256_CBC_SHA256', 'DH_anon'),
  s(0x0034, 'TLS_DH_anon_WITH_AES_128_CBC_SHA', 'DH_anon'),
  s(0x003a, 'TLS_DH_anon_WITH_AES_256_CBC_SHA', 'DH_anon'),
  s(0xc018, 'TLS_ECDH_anon_WITH_AES_128_CBC_SHA', 'ECDH_anon'),
  s(0xc019, 'TLS_ECDH_anon_WITH_AES_256_CBC_SHA', 'ECDH_anon'),
  s(0x001b, 'TLS_DH_anon_WITH_3DES_EDE_CBC_SHA', 'DH_anon'),
  s(0x0018, 'TLS_DH_anon_WITH_RC4_128_MD5', 'DH_anon'),
]

/** Forward-secret suites a TLS 1.2 client offers, as browsers order them. */
export const FORWARD_SECRET_SUITES: readonly Suite[] = [
  s(0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ECDHE'),
  s(0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'ECDHE'),
  s(0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ECDHE'),
  s(0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'ECDHE'),
  s(0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE'),
  s(0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'ECDHE'),
  s(0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE'),
  s(0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE'),
  s(0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE'),
  s(0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE'),
]

/** Finite-field DHE suites (their ServerKeyExchange carries the group). */
export const DHE_SUITES: readonly Suite[] = [
  s(0x009e, 'TLS_DHE_RSA_WITH_AES_128_GCM_SHA256', 'DHE'),
  s(0x009f, 'TLS_DHE_RSA_WITH_AES_256_GCM_SHA384', 'DHE'),
  s(0xccaa, 'TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'DHE'),
  s(0x0067, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA256', 'DHE'),
  s(0x006b, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA256', 'DHE'),
  s(0x0033, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'DHE'),
  s(0x0039, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'DHE'),
  s(0x0032, 'TLS_DHE_DSS_WITH_AES_128_CBC_SHA', 'DHE'),
  s(0x0038, 'TLS_DHE_DSS_WITH_AES_256_CBC_SHA', 'DHE'),
  s(0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', 'DHE'),
]

/** Static RSA key transport: no forward secrecy. */
export const STATIC_RSA_SUITES: readonly Suite[] = [
  s(0x009c, 'TLS_RSA_WITH_AES_128_GCM_SHA256', 'RSA'),
  s(0x009d, 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'RSA'),
  s(0x003c, 'TLS_RSA_WITH_AES_128_CBC_SHA256', 'RSA'),
  s(0x003d, 'TLS_RSA_WITH_AES_256_CBC_SHA256', 'RSA'),
  s(0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA', 'RSA'),
  s(0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA', 'RSA'),
  s(0x0041, 'TLS_RSA_WITH_CAMELLIA_128_CBC_SHA', 'RSA'),
  s(0x0084, 'TLS_RSA_WITH_CAMELLIA_256_CBC_SHA', 'RSA'),
  s(0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'RSA'),
  s(0x0005, 'TLS_RSA_WITH_RC4_128_SHA', 'RSA'),
]

/** Suites an SSL 3.0 server could pick (no AEAD, no SHA-256: those need TLS 1.2). */
export const SSL3_SUITES: readonly Suite[] = [
  s(0xc013, 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'ECDHE'),
  s(0xc014, 'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA', 'ECDHE'),
  s(0xc009, 'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA', 'ECDHE'),
  s(0xc00a, 'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA', 'ECDHE'),
  s(0x0033, 'TLS_DHE_RSA_WITH_AES_128_CBC_SHA', 'DHE'),
  s(0x0039, 'TLS_DHE_RSA_WITH_AES_256_CBC_SHA', 'DHE'),
  s(0x002f, 'TLS_RSA_WITH_AES_128_CBC_SHA', 'RSA'),
  s(0x0035, 'TLS_RSA_WITH_AES_256_CBC_SHA', 'RSA'),
  s(0x000a, 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', 'RSA'),
  s(0x0016, 'TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA', 'DHE'),
  s(0x0005, 'TLS_RSA_WITH_RC4_128_SHA', 'RSA'),
  s(0x0004, 'TLS_RSA_WITH_RC4_128_MD5', 'RSA'),
  ...EXPORT_SUITES.slice(0, 9),
]

/** TLS 1.3's suites (RFC 8446 B.4), for hellos that offer TLS 1.3. */
export const TLS13_SUITES: readonly Suite[] = [
  s(0x1301, 'TLS_AES_128_GCM_SHA256', 'TLS13'),
  s(0x1302, 'TLS_AES_256_GCM_SHA384', 'TLS13'),
  s(0x1303, 'TLS_CHACHA20_POLY1305_SHA256', 'TLS13'),
]

/** A broad TLS 1.2 list for the fallback probe: what a client falling back would offer. */
export const BROAD_SUITES: readonly Suite[] = [...FORWARD_SECRET_SUITES, ...DHE_SUITES, ...STATIC_RSA_SUITES]

const BY_CODE = new Map<number, Suite>()
for (const list of [
  EXPORT_SUITES,
  RC4_SUITES,
  TRIPLE_DES_SUITES,
  NULL_SUITES,
  ANON_SUITES,
  FORWARD_SECRET_SUITES,
  DHE_SUITES,
  STATIC_RSA_SUITES,
]) {
  for (const suite of list) BY_CODE.set(suite.code, suite)
}

/** The suite for a code point; unknown codes get a hex name so they can still be reported. */
export function suiteByCode(code: number): Suite {
  return BY_CODE.get(code) ?? { code, name: `0x${code.toString(16).padStart(4, '0').toUpperCase()}`, kx: 'unknown' }
}

export function isForwardSecret(kx: KeyExchange): boolean {
  return kx === 'DHE' || kx === 'ECDHE' || kx === 'TLS13'
}
