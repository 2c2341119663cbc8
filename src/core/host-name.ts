/**
 * Host names, one definition for the privacy rule, the scanner's SNI and the CLI's arguments: DNS labels of letters,
 * digits and inner hyphens (1 to 63 characters; punycode is such a label), at most 253 characters in all, one final
 * dot allowed.
 */
const label = (underscore: boolean) => {
  const c = underscore ? '[a-z0-9_]' : '[a-z0-9]'
  const inner = underscore ? '[a-z0-9_-]' : '[a-z0-9-]'
  return `${c}(?:${inner}{0,61}${c})?`
}
const DNS_NAME = new RegExp(`^(?=.{1,253}$)${label(false)}(?:\\.${label(false)})*\\.?$`, 'i')
const DNS_NAME_UNDERSCORE = new RegExp(`^(?=.{1,253}$)${label(true)}(?:\\.${label(true)})*\\.?$`, 'i')

/** A dotted-quad IPv4 literal (its numbers unchecked: that is enough to tell it from a name). */
export const IPV4_LITERAL = /^\d{1,3}(?:\.\d{1,3}){3}$/

/**
 * Whether `name` is a DNS name. `underscore`: labels may also hold `_` (names auditors scan, such as service
 * records; never sent as SNI); `minLabels`: at least this many labels (2: no single-label intranet name).
 */
export function isDnsName(name: string, options: { underscore?: boolean; minLabels?: number } = {}): boolean {
  if (!(options.underscore ? DNS_NAME_UNDERSCORE : DNS_NAME).test(name)) return false
  return name.replace(/\.$/, '').split('.').length >= (options.minLabels ?? 1)
}
