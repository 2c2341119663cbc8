/**
 * Which hosts may ever be named to an online service (SPEC.md section 5). Never: IP literals (so no private or
 * loopback address), localhost, single-label names, and the suffixes used for local and private networks.
 */
import { IPV4_LITERAL, isDnsName } from './host-name.ts'

const LOCAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.localhost', '.localdomain', '.intranet', '.arpa']

export function isPublicHostname(hostname: string): boolean {
  if (typeof hostname !== 'string' || hostname.length === 0 || hostname.length > 253) return false
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host.includes(':') || host.startsWith('[')) return false // IPv6 literal
  if (IPV4_LITERAL.test(host)) return false
  if (host === 'localhost' || !host.includes('.')) return false
  if (LOCAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return false
  // Only plain DNS names (punycode included): nothing a service could misread.
  return isDnsName(host, { minLabels: 2 })
}
