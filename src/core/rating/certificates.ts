/**
 * Certificate rules that moved after the rating guide was written, as data with their sources (issue #20): the
 * CA/Browser Forum's maximum lifetime by issuance date, and the CAs browsers stopped trusting for certificates
 * issued after a date. Both only bind publicly trusted certificates: a root the user added (--ca,
 * NODE_EXTRA_CA_CERTS, a company's own CA) is exempt in browsers, and so it is here.
 */

export interface Source {
  title: string
  url: string
  /** ISO date of publication (or of the ballot's adoption). */
  date: string
}

export interface LifetimeLimit {
  /** Certificates issued (notBefore) on or after this day... */
  from: string
  /** ...may be valid for at most this many days. */
  maxDays: number
  source: Source
}

const SC081: Source = {
  title: 'CA/Browser Forum ballot SC-081v3, Baseline Requirements section 6.3.2',
  url: 'https://cabforum.org/2025/04/11/ballot-sc081v3-introduce-schedule-of-reducing-validity-and-data-reuse-periods/',
  date: '2025-04-11',
}

/** Newest first. A certificate issued before the first row's date falls to the next one. */
export const LIFETIME_LIMITS: readonly LifetimeLimit[] = [
  { from: '2029-03-15', maxDays: 47, source: SC081 },
  { from: '2027-03-15', maxDays: 100, source: SC081 },
  { from: '2026-03-15', maxDays: 200, source: SC081 },
  {
    from: '2020-09-01',
    maxDays: 398,
    source: {
      title: 'CA/Browser Forum ballot SC-31 (398 days), enforced by Apple, Google and Mozilla',
      url: 'https://cabforum.org/2020/07/16/ballot-sc31-browser-alignment/',
      date: '2020-07-16',
    },
  },
  {
    from: '2018-03-01',
    maxDays: 825,
    source: {
      title: 'CA/Browser Forum ballot 193 (825 days)',
      url: 'https://cabforum.org/2017/03/17/ballot-193-825-day-certificate-lifetimes/',
      date: '2017-03-17',
    },
  },
]

/** The limit that applied when a certificate was issued; null before 1 March 2018 (39 months then, not checked). */
export function lifetimeLimitFor(notBefore: string): LifetimeLimit | null {
  const issued = Date.parse(notBefore)
  if (Number.isNaN(issued)) return null
  return LIFETIME_LIMITS.find((l) => issued >= Date.parse(`${l.from}T00:00:00Z`)) ?? null
}

/**
 * The certificate's validity period in days as the Baseline Requirements count it (section 1.6.1: notBefore to
 * notAfter inclusive, so one second more than the difference). Null when a date cannot be read.
 */
export function lifetimeDays(notBefore: string, notAfter: string): number | null {
  const start = Date.parse(notBefore)
  const end = Date.parse(notAfter)
  if (Number.isNaN(start) || Number.isNaN(end)) return null
  return (end - start + 1000) / 86_400_000
}

export interface Distrust {
  /** The CA operator, as the report names it. */
  operator: string
  /** Organisation names (O=) of its roots and intermediates, matched against the chain's issuers. */
  organisations: readonly string[]
  /** Certificates issued (notBefore) on or after this day are not trusted. */
  from: string
  browser: string
  source: Source
}

export const DISTRUSTED: readonly Distrust[] = [
  {
    operator: 'Entrust',
    organisations: ['Entrust, Inc.', 'Entrust Datacard Limited', 'AffirmTrust'],
    from: '2024-11-12',
    browser: 'Chrome 131 and later',
    source: {
      title: 'Google Security Blog: Sustaining Digital Certificate Security - Entrust Certificate Distrust',
      url: 'https://security.googleblog.com/2024/06/sustaining-digital-certificate-security.html',
      date: '2024-06-27',
    },
  },
  {
    operator: 'Chunghwa Telecom',
    organisations: ['Chunghwa Telecom Co., Ltd.'],
    from: '2025-08-01',
    browser: 'Chrome 139 and later',
    source: {
      title:
        'Google Security Blog: Sustaining Digital Certificate Security - Upcoming Changes to the Chrome Root Store',
      url: 'https://security.googleblog.com/2025/05/sustaining-digital-certificate-security-chrome-root-store-changes.html',
      date: '2025-05-30',
    },
  },
  {
    operator: 'NetLock',
    organisations: ['NetLock Kft.'],
    from: '2025-08-01',
    browser: 'Chrome 139 and later',
    source: {
      title:
        'Google Security Blog: Sustaining Digital Certificate Security - Upcoming Changes to the Chrome Root Store',
      url: 'https://security.googleblog.com/2025/05/sustaining-digital-certificate-security-chrome-root-store-changes.html',
      date: '2025-05-30',
    },
  },
]

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * Whether a distinguished name, as the core's summaries write it ("C=US, O=Entrust, Inc., CN=..."; values are not
 * escaped, so a comma may sit inside one), carries this organisation.
 */
function hasOrganisation(dn: string, organisation: string): boolean {
  return new RegExp(`(?:^|, )O=${escape(organisation)}(?:, [A-Za-z0-9.]+=|$)`).test(dn)
}

/** The distrust rule that catches a leaf issued on notBefore under a chain with these issuer names, if any. */
export function distrustFor(issuers: readonly string[], notBefore: string): Distrust | null {
  const issued = Date.parse(notBefore)
  if (Number.isNaN(issued)) return null
  return (
    DISTRUSTED.find(
      (d) =>
        issued >= Date.parse(`${d.from}T00:00:00Z`) &&
        d.organisations.some((o) => issuers.some((dn) => hasOrganisation(dn, o))),
    ) ?? null
  )
}
