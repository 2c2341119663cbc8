/**
 * The rubric as data (SPEC.md section 4). For each finding and each strictness level: a severity and the highest
 * grade the finding allows (its cap). The site's grade is the lowest cap among its findings.
 * docs/RUBRIC.md is generated from this file; a test fails when the two differ.
 */
import type { FindingId, Grade, Severity, Strictness } from './types.ts'

export interface Rule {
  severity: Severity
  cap: Grade
}

export type Levels = Record<Strictness, Rule>

export interface RubricRow {
  /** The ordinary rule. */
  levels: Levels
  /** Named variants a check can select (for example a form that carries a password). */
  variants?: Record<string, { label: string; levels: Levels }>
  /** The finding carries the service's own grade, and the site is capped at it too. */
  capsAtSourceGrade?: true
}

const same = (severity: Severity, cap: Grade): Levels => ({
  relaxed: { severity, cap },
  standard: { severity, cap },
  strict: { severity, cap },
})

const levels = (relaxed: [Severity, Grade], standard: [Severity, Grade], strict: [Severity, Grade]): Levels => ({
  relaxed: { severity: relaxed[0], cap: relaxed[1] },
  standard: { severity: standard[0], cap: standard[1] },
  strict: { severity: strict[0], cap: strict[1] },
})

/** No effect on the grade: shown for information only. */
const INFO: [Severity, Grade] = ['info', 'A+']

export const RUBRIC = {
  'http-page': { levels: levels(['high', 'C'], ['high', 'C'], ['high', 'D']) },
  'http-login-form': { levels: same('critical', 'F') },
  'form-action-http': {
    levels: levels(['high', 'C'], ['high', 'C'], ['high', 'D']),
    variants: { password: { label: 'the form holds a password', levels: same('critical', 'F') } },
  },
  'password-in-url': { levels: levels(['medium', 'C'], ['high', 'D'], ['high', 'E']) },
  'hsts-missing': { levels: levels(['medium', 'A-'], ['medium', 'B'], ['high', 'C']) },
  'hsts-invalid': { levels: levels(['medium', 'A-'], ['medium', 'B'], ['high', 'C']) },
  'hsts-short-max-age': { levels: levels(['low', 'A-'], ['low', 'A-'], ['medium', 'B']) },
  'hsts-no-subdomains': { levels: levels(INFO, ['low', 'A'], ['medium', 'A-']) },
  'hsts-not-preloaded': { levels: levels(INFO, INFO, ['low', 'A-']) },
  'cert-sha1': { levels: same('critical', 'F') },
  'cert-not-ev': { levels: levels(INFO, INFO, ['low', 'A-']) },
  'cert-expired': { levels: same('critical', 'F') },
  'cert-expiring-soon': { levels: levels(INFO, ['low', 'A'], ['medium', 'A-']) },
  'cert-untrusted': { levels: levels(['high', 'E'], ['critical', 'F'], ['critical', 'F']) },
  'cert-weak-key': { levels: levels(['medium', 'B'], ['high', 'C'], ['high', 'D']) },
  'tls-legacy-protocol': {
    levels: levels(['medium', 'B'], ['high', 'C'], ['high', 'D']),
    variants: { ssl3: { label: 'SSL 3 or older', levels: same('critical', 'F') } },
  },
  'tls-no-forward-secrecy': { levels: levels(['medium', 'B'], ['medium', 'B'], ['high', 'C']) },
  'tls-weak-cipher': {
    levels: levels(['high', 'C'], ['high', 'C'], ['high', 'D']),
    variants: { broken: { label: 'NULL, EXPORT or anonymous suites', levels: same('critical', 'F') } },
  },
  'tls-no-tls13': { levels: levels(INFO, ['low', 'A'], ['low', 'A-']) },
  'ssllabs-grade': { levels: same('high', 'A+'), capsAtSourceGrade: true },
  'observatory-grade': { levels: levels(['low', 'A-'], ['medium', 'B'], ['medium', 'C']) },
  // As SSL Labs: a DH group of 1024 bits caps at B, an export-grade one (below 1024) fails.
  'tls-weak-dh': {
    levels: levels(['medium', 'B'], ['medium', 'B'], ['high', 'C']),
    variants: { broken: { label: 'below 1024 bits (export grade, Logjam)', levels: same('critical', 'F') } },
  },
  // As SSL Labs: no downgrade protection caps at A-.
  'tls-no-fallback-scsv': { levels: levels(['low', 'A'], ['low', 'A-'], ['medium', 'B']) },
  // As SSL Labs: Heartbleed, the OpenSSL CCS injection and ROBOT fail a server (they expose what users send).
  'tls-vulnerable': { levels: same('critical', 'F') },
  // As SSL Labs and testssl.sh today: TLS compression (CRIME) caps at C.
  'tls-compression': { levels: levels(['medium', 'B'], ['high', 'C'], ['high', 'C']) },
  'http-not-redirected': { levels: levels(['low', 'A'], ['medium', 'A-'], ['medium', 'B']) },
  // Account signals from shipped data (SPEC.md section 8): what the site does with passwords and second factors.
  'plaintext-offender': { levels: levels(['medium', 'B'], ['high', 'C'], ['high', 'D']) },
  'password-short-max-length': {
    levels: levels(['low', 'A'], ['low', 'A-'], ['medium', 'B']),
    variants: {
      'very-short': {
        label: 'the cap is below 20 characters',
        levels: levels(['medium', 'B'], ['medium', 'B'], ['high', 'C']),
      },
    },
  },
  'no-2fa': { levels: levels(INFO, ['low', 'A-'], ['medium', 'B']) },
  '2fa-sms-only': { levels: levels(INFO, ['low', 'A'], ['low', 'A-']) },
  // Issue #21: a grade is never better than what was seen. Not a weakness, so not lower than A at standard.
  'scan-incomplete': { levels: levels(['low', 'A'], ['low', 'A'], ['medium', 'A-']) },
} as const satisfies Record<FindingId, RubricRow>

const DAY = 86_400

/** Numeric thresholds the checks use, per level where they vary. Part of the published rubric. */
export const THRESHOLDS = {
  /** hsts-short-max-age below this many seconds. */
  hstsMinMaxAge: { relaxed: 30 * DAY, standard: 180 * DAY, strict: 365 * DAY },
  /** cert-expiring-soon within this many days of notAfter. */
  certExpiringSoonDays: 14,
  /** cert-weak-key below these sizes in bits. */
  minRsaBits: 2048,
  minEcBits: 256,
  /** tls-weak-dh below this many bits; its broken variant below brokenDhBits. */
  minDhBits: 2048,
  brokenDhBits: 1024,
  /** ssllabs-grade and observatory-grade when the service's grade is below this bar. */
  ssllabsBar: { relaxed: 'B', standard: 'A-', strict: 'A' },
  observatoryBar: { relaxed: 'C', standard: 'B', strict: 'A-' },
  /**
   * password-short-max-length below this many characters (NIST SP 800-63B section 3.1.1.2: verifiers should
   * allow at least 64), its very-short variant below the second; fields capped below the third are taken for
   * PIN or code boxes, not passwords.
   */
  passwordMaxLength: 64,
  passwordMaxLengthVeryShort: 20,
  passwordFieldMinCap: 8,
} as const satisfies {
  hstsMinMaxAge: Record<Strictness, number>
  certExpiringSoonDays: number
  minRsaBits: number
  minEcBits: number
  minDhBits: number
  brokenDhBits: number
  ssllabsBar: Record<Strictness, Grade>
  observatoryBar: Record<Strictness, Grade>
  passwordMaxLength: number
  passwordMaxLengthVeryShort: number
  passwordFieldMinCap: number
}

export function ruleFor(id: FindingId, strictness: Strictness, variant?: string): Rule {
  const row: RubricRow = RUBRIC[id]
  const chosen = variant !== undefined ? row.variants?.[variant] : undefined
  return (chosen ?? row).levels[strictness]
}
