// Builds the compact account data the extension ships (SPEC.md section 8) from the data sets in ../shared/data:
//   node scripts/build-data.mjs [SOURCE_DIR] [OUT_DIR]     (npm run data)
// SOURCE_DIR defaults to ../shared/data beside the project, OUT_DIR to public/data. Writes account.json (what the
// background loads on first need) and NOTICE.txt (each set's source, date and licence, as the licences ask).
// The output depends only on the sources: the same sources give the same bytes (a unit test checks it).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { domainToASCII } from 'node:url'
import { parse } from 'tldts'

const root = resolve(import.meta.dirname, '..')
/** The data sets beside the project (VIGIE_DATA_SOURCE elsewhere, e.g. to check a checkout without them). */
export const DEFAULT_SOURCE = process.env.VIGIE_DATA_SOURCE ?? resolve(root, '../shared/data')
export const DEFAULT_OUT = resolve(root, 'public/data')
export const FILES = ['account.json', 'NOTICE.txt']

/** The shipped form's version: the background refuses another. */
export const FORMAT = 2

/**
 * Domains whose subdomains are their users' own sites (site builders, blog hosts) and that the Public Suffix List
 * does not list. A record about such a platform (a report, its 2FA, its password rules) is about accounts on the
 * platform itself: the extension matches it on the platform's name, its www., and the hosts the data sets name as
 * the platform's own (see ownHosts), never on a customer's shop.squarespace.com. A domain the Public Suffix List
 * lists (github.io, blogspot.com, wixsite.com) needs no entry: its subdomains are registrable domains already.
 */
export const PLATFORMS = [
  'jimdo.com',
  'livejournal.com',
  'medium.com',
  'squarespace.com',
  'substack.com',
  'tumblr.com',
  'webnode.com',
  'webnode.fr',
  'weebly.com',
  'wordpress.com',
]

/** Each set: the folder in SOURCE_DIR, its name, repository and licence file. Dates come from the folder's README. */
const SETS = [
  {
    id: 'plaintextoffenders',
    name: 'Plain Text Offenders',
    repository: 'https://github.com/plaintextoffenders/plaintextoffenders',
    licenceFile: 'LICENSE',
  },
  {
    id: 'twofactorauth',
    name: '2fa.directory',
    repository: 'https://github.com/2factorauth/twofactorauth',
    licenceFile: 'LICENSE.md',
  },
  {
    id: 'password-manager-resources',
    name: "Apple's password-manager-resources",
    repository: 'https://github.com/apple/password-manager-resources',
    licenceFile: 'LICENSE.md',
  },
]

/** 2fa.directory's method names (SPEC.md section 8), in the order the extension lists them. */
const METHODS = ['sms', 'call', 'email', 'totp', 'u2f', 'custom-software', 'custom-hardware']

const POST = /^https:\/\/plaintextoffenders\.com\/post\/(\d{1,25})(?:\/|$)/

/**
 * A data set's site name as the extension compares it: lower case, punycode, no trailing dot; null when it is not
 * a host name under a known public suffix (the Plain Text Offenders list has a few free-text entries).
 */
export function normaliseDomain(raw) {
  let name = String(raw).trim().toLowerCase().replace(/\.$/, '')
  // "racketboy.com/store": the site is the host before the path.
  const slash = name.indexOf('/')
  if (slash > 0) name = name.slice(0, slash)
  if (name.startsWith('www.')) name = name.slice(4)
  const ascii = domainToASCII(name)
  if (ascii === '' || ascii.length > 253 || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return null
  // A name under no known public suffix ("rabota44.ruetc") names no site. A name that is itself a public suffix
  // (2fa.directory lists gov.uk and pythonanywhere.com) stays: the extension matches it on that host alone.
  const info = parse(ascii, { allowPrivateDomains: true })
  return info.isIcann || info.isPrivate ? ascii : null
}

/** `| \`folder/\` | source | date | licence | contents |` rows of the data README: each set's date and licence. */
export function readCatalogue(readme) {
  const sets = {}
  for (const line of readme.split('\n')) {
    const cells = line.split('|').map((c) => c.trim())
    const folder = /^`([a-z-]+)\/`$/.exec(cells[1] ?? '')
    if (!folder || !/^\d{4}-\d\d-\d\d/.test(cells[3] ?? '')) continue
    sets[folder[1]] = { date: cells[3].slice(0, 10), licence: cells[4] }
  }
  return sets
}

/** Minimal CSV reader for these files: a header line, then comma-separated fields (RFC 4180 quotes allowed). */
export function readCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  const [header, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '')
  return { header, rows: body }
}

const sortedObject = (entries) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))

function offendersOf(dir) {
  const offenders = readCsv(readFileSync(resolve(dir, 'offenders.csv'), 'utf8'))
  const reformed = readCsv(readFileSync(resolve(dir, 'reformed.csv'), 'utf8'))
  if (offenders.header.join() !== 'domain,post_url,post_date')
    throw new Error(`offenders.csv: unexpected header ${offenders.header}`)
  if (reformed.header.join() !== 'domain,post_url')
    throw new Error(`reformed.csv: unexpected header ${reformed.header}`)
  /** domain -> [latest report date, its post (id, or the whole URL), number of reports] */
  const byDomain = new Map()
  let skipped = 0
  for (const [domain, url, date] of offenders.rows) {
    const name = normaliseDomain(domain)
    const day = /^\d{4}-\d\d-\d\d/.exec(date ?? '')?.[0]
    if (name === null || !day || !/^https?:\/\//.test(url ?? '')) {
      skipped++
      continue
    }
    const post = POST.exec(url)?.[1] ?? url
    const known = byDomain.get(name)
    if (!known) byDomain.set(name, [day, post, 1])
    else byDomain.set(name, day >= known[0] ? [day, post, known[2] + 1] : [known[0], known[1], known[2] + 1])
  }
  const reformedNames = new Set()
  for (const [domain] of reformed.rows) {
    const name = normaliseDomain(domain)
    if (name !== null) reformedNames.add(name)
  }
  return {
    counts: {
      offenderRows: offenders.rows.length,
      offenderDomains: byDomain.size,
      offenderRowsSkipped: skipped,
      reformedRows: reformed.rows.length,
      reformedDomains: reformedNames.size,
    },
    offenders: sortedObject(byDomain),
    reformed: [...reformedNames].sort(),
  }
}

function twoFactorOf(dir) {
  const entries = JSON.parse(readFileSync(resolve(dir, 'entries.json'), 'utf8'))
  const names = Object.keys(entries).sort()
  /** domain -> { methods: Set, documentation } ; a domain named by several entries gets every method they list. */
  const byDomain = new Map()
  /** [the entry's domain, a host the entry names as its site's] */
  const named = []
  let withoutTfa = 0
  let skipped = 0
  for (const name of names) {
    const entry = entries[name]
    const tfa = Array.isArray(entry.tfa) ? entry.tfa.filter((m) => METHODS.includes(m)) : []
    if (tfa.length === 0) withoutTfa++
    const doc =
      typeof entry.documentation === 'string' && /^https?:\/\/[^\s]+$/.test(entry.documentation)
        ? entry.documentation
        : ''
    const domains = [entry.domain, ...(Array.isArray(entry['additional-domains']) ? entry['additional-domains'] : [])]
    // Where the entry says the site is (its address, its other domains): hosts of the entry's own site.
    const site = typeof entry.domain === 'string' ? normaliseDomain(entry.domain) : null
    if (site !== null) {
      for (const raw of [hostOf(entry.url), ...domains.slice(1)]) {
        const host = typeof raw === 'string' ? normaliseDomain(raw) : null
        if (host !== null) named.push([site, host])
      }
    }
    for (const raw of domains) {
      const domain = typeof raw === 'string' ? normaliseDomain(raw) : null
      if (domain === null) {
        skipped++
        continue
      }
      const known = byDomain.get(domain) ?? { methods: new Set(), documentation: '' }
      for (const m of tfa) known.methods.add(m)
      if (known.documentation === '' && tfa.length > 0) known.documentation = doc
      byDomain.set(domain, known)
    }
  }
  // Documentation addresses are long and shared by a site's domains: listed once, referred to by index.
  const docs = [...new Set([...byDomain.values()].map((v) => v.documentation).filter(Boolean))].sort()
  const index = new Map(docs.map((d, i) => [d, i]))
  const domains = sortedObject(
    [...byDomain].map(([domain, v]) => {
      const methods = METHODS.filter((m) => v.methods.has(m)).join(' ')
      return [domain, v.documentation ? [methods, index.get(v.documentation)] : [methods]]
    }),
  )
  return {
    counts: { entries: names.length, entriesWithoutTfa: withoutTfa, domains: byDomain.size, domainsSkipped: skipped },
    twoFactor: { docs, domains },
    named,
  }
}

function appleOf(dir) {
  const rules = JSON.parse(readFileSync(resolve(dir, 'password-rules.json'), 'utf8'))
  const urls = JSON.parse(readFileSync(resolve(dir, 'change-password-URLs.json'), 'utf8'))
  const maxLength = new Map()
  for (const [raw, value] of Object.entries(rules)) {
    const domain = normaliseDomain(raw)
    const max = /(?:^|;)\s*maxlength:\s*(\d{1,4})\s*(?:;|$)/.exec(value?.['password-rules'] ?? '')
    if (domain !== null && max) maxLength.set(domain, Number(max[1]))
  }
  const changePassword = new Map()
  /** [a domain, the host of its change-password page]: where that site's own account lives. */
  const named = []
  for (const [raw, url] of Object.entries(urls)) {
    const domain = normaliseDomain(raw)
    if (domain !== null && typeof url === 'string' && /^https:\/\/[^\s]+$/.test(url) && url.length <= 2048) {
      changePassword.set(domain, url)
      const host = normaliseDomain(hostOf(url) ?? '')
      if (host !== null) named.push([domain, host])
    }
  }
  return {
    counts: {
      passwordRules: Object.keys(rules).length,
      passwordRulesWithMaxLength: maxLength.size,
      changePasswordUrls: Object.keys(urls).length,
      changePasswordDomains: changePassword.size,
    },
    maxLength: sortedObject(maxLength),
    changePassword: sortedObject(changePassword),
    named,
  }
}

function hostOf(url) {
  if (typeof url !== 'string') return null
  try {
    return new URL(url).hostname
  } catch {
    return null
  }
}

const isUnder = (host, domain) => host.endsWith(`.${domain}`)

/**
 * Each platform's own hosts: the hosts under it that the data sets name for a site that is not itself under it (the
 * platform, or another domain of the same company). 2fa.directory's livejournal.com entry gives www.livejournal.com;
 * Apple's change-password page of squarespace.com is on account.squarespace.com, and jimdofree.com's on
 * dash.e.jimdo.com. A record of a customer's subdomain never makes its host the platform's.
 */
export function platformsOf(named, platforms = PLATFORMS) {
  return sortedObject(
    platforms.map((platform) => {
      const own = new Set()
      for (const [site, host] of named) if (isUnder(host, platform) && !isUnder(site, platform)) own.add(host)
      return [platform, [...own].sort()]
    }),
  )
}

/** Builds the shipped files from SOURCE_DIR; returns them by name, as strings. */
export function buildAccountData(sourceDir = DEFAULT_SOURCE) {
  const catalogue = readCatalogue(readFileSync(resolve(sourceDir, 'README.md'), 'utf8'))
  const sets = SETS.map((set) => {
    const known = catalogue[set.id]
    if (!known) throw new Error(`${sourceDir}/README.md has no row for ${set.id}/`)
    return { ...set, ...known }
  })
  const offenders = offendersOf(resolve(sourceDir, 'plaintextoffenders'))
  const twoFactor = twoFactorOf(resolve(sourceDir, 'twofactorauth'))
  const apple = appleOf(resolve(sourceDir, 'password-manager-resources'))
  const counts = {
    plaintextoffenders: offenders.counts,
    twofactorauth: twoFactor.counts,
    'password-manager-resources': apple.counts,
  }
  const data = {
    format: FORMAT,
    sets: sets.map(({ id, name, repository, date, licence }) => ({
      id,
      name,
      repository,
      date,
      licence,
      counts: counts[id],
    })),
    offenders: offenders.offenders,
    reformed: offenders.reformed,
    twoFactor: twoFactor.twoFactor,
    maxLength: apple.maxLength,
    changePassword: apple.changePassword,
    platforms: platformsOf([...twoFactor.named, ...apple.named]),
  }
  const notice = [
    'Vigie ships compact forms of these data sets (public/data/account.json, built by scripts/build-data.mjs).',
    'Each is used under its licence, reproduced below.',
    '',
    ...sets.flatMap((set) => [
      '='.repeat(100),
      `${set.name}`,
      `Source: ${set.repository} (data as of ${set.date})`,
      `Licence: ${set.licence}`,
      '='.repeat(100),
      '',
      readFileSync(resolve(sourceDir, set.id, set.licenceFile), 'utf8')
        .replace(/\r\n/g, '\n')
        .trimEnd(),
      '',
    ]),
  ].join('\n')
  return { 'account.json': `${JSON.stringify(data)}\n`, 'NOTICE.txt': `${notice}\n` }
}

export function writeAccountData(sourceDir = DEFAULT_SOURCE, outDir = DEFAULT_OUT) {
  const files = buildAccountData(sourceDir)
  mkdirSync(outDir, { recursive: true })
  for (const [name, text] of Object.entries(files)) writeFileSync(resolve(outDir, name), text)
  return files
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [source = DEFAULT_SOURCE, out = DEFAULT_OUT] = process.argv.slice(2)
  if (!existsSync(resolve(source, 'README.md'))) {
    console.error(`no data sets in ${source} (see ../shared/data/README.md)`)
    process.exit(2)
  }
  const files = writeAccountData(source, out)
  for (const [name, text] of Object.entries(files))
    console.log(`wrote ${resolve(out, name)} (${Buffer.byteLength(text)} bytes)`)
}
