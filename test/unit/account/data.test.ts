/**
 * The shipped account data (public/data, built by scripts/build-data.mjs from ../shared/data): rebuilt byte for byte,
 * counts that match the sources, each set's date and licence in the package and in README.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { getDomain } from 'tldts'
import {
  buildAccountData,
  DEFAULT_SOURCE,
  FILES,
  FORMAT,
  normaliseDomain,
  PLATFORMS,
  platformsOf,
  readCatalogue,
  readCsv,
  writeAccountData,
} from '../../../scripts/build-data.mjs'
import type { AccountData } from '../../../src/account/index.ts'

const root = resolve(import.meta.dirname, '../../..')
const shipped = (name: string) => readFileSync(resolve(root, 'public/data', name), 'utf8')
const data = JSON.parse(shipped('account.json')) as AccountData
const set = (id: string) => data.sets.find((s) => s.id === id)!
/** CI clones the project with ../shared beside it; a lone checkout still checks the shipped files against themselves. */
const hasSources = existsSync(resolve(DEFAULT_SOURCE, 'README.md'))

const temps: string[] = []
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })))
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-data-'))
  temps.push(dir)
  return dir
}

describe('the shipped files', () => {
  it(
    hasSources
      ? 'are what scripts/build-data.mjs builds from ../shared/data, byte for byte'
      : 'parse, and each table holds the count recorded when it was built (../shared/data is absent here)',
    () => {
      if (hasSources) {
        const out = tempDir()
        writeAccountData(DEFAULT_SOURCE, out)
        for (const name of FILES)
          expect(readFileSync(join(out, name)).equals(readFileSync(resolve(root, 'public/data', name))), name).toBe(
            true,
          )
        // The recorded counts are what the source files hold, read here independently of the build.
        const lines = (f: string) => readFileSync(resolve(DEFAULT_SOURCE, f), 'utf8').trim().split(/\r?\n/).length - 1
        const json = (f: string) =>
          JSON.parse(readFileSync(resolve(DEFAULT_SOURCE, f), 'utf8')) as Record<string, Record<string, unknown>>
        const entries = json('twofactorauth/entries.json')
        expect(lines('plaintextoffenders/offenders.csv')).toBe(set('plaintextoffenders').counts.offenderRows)
        expect(lines('plaintextoffenders/reformed.csv')).toBe(set('plaintextoffenders').counts.reformedRows)
        expect(Object.keys(entries).length).toBe(set('twofactorauth').counts.entries)
        expect(Object.values(entries).filter((e) => !('tfa' in e)).length).toBe(
          set('twofactorauth').counts.entriesWithoutTfa,
        )
        expect(Object.keys(json('password-manager-resources/password-rules.json')).length).toBe(
          set('password-manager-resources').counts.passwordRules,
        )
        expect(Object.keys(json('password-manager-resources/change-password-URLs.json')).length).toBe(
          set('password-manager-resources').counts.changePasswordUrls,
        )
      } else {
        expect(data.format).toBe(FORMAT)
        expect(shipped('NOTICE.txt')).toMatch(/Apache License/)
      }
      // Either way, the tables hold what the build recorded.
      expect(Object.keys(data.offenders)).toHaveLength(set('plaintextoffenders').counts.offenderDomains!)
      expect(data.reformed).toHaveLength(set('plaintextoffenders').counts.reformedDomains!)
      expect(Object.keys(data.twoFactor.domains)).toHaveLength(set('twofactorauth').counts.domains!)
      expect(Object.keys(data.maxLength)).toHaveLength(
        set('password-manager-resources').counts.passwordRulesWithMaxLength!,
      )
      expect(Object.keys(data.changePassword)).toHaveLength(
        set('password-manager-resources').counts.changePasswordDomains!,
      )
    },
  )

  it('record the sizes of the sources: 5,879 reports, 126 reformed sites, 2,566 2FA entries (685 without), 434 password rules, 651 change-password pages', () => {
    expect(set('plaintextoffenders').counts).toMatchObject({ offenderRows: 5879, reformedDomains: 126 })
    expect(set('twofactorauth').counts).toMatchObject({ entries: 2566, entriesWithoutTfa: 685 })
    expect(set('password-manager-resources').counts).toMatchObject({ passwordRules: 434, changePasswordUrls: 651 })
    // Rows that name no site (free text in the domain column) are the only ones left out.
    const pto = set('plaintextoffenders').counts
    expect(pto.offenderRowsSkipped).toBeLessThan(50)
    expect(set('twofactorauth').counts.domainsSkipped).toBe(0)
    expect(set('password-manager-resources').counts.changePasswordDomains).toBe(651)
  })

  it('carry each set with its date and licence, in NOTICE.txt and in README', () => {
    const notice = shipped('NOTICE.txt')
    const readme = readFileSync(resolve(root, 'README.md'), 'utf8')
    expect(data.sets.map((s) => [s.id, s.licence])).toEqual([
      ['plaintextoffenders', 'Apache-2.0'],
      ['twofactorauth', 'MIT'],
      ['password-manager-resources', 'MIT'],
    ])
    for (const s of data.sets) {
      expect(s.date).toMatch(/^\d{4}-\d\d-\d\d$/)
      expect(notice).toContain(`Source: ${s.repository} (data as of ${s.date})`)
      expect(notice).toContain(`Licence: ${s.licence}`)
      expect(readme).toContain(s.date)
      expect(readme).toContain(s.repository)
    }
    expect(notice).toMatch(/Apache License\s+Version 2\.0/)
    expect(notice.match(/Permission is hereby granted, free of charge/g)!.length).toBeGreaterThanOrEqual(2)
  })
})

describe('hosting platforms (issue #21)', () => {
  it('lists only domains the Public Suffix List leaves out, each named by a record of the data', () => {
    const records = new Set([
      ...Object.keys(data.offenders),
      ...Object.keys(data.twoFactor.domains),
      ...Object.keys(data.maxLength),
      ...Object.keys(data.changePassword),
    ])
    for (const platform of PLATFORMS) {
      expect(getDomain(`customer.${platform}`, { allowPrivateDomains: true }), platform).toBe(platform)
      expect(records.has(platform), platform).toBe(true)
    }
    expect(Object.keys(data.platforms)).toEqual([...PLATFORMS].sort())
  })
  it("takes a platform's own hosts from the sites' addresses and change-password pages, never from a customer's record", () => {
    const named: [string, string][] = [
      ['builder.example', 'account.builder.example'], // the platform's change-password page
      ['builder-free.example', 'dash.builder.example'], // another domain of the same company
      ['shop.builder.example', 'shop.builder.example'], // a customer's own record
      ['shop.builder.example', 'pay.builder.example'],
      ['other.example', 'login.other.example'], // not a platform
    ]
    expect(platformsOf(named, ['builder.example'])).toEqual({
      'builder.example': ['account.builder.example', 'dash.builder.example'],
    })
  })
  it('finds them in the shipped data: account.squarespace.com, dash.e.jimdo.com', () => {
    expect(data.platforms['squarespace.com']).toEqual(['account.squarespace.com'])
    expect(data.platforms['jimdo.com']).toEqual(['dash.e.jimdo.com'])
  })
})

describe('normaliseDomain', () => {
  it('lowers case, drops www. and a trailing dot', () => {
    expect(normaliseDomain('FatSecret.com')).toBe('fatsecret.com')
    expect(normaliseDomain('www.Example.co.uk.')).toBe('example.co.uk')
  })
  it('keeps the host of an entry written with a path', () =>
    expect(normaliseDomain('racketboy.com/store')).toBe('racketboy.com'))
  it('writes IDN names in punycode', () => {
    expect(normaliseDomain('minlæring.dk')).toBe(new URL('http://minlæring.dk/').hostname)
    expect(normaliseDomain('minlæring.dk')).toMatch(/^xn--minlring-[a-z0-9]+\.dk$/)
  })
  it('drops free text and names under no known suffix', () => {
    for (const text of [
      '',
      'etc.',
      'Mailman',
      'Takeaway.com / Thuisbezorgd.nl',
      'rabota44.ruetc.',
      'This greets me every time I log into BuildingLink.com.',
    ]) {
      expect(normaliseDomain(text), text).toBeNull()
    }
  })
  it('keeps a name that is itself a public suffix (matched on that host alone)', () =>
    expect(normaliseDomain('gov.uk')).toBe('gov.uk'))
})

describe('readCsv and readCatalogue', () => {
  it('reads quoted fields with commas and doubled quotes', () => {
    expect(readCsv('a,b\r\n"x, y","say ""hi"""\nz,w\n')).toEqual({
      header: ['a', 'b'],
      rows: [
        ['x, y', 'say "hi"'],
        ['z', 'w'],
      ],
    })
  })
  it("reads each set's date and licence from the data README's table", () => {
    const readme =
      '| folder | source | commit date | licence | contents |\n|---|---|---|---|---|\n| `twofactorauth/` | x | 2026-08-04 | MIT | y |\n'
    expect(readCatalogue(readme)).toEqual({ twofactorauth: { date: '2026-08-04', licence: 'MIT' } })
  })
})

/** A small source tree in the shape of ../shared/data, to pin the build's rules. */
function fixtureSources(): string {
  const dir = tempDir()
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  write(
    'README.md',
    [
      '| folder | source | commit date | licence | contents |',
      '|---|---|---|---|---|',
      '| `plaintextoffenders/` | a | 2021-05-30 (frozen since) | Apache-2.0 | b |',
      '| `twofactorauth/` | a | 2026-08-04 | MIT | b |',
      '| `password-manager-resources/` | a | 2026-08-22 | MIT | b |',
    ].join('\n'),
  )
  write('plaintextoffenders/LICENSE', 'Apache licence text')
  write('twofactorauth/LICENSE.md', 'MIT licence text (2fa)')
  write('password-manager-resources/LICENSE.md', 'MIT licence text (Apple)')
  write(
    'plaintextoffenders/offenders.csv',
    [
      'domain,post_url,post_date',
      'Old.example.com,https://plaintextoffenders.com/post/111/old,2012-01-01 10:00:00 GMT',
      'old.example.com,https://plaintextoffenders.com/post/333/newer,2015-03-04 10:00:00 GMT',
      'old.example.com,https://plaintextoffenders.com/post/222/middle,2013-01-01 10:00:00 GMT',
      'see a list of calls,https://plaintextoffenders.com/post/444/x,2013-01-01 10:00:00 GMT',
      'other.example.org,http://elsewhere.example/evidence,2014-01-01 10:00:00 GMT',
    ].join('\n'),
  )
  write(
    'plaintextoffenders/reformed.csv',
    'domain,post_url\nfixed.example.com,http://plaintextoffenders.com/post/1\nfixed.example.com,http://plaintextoffenders.com/post/2\n',
  )
  write(
    'twofactorauth/entries.json',
    JSON.stringify({
      B: { domain: 'shared.example.com', tfa: ['totp'], documentation: 'https://b.example/2fa' },
      A: {
        domain: 'shared.example.com',
        'additional-domains': ['a.example.com'],
        tfa: ['sms'],
        documentation: 'https://a.example/2fa',
      },
      C: { domain: 'none.example.com', contact: { twitter: 'c' } },
    }),
  )
  write(
    'password-manager-resources/password-rules.json',
    JSON.stringify({
      'x.example.com': { 'password-rules': 'minlength: 8; maxlength: 16;' },
      'y.example.com': { 'password-rules': 'minlength: 8;' },
    }),
  )
  write(
    'password-manager-resources/change-password-URLs.json',
    JSON.stringify({
      'x.example.com': 'https://x.example.com/pw',
      'bad.example.com': 'javascript:alert(1)',
      'wordpress.com': 'https://account.wordpress.com/pw',
    }),
  )
  return dir
}

describe('buildAccountData (on a small source tree)', () => {
  const built = JSON.parse(buildAccountData(fixtureSources())['account.json']) as AccountData
  it("keeps each site's latest report, with the number of reports, and a short post id", () => {
    expect(built.offenders['old.example.com']).toEqual(['2015-03-04', '333', 3])
  })
  it('keeps a whole evidence address that is not a plaintextoffenders.com post', () => {
    expect(built.offenders['other.example.org']).toEqual(['2014-01-01', 'http://elsewhere.example/evidence', 1])
  })
  it('leaves out rows that name no site, and counts them', () => {
    expect(Object.keys(built.offenders).sort()).toEqual(['old.example.com', 'other.example.org'])
    expect(built.sets[0]!.counts).toEqual({
      offenderRows: 5,
      offenderDomains: 2,
      offenderRowsSkipped: 1,
      reformedRows: 2,
      reformedDomains: 1,
    })
  })
  it('gives a domain named by several 2fa.directory entries every method they list, and counts additional domains', () => {
    expect(built.twoFactor.domains['shared.example.com']![0]).toBe('sms totp')
    expect(built.twoFactor.docs[built.twoFactor.domains['a.example.com']![1]!]).toBe('https://a.example/2fa')
    expect(built.twoFactor.domains['none.example.com']).toEqual([''])
    expect(built.sets[1]!.counts).toEqual({ entries: 3, entriesWithoutTfa: 1, domains: 3, domainsSkipped: 0 })
  })
  it("keeps Apple's maxlength rules and https change-password pages only", () => {
    expect(built.maxLength).toEqual({ 'x.example.com': 16 })
    expect(built.changePassword).toEqual({
      'wordpress.com': 'https://account.wordpress.com/pw',
      'x.example.com': 'https://x.example.com/pw',
    })
  })
  it("records each platform with its own hosts, from the sources' addresses", () => {
    expect(Object.keys(built.platforms)).toEqual([...PLATFORMS].sort())
    expect(built.platforms['wordpress.com']).toEqual(['account.wordpress.com'])
    expect(built.platforms['squarespace.com']).toEqual([])
  })
  it('gives the same bytes twice', () => {
    const dir = fixtureSources()
    expect(buildAccountData(dir)).toEqual(buildAccountData(dir))
  })
})
