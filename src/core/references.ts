/**
 * Where to read more about each finding: a public reference (a standard, a browser vendor's or a project's page),
 * and for a grade an online service gave, that service's own page for the host. Data only; the report page links
 * to them (the user opens them; Vigie never fetches them).
 */
import type { FindingId } from './types.ts'

const RFC = (n: number, section?: string) =>
  `https://www.rfc-editor.org/rfc/rfc${n}${section ? `#section-${section}` : ''}`
const INSECURE_PASSWORDS = 'https://developer.mozilla.org/en-US/docs/Web/Security/Insecure_passwords'
const TLS_MDN = 'https://developer.mozilla.org/en-US/docs/Web/Security/Transport_Layer_Security'
const SSL_LABS_BEST_PRACTICES = 'https://github.com/ssllabs/research/wiki/SSL-and-TLS-Deployment-Best-Practices'
const NIST_PASSWORDS = 'https://pages.nist.gov/800-63-3/sp800-63b.html'

const FINDING_REFERENCES: Record<FindingId, string> = {
  'http-page': 'https://web.dev/articles/why-https-matters',
  'http-login-form': INSECURE_PASSWORDS,
  'form-action-http': INSECURE_PASSWORDS,
  'password-in-url':
    'https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url',
  'hsts-missing': RFC(6797),
  'hsts-invalid': RFC(6797, '6.1'),
  'hsts-short-max-age': RFC(6797, '6.1.1'),
  'hsts-no-subdomains': RFC(6797, '6.1.2'),
  'hsts-not-preloaded': 'https://hstspreload.org/',
  'cert-sha1': 'https://security.googleblog.com/2017/02/announcing-first-sha1-collision.html',
  'cert-not-ev': TLS_MDN,
  'cert-expired': TLS_MDN,
  'cert-expiring-soon': TLS_MDN,
  'cert-untrusted': TLS_MDN,
  'cert-weak-key': SSL_LABS_BEST_PRACTICES,
  'tls-legacy-protocol': RFC(8996),
  'tls-no-forward-secrecy': SSL_LABS_BEST_PRACTICES,
  'tls-weak-cipher': RFC(7465),
  'tls-no-tls13': RFC(8446),
  'ssllabs-grade': 'https://www.ssllabs.com/ssltest/',
  'observatory-grade': 'https://developer.mozilla.org/en-US/observatory',
  'tls-weak-dh': 'https://weakdh.org/',
  'tls-no-fallback-scsv': RFC(7507),
  'tls-vulnerable': RFC(7457),
  'tls-compression': RFC(7457, '2.6'),
  'http-not-redirected': RFC(6797, '7.2'),
  'plaintext-offender': 'https://plaintextoffenders.com/',
  'password-short-max-length': NIST_PASSWORDS,
  'no-2fa': 'https://2fa.directory/',
  '2fa-sms-only': NIST_PASSWORDS,
  'scan-incomplete': SSL_LABS_BEST_PRACTICES,
}

/** The page to read about a finding on this host: the service's own page for its grade, else the reference. */
export function referenceFor(id: FindingId, host: string): string {
  const name = encodeURIComponent(host.replace(/:\d+$/, ''))
  if (id === 'ssllabs-grade') return `https://www.ssllabs.com/ssltest/analyze.html?d=${name}`
  if (id === 'observatory-grade') return `https://developer.mozilla.org/en-US/observatory/analyze?host=${name}`
  if (id === 'hsts-not-preloaded') return `https://hstspreload.org/?domain=${name}`
  return FINDING_REFERENCES[id]
}
