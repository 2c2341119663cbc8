/** Matching a host to the shipped account data by registrable domain (Public Suffix List, through tldts). */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  accountFactsFor,
  accountSummary,
  lookupNames,
  readAccountData,
  type AccountData,
  type AccountIndex,
} from '../../../src/account/index.ts'

const shipped = readAccountData(
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../../../public/data/account.json'), 'utf8')),
)!

/** A small index in the shipped format, to pin the rules on names the real data may not hold. */
function fixture(): AccountIndex {
  const data: AccountData = {
    format: 2,
    sets: [
      { id: 'plaintextoffenders', name: 'PTO', repository: 'r', date: '2021-05-30', licence: 'Apache-2.0', counts: {} },
      { id: 'twofactorauth', name: '2FA', repository: 'r', date: '2026-08-04', licence: 'MIT', counts: {} },
      {
        id: 'password-manager-resources',
        name: 'Apple',
        repository: 'r',
        date: '2026-08-22',
        licence: 'MIT',
        counts: {},
      },
    ],
    offenders: {
      'example.co.uk': ['2013-05-28', '42', 1],
      'shop.example.com': ['2016-01-02', '7', 2],
      'example.com': ['2012-01-01', 'https://evidence.example.org/post', 1],
      'fixed.example.net': ['2014-01-01', '9', 1],
      'xn--bcher-kva.de': ['2015-01-01', '10', 1],
      'builder.example': ['2013-01-01', '11', 1],
    },
    reformed: ['fixed.example.net'],
    twoFactor: {
      docs: ['https://github.io.example/docs'],
      domains: { 'github.io': ['totp', 0], 'pythonanywhere.com': ['totp u2f', 0] },
    },
    maxLength: { 'example.co.uk': 16 },
    changePassword: { 'example.co.uk': 'https://example.co.uk/password', 'bad.example.co.uk': 'javascript:alert(1)' },
    platforms: { 'builder.example': ['account.builder.example'] },
  }
  return readAccountData(data)!
}

describe('lookupNames', () => {
  it('walks from the host down to its registrable domain, most specific first', () => {
    expect(lookupNames('a.login.example.co.uk')).toEqual([
      'a.login.example.co.uk',
      'login.example.co.uk',
      'example.co.uk',
    ])
  })
  it('stops at a registrable domain under a private suffix: user.github.io is not github.io', () => {
    expect(lookupNames('user.github.io')).toEqual(['user.github.io'])
    expect(lookupNames('blog.user.github.io')).toEqual(['blog.user.github.io', 'user.github.io'])
  })
  it('looks a public suffix up on that exact name only', () => expect(lookupNames('github.io')).toEqual(['github.io']))
  it('takes www. for the site itself', () => expect(lookupNames('www.example.co.uk')).toEqual(['example.co.uk']))
  it("stops before a hosting platform, unless the walk comes through the platform's own host", () => {
    const platforms = new Map([['builder.example', new Set(['account.builder.example'])]])
    expect(lookupNames('shop.builder.example', platforms)).toEqual(['shop.builder.example'])
    expect(lookupNames('www.shop.builder.example', platforms)).toEqual(['shop.builder.example'])
    expect(lookupNames('a.shop.builder.example', platforms)).toEqual(['a.shop.builder.example', 'shop.builder.example'])
    expect(lookupNames('account.builder.example', platforms)).toEqual(['account.builder.example', 'builder.example'])
    expect(lookupNames('login.account.builder.example', platforms)).toEqual([
      'login.account.builder.example',
      'account.builder.example',
      'builder.example',
    ])
    expect(lookupNames('www.builder.example', platforms)).toEqual(['builder.example'])
    // An ordinary site is matched as before.
    expect(lookupNames('login.example.co.uk', platforms)).toEqual(['login.example.co.uk', 'example.co.uk'])
  })
  it('compares IDN hosts in punycode', () => {
    expect(lookupNames('shop.bücher.de')).toEqual(['shop.xn--bcher-kva.de', 'xn--bcher-kva.de'])
    expect(lookupNames('SHOP.XN--BCHER-KVA.DE.')).toEqual(['shop.xn--bcher-kva.de', 'xn--bcher-kva.de'])
  })
  it('has nothing for IP literals and names that are not host names', () => {
    for (const host of ['127.0.0.1', '[::1]', '', 'a b.example.com', 'x'.repeat(300)])
      expect(lookupNames(host), host).toEqual([])
  })
})

describe('accountFactsFor, on a small index', () => {
  const index = fixture()
  it('finds login.example.co.uk under example.co.uk, with the evidence link, rules and change-password page', () => {
    expect(accountFactsFor(index, 'login.example.co.uk')).toEqual({
      offender: {
        domain: 'example.co.uk',
        date: '2013-05-28',
        url: 'https://plaintextoffenders.com/post/42',
        reports: 1,
        reformed: false,
        dataDate: '2021-05-30',
      },
      passwordRules: { domain: 'example.co.uk', maxLength: 16, dataDate: '2026-08-22' },
      changePasswordUrl: 'https://example.co.uk/password',
    })
  })
  it('prefers the most specific entry', () => {
    expect(accountFactsFor(index, 'shop.example.com')?.offender?.date).toBe('2016-01-02')
    expect(accountFactsFor(index, 'www.example.com')?.offender).toMatchObject({
      date: '2012-01-01',
      url: 'https://evidence.example.org/post',
    })
  })
  it('marks a site on the reformed list, and its subdomains', () => {
    expect(accountFactsFor(index, 'login.fixed.example.net')?.offender?.reformed).toBe(true)
  })
  it('does not give user.github.io what the data say about github.io', () => {
    expect(accountFactsFor(index, 'user.github.io')).toBeUndefined()
    expect(accountFactsFor(index, 'github.io')?.twoFactor?.methods).toEqual(['totp'])
  })
  it('matches an IDN host written either way', () => {
    expect(accountFactsFor(index, 'bücher.de')?.offender?.domain).toBe('xn--bcher-kva.de')
    expect(accountFactsFor(index, 'login.xn--bcher-kva.de')?.offender?.domain).toBe('xn--bcher-kva.de')
  })
  it('drops a change-password address that is not https', () => {
    expect(accountFactsFor(index, 'bad.example.co.uk')?.changePasswordUrl).toBe('https://example.co.uk/password')
  })
  it("applies a hosting platform's record to the platform and its own hosts, not to its customers' sites", () => {
    for (const host of ['builder.example', 'www.builder.example', 'account.builder.example'])
      expect(accountFactsFor(index, host)?.offender?.domain, host).toBe('builder.example')
    for (const host of ['shop.builder.example', 'www.shop.builder.example', 'a.b.builder.example'])
      expect(accountFactsFor(index, host), host).toBeUndefined()
  })
  it('says nothing about unknown hosts, IP literals, or names that only look like a listed one', () => {
    for (const host of ['unknown.example.org', '127.0.0.1', 'notexample.co.uk', 'example.co.uk.evil.test'])
      expect(accountFactsFor(index, host), host).toBeUndefined()
  })
  it('reads no inherited property as data', () => {
    expect(accountFactsFor(index, 'constructor')).toBeUndefined()
    expect(accountFactsFor(index, '__proto__')).toBeUndefined()
    expect(accountFactsFor(index, 'hasownproperty')).toBeUndefined()
  })
})

describe('accountFactsFor, on the shipped data', () => {
  it('finds an offender from its login subdomain, with the change-password page Apple lists', () => {
    const facts = accountFactsFor(shipped, 'login.dailymail.co.uk')
    expect(facts?.offender).toMatchObject({ domain: 'dailymail.co.uk', reformed: false, dataDate: '2021-05-30' })
    expect(facts?.offender?.url).toMatch(/^https:\/\/plaintextoffenders\.com\/post\/\d+$/)
    expect(facts?.changePasswordUrl).toMatch(/^https:\/\//)
  })
  it("counts 2fa.directory's additional domains", () => {
    expect(accountFactsFor(shipped, '1password.ca')?.twoFactor).toMatchObject({
      domain: '1password.ca',
      methods: ['totp', 'u2f', 'custom-software', 'custom-hardware'],
    })
    expect(accountFactsFor(shipped, 'my.1password.eu')?.twoFactor?.documentation).toBe(
      'https://support.1password.com/two-factor-authentication/',
    )
  })
  it('finds the IDN offender of the list from its Unicode name', () => {
    expect(accountFactsFor(shipped, 'www.minlæring.dk')?.offender?.date).toBe('2016-03-21')
  })
  it('finds sites without 2FA and with SMS only', () => {
    expect(accountFactsFor(shipped, 'www.alltrails.com')?.twoFactor?.methods).toEqual([])
    expect(accountFactsFor(shipped, 'bitly.com')?.twoFactor?.methods).toEqual(['sms'])
  })
  it("keeps a hosting platform's report and 2FA on the platform's own login hosts (issue #21)", () => {
    for (const host of ['squarespace.com', 'www.squarespace.com', 'account.squarespace.com']) {
      expect(accountFactsFor(shipped, host)?.offender?.domain, host).toBe('squarespace.com')
      expect(accountFactsFor(shipped, host)?.twoFactor?.methods, host).toEqual(['sms', 'totp'])
    }
    expect(accountFactsFor(shipped, 'dash.e.jimdo.com')?.offender?.domain).toBe('jimdo.com')
    expect(accountFactsFor(shipped, 'www.webnode.com')?.offender?.domain).toBe('webnode.com')
    expect(accountFactsFor(shipped, 'www.livejournal.com')?.twoFactor?.methods).toEqual([])
  })
  it("does not carry a hosting platform's record to its customers' sites (issue #21)", () => {
    for (const host of [
      'my-bakery.squarespace.com',
      'shop.jimdo.com',
      'mysite.webnode.com',
      'monsite.webnode.fr',
      'someone.livejournal.com',
      'blog.wordpress.com',
    ]) {
      expect(accountFactsFor(shipped, host), host).toBeUndefined()
    }
  })
  it('still matches an ordinary site from its subdomains', () => {
    expect(accountFactsFor(shipped, 'login.alltrails.com')?.twoFactor?.domain).toBe('alltrails.com')
    expect(accountFactsFor(shipped, 'accounts.bitly.com')?.twoFactor?.methods).toEqual(['sms'])
  })
  it('finds a site on the reformed list nowhere among the flagged ones', () => {
    expect(shipped.reformed.has('chesskid.com')).toBe(true)
    expect(accountFactsFor(shipped, 'chesskid.com')?.offender).toBeUndefined()
  })
})

describe('accountSummary', () => {
  it('names the sets that said something, with their dates, and the second factors offered', () => {
    const index = fixture()
    expect(accountSummary(accountFactsFor(index, 'github.io')!, index.dates)).toEqual({
      twoFactor: { methods: ['totp'], documentation: 'https://github.io.example/docs' },
      sources: [{ id: 'twofactorauth', date: '2026-08-04' }],
    })
    expect(accountSummary(accountFactsFor(index, 'example.co.uk')!, index.dates).sources.map((s) => s.id)).toEqual([
      'plaintextoffenders',
      'password-manager-resources',
    ])
  })
})

describe('readAccountData', () => {
  it('refuses another format or shape', () => {
    expect(readAccountData(null)).toBeNull()
    expect(readAccountData({ ...fixture().data, format: 1 })).toBeNull()
    expect(readAccountData({ ...fixture().data, offenders: [] })).toBeNull()
    // Format 1 had no platforms: read without them, it would carry platforms' records to their customers.
    const { platforms: _, ...withoutPlatforms } = fixture().data
    expect(readAccountData(withoutPlatforms)).toBeNull()
    expect(readAccountData({ ...fixture().data, platforms: { 'builder.example': [1] } })).toBeNull()
  })
})
