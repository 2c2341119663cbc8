/**
 * The server rating's letters and rule ids, apart from the rules' table (rules.ts) so that the extension's pages,
 * which validate and show ratings, do not carry the table's sources and prose.
 */

/** SSL Labs' letters: Vigie's A+ to F, and T (trust) and M (name mismatch), which replace the letter. */
export const RATING_GRADES = ['A+', 'A', 'A-', 'B', 'C', 'D', 'E', 'F', 'T', 'M'] as const
export type RatingGrade = (typeof RATING_GRADES)[number]

/** The guide's version the rating follows. */
export const GUIDE_VERSION = '2009r'

/** Every rule, in the order docs/RATING.md lists them; rules.ts has one row for each, the compiler checks it. */
export const RATING_RULE_IDS = [
  'name-mismatch',
  'cert-untrusted',
  'cert-expired',
  'cert-not-yet-valid',
  'cert-lifetime',
  'cert-distrusted',
  'cert-sha1',
  'cert-md5',
  'cert-incomplete-chain',
  'key-insecure',
  'key-weak',
  'dh-insecure',
  'dh-weak',
  'export',
  'anonymous',
  'null-cipher',
  'ssl2',
  'ssl3-only',
  'ssl3-poodle',
  'ssl3',
  'tls10-11',
  'no-tls12',
  'no-tls13',
  'rc4-only',
  'rc4-modern',
  'rc4',
  '3des-modern',
  'no-forward-secrecy',
  'no-aead',
  'heartbleed',
  'ccs-injection',
  'robot',
  'compression',
  'no-secure-renegotiation',
  'hsts-missing',
  'hsts-short',
  'post-quantum',
  'fallback-scsv',
  'cipher-list',
] as const
export type RatingRuleId = (typeof RATING_RULE_IDS)[number]

/** The _locales message that says a rule in words ("rating_ssl3_poodle"). */
export function ratingMessageKey(id: RatingRuleId): string {
  return `rating_${id.replace(/-/g, '_')}`
}
