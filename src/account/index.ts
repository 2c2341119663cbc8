/**
 * The account data Vigie ships (public/data/account.json, built by scripts/build-data.mjs from Plain Text
 * Offenders, 2fa.directory and Apple's password-manager-resources) and its lookup by site: pure functions, no
 * browser API, nothing asked of anyone. SPEC.md section 8.
 *
 * A host is looked up under its own name and each parent down to its registrable domain, the most specific first,
 * with the Public Suffix List (private suffixes included): login.example.co.uk finds example.co.uk, while
 * user.github.io stops at user.github.io and never reaches github.io. A leading "www." names the same site.
 * Hosting platforms the list does not know (squarespace.com, livejournal.com: `platforms` in the data) are the one
 * exception: a customer's shop.squarespace.com stops before squarespace.com, whose records are about the platform's
 * own accounts; only the platform's own hosts named by the data (account.squarespace.com) reach it.
 */
// tldts's own minified build: the same Public Suffix List and code as its "module" entry, which bundles to 140 KB more.
import { getDomain } from 'tldts/dist/index.esm.min.js'
import { TWO_FACTOR_METHODS, type AccountFacts, type TwoFactorMethod } from '../core/types.ts'

export const ACCOUNT_DATA_FORMAT = 2
export const ACCOUNT_DATA_PATH = 'data/account.json'

export interface DataSet {
  id: 'plaintextoffenders' | 'twofactorauth' | 'password-manager-resources'
  name: string
  repository: string
  /** The date of the copy Vigie was built from (ISO date). */
  date: string
  licence: string
  counts: Record<string, number>
}

/** The shipped file, as scripts/build-data.mjs writes it. */
export interface AccountData {
  format: number
  sets: DataSet[]
  /** domain -> [latest report's date, its post (an id on plaintextoffenders.com, or a whole URL), reports] */
  offenders: Record<string, [string, string, number]>
  reformed: string[]
  /** domains -> [methods space-separated (empty: no 2FA), index of the documentation address] */
  twoFactor: { docs: string[]; domains: Record<string, [string, number?]> }
  maxLength: Record<string, number>
  changePassword: Record<string, string>
  /** hosting platform -> the hosts under it the data name as the platform's own (its subdomains are customers' sites) */
  platforms: Record<string, string[]>
}

export interface AccountIndex {
  data: AccountData
  reformed: Set<string>
  platforms: Platforms
  dates: Record<DataSet['id'], string>
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Checks the shipped file's shape (its entries are checked as they are read); null for anything else. */
export function readAccountData(raw: unknown): AccountIndex | null {
  if (!isRecord(raw) || raw.format !== ACCOUNT_DATA_FORMAT || !Array.isArray(raw.sets)) return null
  const { offenders, reformed, twoFactor, maxLength, changePassword, platforms } = raw
  if (
    !isRecord(offenders) ||
    !Array.isArray(reformed) ||
    !isRecord(twoFactor) ||
    !isRecord(maxLength) ||
    !isRecord(changePassword)
  )
    return null
  if (
    !isRecord(platforms) ||
    !Object.values(platforms).every((hosts) => Array.isArray(hosts) && hosts.every((h) => typeof h === 'string'))
  )
    return null
  if (!Array.isArray(twoFactor.docs) || !isRecord(twoFactor.domains)) return null
  const dates = { plaintextoffenders: '', twofactorauth: '', 'password-manager-resources': '' }
  for (const set of raw.sets as unknown[]) {
    if (isRecord(set) && typeof set.id === 'string' && set.id in dates && typeof set.date === 'string') {
      dates[set.id as DataSet['id']] = set.date.slice(0, 10)
    }
  }
  return {
    data: raw as unknown as AccountData,
    reformed: new Set(reformed.filter((r) => typeof r === 'string')),
    platforms: new Map(
      Object.entries(platforms as Record<string, string[]>).map(([platform, hosts]) => [platform, new Set(hosts)]),
    ),
    dates,
  }
}

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/
const DNS_NAME = /^[a-z0-9_](?:[a-z0-9_-]{0,62})(?:\.[a-z0-9_](?:[a-z0-9_-]{0,62}))*$/

/** A host name in ASCII (punycode), lower case, without a trailing dot; null for IP literals and non-names. */
export function asciiHost(hostname: string): string | null {
  let host = hostname.trim().toLowerCase().replace(/\.$/, '')
  if (host.length === 0 || host.length > 253) return null
  // URL.hostname is punycode already; a name written in Unicode (a test, a data set) goes through the same IDNA.
  if (/[^\x20-\x7e]/.test(host)) {
    try {
      host = new URL(`http://${host}/`).hostname
    } catch {
      return null
    }
  }
  if (IPV4.test(host) || !DNS_NAME.test(host)) return null
  return host
}

/** Hosting platforms whose subdomains are customers' sites -> the hosts under each that are the platform's own. */
export type Platforms = ReadonlyMap<string, ReadonlySet<string>>

/**
 * The names a host is looked up under: the host and its parents down to its registrable domain, most specific first;
 * the walk stops before a hosting platform unless it came through one of the platform's own hosts.
 */
export function lookupNames(hostname: string, platforms: Platforms = new Map()): string[] {
  let host = asciiHost(hostname)
  if (host === null) return []
  if (host.startsWith('www.') && host.length > 4) host = host.slice(4)
  // Null when the host is itself a public suffix (gov.uk, github.io): then only that exact name is looked up.
  const registrable = getDomain(host, { allowPrivateDomains: true, extractHostname: false, detectIp: false })
  const names = [host]
  if (registrable === null || registrable === host || !host.endsWith(`.${registrable}`)) return names
  let name = host
  while (name !== registrable) {
    name = name.slice(name.indexOf('.') + 1)
    const own = platforms.get(name)
    if (own && !names.some((n) => own.has(n))) break
    names.push(name)
  }
  return names
}

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined

/** The first of `names` that `record` has a usable value for, with that value. */
function firstIn<T>(
  record: Record<string, T>,
  names: string[],
  usable: (value: T) => boolean = () => true,
): [string, T] | undefined {
  for (const name of names) {
    const value = own(record, name)
    if (value !== undefined && usable(value)) return [name, value]
  }
  return undefined
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/
const POST_ID = /^\d{1,25}$/
const WEB_URL = /^https?:\/\/[^\s"<>]{1,2040}$/

/** What the shipped data say about a host's accounts; undefined when they say nothing. */
export function accountFactsFor(index: AccountIndex, hostname: string): AccountFacts | undefined {
  const names = lookupNames(hostname, index.platforms)
  if (names.length === 0) return undefined
  const { data, dates } = index
  const facts: AccountFacts = {}

  const offender = firstIn(data.offenders, names)
  if (offender) {
    const [domain, [date, post, reports]] = offender
    const url = POST_ID.test(String(post)) ? `https://plaintextoffenders.com/post/${post}` : String(post)
    if (ISO_DATE.test(String(date)) && WEB_URL.test(url)) {
      // A site on the list of reformed ones, or under one, fixed it.
      const reformed = names.some((n) => index.reformed.has(n))
      facts.offender = {
        domain,
        date,
        url,
        reports: Number(reports) || 1,
        reformed,
        dataDate: dates.plaintextoffenders,
      }
    }
  }

  const twoFactor = firstIn(data.twoFactor.domains, names)
  if (twoFactor && Array.isArray(twoFactor[1])) {
    const [domain, [methods, doc]] = twoFactor
    const listed = String(methods).split(' ')
    const documentation = typeof doc === 'number' ? data.twoFactor.docs[doc] : undefined
    facts.twoFactor = {
      domain,
      methods: TWO_FACTOR_METHODS.filter((m): m is TwoFactorMethod => listed.includes(m)),
      ...(typeof documentation === 'string' && WEB_URL.test(documentation) ? { documentation } : {}),
      dataDate: dates.twofactorauth,
    }
  }

  const rules = firstIn(data.maxLength, names, (max) => Number.isInteger(max) && max > 0)
  if (rules) {
    facts.passwordRules = { domain: rules[0], maxLength: rules[1], dataDate: dates['password-manager-resources'] }
  }

  const change = firstIn(
    data.changePassword,
    names,
    (url) => typeof url === 'string' && /^https:\/\/[^\s"<>]{1,2040}$/.test(url),
  )
  if (change) facts.changePasswordUrl = change[1]

  return Object.keys(facts).length > 0 ? facts : undefined
}

/** What the popup shows about the account beyond the findings: the second factors offered, and the sources. */
export interface AccountSummary {
  twoFactor?: { methods: TwoFactorMethod[]; documentation?: string }
  changePasswordUrl?: string
  /** The data sets these facts come from, with the date of Vigie's copy. */
  sources: { id: DataSet['id']; date: string }[]
}

export function accountSummary(facts: AccountFacts, dates: AccountIndex['dates']): AccountSummary {
  const sources: AccountSummary['sources'] = []
  if (facts.offender && !facts.offender.reformed)
    sources.push({ id: 'plaintextoffenders', date: dates.plaintextoffenders })
  if (facts.twoFactor) sources.push({ id: 'twofactorauth', date: dates.twofactorauth })
  if (facts.passwordRules || facts.changePasswordUrl)
    sources.push({ id: 'password-manager-resources', date: dates['password-manager-resources'] })
  const twoFactor = facts.twoFactor
  return {
    ...(twoFactor
      ? {
          twoFactor: {
            methods: twoFactor.methods,
            ...(twoFactor.documentation ? { documentation: twoFactor.documentation } : {}),
          },
        }
      : {}),
    ...(facts.changePasswordUrl ? { changePasswordUrl: facts.changePasswordUrl } : {}),
    sources,
  }
}
