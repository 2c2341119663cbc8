/**
 * The rating guide's numeric score as data (section "Scoring"): protocol support 30 %, key exchange 30 %, cipher
 * strength 40 %, each a percentage; the total is their weighted sum, and zero when any category is zero.
 */
import type { RatingGrade } from './rules.ts'

export const WEIGHTS = { protocol: 0.3, keyExchange: 0.3, cipher: 0.4 } as const

export type ProtocolName = 'ssl2' | 'ssl3' | 'tls1' | 'tls1_1' | 'tls1_2' | 'tls1_3'

/**
 * Table "Protocol support rating guide". TLS 1.3 came after the table; SSL Labs and testssl.sh score it as TLS 1.2.
 * SSL 2.0 scores 20 % in the table read here (2009e); it is failed by its own rule anyway.
 */
export const PROTOCOL_SCORES: Record<ProtocolName, number> = {
  ssl2: 20,
  ssl3: 80,
  tls1: 90,
  tls1_1: 95,
  tls1_2: 100,
  tls1_3: 100,
}

/** Table "Key exchange rating guide": below `below` bits (RSA-equivalent), the score. The first match wins. */
export const KEY_EXCHANGE_SCORES: readonly { below: number; score: number }[] = [
  { below: 512, score: 20 },
  { below: 1024, score: 40 },
  { below: 2048, score: 80 },
  { below: 4096, score: 90 },
  { below: Infinity, score: 100 },
]
/** Same table: anonymous key exchange and exportable key exchange (limited to 512 bits). */
export const ANONYMOUS_SCORE = 0
export const EXPORT_SCORE = 40

/** Table "Cipher strength rating guide": 0 bits 0 %, below 128 bits 20 %, below 256 bits 80 %, 256 and more 100 %. */
export function cipherScore(bits: number): number {
  if (bits <= 0) return 0
  if (bits < 128) return 20
  if (bits < 256) return 80
  return 100
}

export function keyExchangeScore(rsaEquivalentBits: number): number {
  return KEY_EXCHANGE_SCORES.find((row) => rsaEquivalentBits < row.below)?.score ?? 100
}

/**
 * An elliptic-curve key's size as the RSA size of the same strength (NIST SP 800-57 part 1 rev. 5, table 2), since the
 * guide's key table speaks in RSA and DH bits: 160 -> 1024, 224 -> 2048, 256 -> 3072, 384 -> 7680, 512 -> 15360.
 */
export function rsaEquivalentOfEc(bits: number): number {
  if (bits >= 512) return 15_360
  if (bits >= 384) return 7680
  if (bits >= 256) return 3072
  if (bits >= 224) return 2048
  if (bits >= 160) return 1024
  return 512
}

/** Table "Letter grade translation". */
export function gradeOfScore(total: number): RatingGrade {
  if (total >= 80) return 'A'
  if (total >= 65) return 'B'
  if (total >= 50) return 'C'
  if (total >= 35) return 'D'
  if (total >= 20) return 'E'
  return 'F'
}

/** The weighted total: a zero in any category makes the total zero (section "Methodology Overview"). */
export function totalOf(protocol: number, keyExchange: number, cipher: number): number {
  if (protocol === 0 || keyExchange === 0 || cipher === 0) return 0
  return (
    Math.round((protocol * WEIGHTS.protocol + keyExchange * WEIGHTS.keyExchange + cipher * WEIGHTS.cipher) * 10) / 10
  )
}

/**
 * The symmetric key length of a suite from its IANA name, or null when the name says nothing Vigie knows.
 * 3DES counts 168 bits, the guide's own example ("< 256 bits (e.g., 128, 168)").
 */
export function cipherBitsOf(suite: string): number | null {
  const name = suite.toUpperCase()
  if (name === '') return null
  if (/_WITH_NULL_|^TLS_NULL_/.test(name)) return 0
  if (/EXPORT|_40_|DES40/.test(name)) return 40
  if (/CHACHA20|_256_|_256$/.test(name)) return 256
  if (/3DES_EDE/.test(name)) return 168
  if (/_128_|_128$|SEED|IDEA/.test(name)) return 128
  if (/_DES_CBC_|_DES_/.test(name)) return 56
  return null
}

/** AEAD suites: GCM, CCM, ChaCha20-Poly1305, and every TLS 1.3 suite. */
export function isAead(suite: string): boolean {
  return /_GCM_|_CCM|POLY1305/.test(suite.toUpperCase())
}
