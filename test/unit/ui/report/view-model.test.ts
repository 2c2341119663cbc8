/** The options and report pages' view models, as plain functions with the English words. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HostEntry } from '../../../../src/messages.ts'
import { DEFAULT_SETTINGS, resolveSettings } from '../../../../src/settings.ts'
import { optionsView, previewTab } from '../../../../src/ui/options/view-model.ts'
import {
  exportJson,
  exportMarkdown,
  reportView,
  shortAgo,
  sortEntries,
  summarise,
} from '../../../../src/ui/report/view-model.ts'
import { hostKey } from '../../../../src/core/page-key.ts'
import { FINDING_IDS } from '../../../../src/core/types.ts'

const en: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/en/messages.json'), 'utf8'),
)
const t = (key: string, subs: string[] = []) =>
  (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')

const fr: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/fr/messages.json'), 'utf8'),
)
const tf = (key: string, subs: string[] = []) =>
  (fr[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')

const clock = { now: Date.UTC(2026, 5, 4), language: 'en', formatDate: () => 'full' }

const entries: HostEntry[] = [
  { host: 'b.example', grade: 'A+', findings: [], strictness: 'standard', at: Date.UTC(2026, 5, 2) },
  {
    host: 'a.example',
    grade: 'F',
    findings: ['http-page', 'http-login-form', 'cert-not-ev'],
    strictness: 'standard',
    at: Date.UTC(2026, 5, 1),
  },
  { host: 'c|pipe.example', grade: 'B', findings: ['hsts-missing'], strictness: 'strict', at: Date.UTC(2026, 5, 3) },
]

describe('resolveSettings', () => {
  it('defaults to standard with every online source off', () => {
    expect(resolveSettings({}).values).toEqual(DEFAULT_SETTINGS)
    expect(
      DEFAULT_SETTINGS.ssllabs.enabled || DEFAULT_SETTINGS.observatory.enabled || DEFAULT_SETTINGS.hstspreload.enabled,
    ).toBe(false)
  })
  it('lets managed values win and marks them locked', () => {
    const r = resolveSettings({ strictness: 'relaxed' }, { strictness: 'strict' })
    expect(r.values.strictness).toBe('strict')
    expect(r.locked).toEqual(['strictness'])
  })
  it('ignores invalid values from either store', () => {
    const r = resolveSettings({ strictness: 'paranoid', ssllabs: { enabled: 'yes' } }, { observatory: 42 })
    expect(r.values).toEqual(DEFAULT_SETTINGS)
    expect(r.locked).toEqual([])
  })
})

describe('optionsView', () => {
  it('says what is stored only once the background told, never a zero it does not know', () => {
    expect(optionsView(resolveSettings({}), t).data.summary).toBeUndefined()
    expect(optionsView(resolveSettings({}), t, { data: { hosts: 2, online: 1 } }).data.summary).toBe(
      'Sites remembered: 2. Online answers cached: 1.',
    )
  })
  it('previews the current site at each level', () => {
    const view = optionsView(resolveSettings({}), t, {
      preview: { host: 'a.example', grades: { relaxed: 'A', standard: 'B', strict: 'C' } },
    })
    expect(view.strictness.preview).toEqual({
      intro: 'On a.example the grade would be:',
      host: 'a.example',
      items: [
        { label: 'Relaxed', grade: 'A', current: false },
        { label: 'Standard', grade: 'B', current: true },
        { label: 'Strict', grade: 'C', current: false },
      ],
    })
  })
  it('says "recommended" once, as a tag, and explains Strict in plain words', () => {
    const view = optionsView(resolveSettings({}), t)
    expect(view.strictness.choices.map((c) => c.tag)).toEqual([undefined, 'Recommended', undefined])
    expect(view.strictness.choices.map((c) => c.label).join()).not.toMatch(/recommended/i)
    expect(view.strictness.choices[2]!.help).not.toMatch(/\b(EV|HSTS|forward secrecy)\b/)
  })
  it('names each source with its article, in French too', () => {
    expect(optionsView(resolveSettings({}), tf).online.sources.map((s) => s.switchLabel)).toEqual([
      'Utiliser SSL Labs',
      'Utiliser l’Observatoire HTTP',
      'Utiliser la liste de préchargement HSTS',
    ])
  })
  it('gives SSL Labs steps a person can follow, and the email only while SSL Labs is on', () => {
    const on = optionsView(resolveSettings({ ssllabs: { enabled: true, mode: 'on-demand' } }), t).email!
    expect(on.steps).toHaveLength(3)
    expect([on.help, ...on.steps!].join(' ')).not.toMatch(/POST|\/api\/v4/)
    expect(optionsView(resolveSettings({}), t).email).toBeUndefined()
    // Locked off by an administrator: no email either, whatever the user once chose.
    const lockedOff = resolveSettings(
      { ssllabs: { enabled: true, mode: 'on-demand' } },
      { ssllabs: { enabled: false, mode: 'on-demand' } },
    )
    expect(optionsView(lockedOff, t).email).toBeUndefined()
    // Locked on, with the email fixed too: shown, and marked locked.
    const lockedOn = resolveSettings({}, { ssllabs: { enabled: true, mode: 'always' }, ssllabsEmail: 'a@b.example' })
    expect(optionsView(lockedOn, t).email).toMatchObject({ value: 'a@b.example', locked: true })
  })
  it('says what each source sends where', () => {
    const view = optionsView(resolveSettings({}), t)
    expect(view.online.sources.map((s) => s.sends)).toEqual([
      en.sends_ssllabs!.message,
      en.sends_observatory!.message,
      en.sends_hstspreload!.message,
    ])
  })
  it('marks locked settings, and says once at the top that the organisation manages them', () => {
    const view = optionsView(resolveSettings({}, { ssllabs: { enabled: false, mode: 'on-demand' } }), t)
    expect(view.online.sources.find((s) => s.id === 'ssllabs')!.locked).toBe(true)
    expect(view.strictness.locked).toBe(false)
    expect(view.managed).toEqual({ title: en.optionsManaged!.message, text: en.optionsManagedWhy!.message })
    expect(view.lockedLabel).toBe('Set by your organisation')
    expect(optionsView(resolveSettings({}), t).managed).toBeUndefined()
  })
  it('shows an SSL Labs problem under the email', () => {
    const on = resolveSettings({ ssllabs: { enabled: true, mode: 'on-demand' } })
    expect(optionsView(on, t, { problems: { ssllabs: 'unregistered' } }).email!.problem).toMatch(
      /register it with SSL Labs/,
    )
  })
})

describe('reportView', () => {
  it('sorts by grade, worst first, by default order of the page', () => {
    expect(sortEntries(entries, { key: 'grade', descending: true }).map((e) => e.host)).toEqual([
      'a.example',
      'c|pipe.example',
      'b.example',
    ])
  })
  it('sorts by host', () => {
    expect(sortEntries(entries, { key: 'host', descending: false }).map((e) => e.host)).toEqual([
      'a.example',
      'b.example',
      'c|pipe.example',
    ])
  })
  it('gives each row its main findings, worst first, without the informational ones', () => {
    const view = reportView(entries, { key: 'host', descending: false }, t, clock)
    expect(view.rows[0]).toMatchObject({
      host: 'a.example',
      main: ['Password field on an unencrypted page', 'Page not encrypted'],
      level: 'Standard',
    })
    expect(view.rows[0]!.findings.map((f) => f.id)).toEqual(['http-login-form', 'http-page', 'cert-not-ev'])
    expect(view.columns.find((c) => c.key === 'host')!.sort).toBe('ascending')
  })
  it('says when nothing was graded yet', () => {
    const view = reportView([], { key: 'grade', descending: true }, t, clock)
    expect(view.empty).toBe(en.reportEmpty!.message)
    expect(view.exportDisabled).toBe(en.reportNoReport!.message)
    expect(reportView(entries, { key: 'grade', descending: true }, t, clock)).not.toHaveProperty('exportDisabled')
  })
  it('gives a host the worst grade among its pages, whichever page was graded last, and says so', () => {
    const login = { grade: 'F' as const, findings: ['http-login-form' as const], at: Date.UTC(2026, 5, 1) }
    const home = { grade: 'A+' as const, findings: [], at: Date.UTC(2026, 5, 2) }
    const lastHome: HostEntry = {
      host: 'p.example',
      ...home,
      strictness: 'standard',
      page: '0000000b',
      pages: { '0000000a': login, '0000000b': home },
    }
    const lastLogin: HostEntry = { ...lastHome, ...login, page: '0000000a' }
    for (const entry of [lastHome, lastLogin]) {
      const row = reportView([entry], { key: 'grade', descending: true }, t, clock).rows[0]!
      expect(row.grade).toBe('F')
      expect(row.findings.map((f) => f.id)).toEqual(['http-login-form'])
      expect(row.pagesNote).toBe('The worst of 2 pages graded.')
    }
    // The login page fixed: its own new report counts, not the old one.
    const fixed = { ...lastHome, pages: { ...lastHome.pages, '0000000a': { ...home, at: Date.UTC(2026, 5, 3) } } }
    expect(reportView([fixed], { key: 'grade', descending: true }, t, clock).rows[0]!.grade).toBe('A+')
    expect(reportView([], { key: 'grade', descending: true }, t, clock).rule).toBe(en.reportRule!.message)
    // The newest page's date.
    expect(summarise(lastHome).at).toBe(Date.UTC(2026, 5, 2))
  })
  it("shows an online grade's real letter, its source, and a link to the service's page for the host", () => {
    const entry: HostEntry = {
      host: 'portal.example.com',
      grade: 'B',
      findings: ['ssllabs-grade', 'observatory-grade', 'hsts-missing'],
      notes: {
        'ssllabs-grade': { grade: 'B', source: 'ssllabs' },
        'observatory-grade': { grade: 'C', source: 'observatory' },
      },
      strictness: 'standard',
      at: 0,
    }
    const row = reportView([entry], { key: 'host', descending: false }, t, clock).rows[0]!
    const byId = Object.fromEntries(row.findings.map((f) => [f.id, f]))
    expect(byId['ssllabs-grade']).toMatchObject({
      title: 'SSL Labs grade: B',
      source: 'From SSL Labs',
      link: {
        href: 'https://www.ssllabs.com/ssltest/analyze.html?d=portal.example.com',
        label: 'Read more on ssllabs.com',
      },
    })
    expect(byId['observatory-grade']!.title).toBe('HTTP Observatory grade: C')
    expect(byId['hsts-missing']).toMatchObject({
      source: 'Seen by your browser',
      user: en.finding_hsts_missing_user!.message,
    })
    expect(byId['hsts-missing']!.fix).toBe(en.finding_hsts_missing_fix!.message)
    expect(byId['hsts-missing']!.link.href).toMatch(/^https:\/\/www\.rfc-editor\.org\/rfc\/rfc6797/)
    expect(row.findings.map((f) => f.title).join(' ')).not.toContain('—')
  })
  it('gives every finding a sentence, a fix and an https link', () => {
    const entry: HostEntry = {
      host: 'x.example:8443',
      grade: 'F',
      findings: [...FINDING_IDS],
      strictness: 'strict',
      at: 0,
    }
    for (const f of reportView([entry], { key: 'host', descending: false }, t, clock).rows[0]!.findings) {
      expect(f.user, f.id).not.toMatch(/^\?\?/)
      expect(f.fix, f.id).not.toMatch(/^\?\?/)
      expect(f.link.href, f.id).toMatch(/^https:\/\/[^\s]+$/)
    }
  })
  it('says how long ago, short, in the UI language', () => {
    const now = Date.UTC(2026, 5, 10, 12)
    expect(shortAgo(now - 3 * 3_600_000, now, 'en')).toBe('3 hr. ago')
    expect(shortAgo(now - 86_400_000, now, 'en')).toBe('yesterday')
    expect(shortAgo(now - 3 * 3_600_000, now, 'fr')).toBe('il y a 3\u00a0h')
    expect(shortAgo(now + 60_000, now, 'en')).toBe('now')
    const row = reportView([{ ...entries[0]!, at: now - 5 * 60_000 }], { key: 'host', descending: false }, t, {
      ...clock,
      now,
    }).rows[0]!
    expect(row).toMatchObject({
      date: '5 min. ago',
      dateTime: new Date(now - 5 * 60_000).toISOString(),
      dateFull: 'full',
    })
  })
})

describe('hostKey (a host and its port)', () => {
  it('keeps the port when it is not the scheme default', () => {
    expect(hostKey('https://a.example:8443/login')).toBe('a.example:8443')
    expect(hostKey('https://a.example:443/login')).toBe('a.example')
    expect(hostKey('http://a.example:80/')).toBe('a.example')
    expect(hostKey('http://127.0.0.1:8080/x?y')).toBe('127.0.0.1:8080')
    expect(hostKey('not a url')).toBe('')
  })
})

const stamp = { version: '1.4.2', now: Date.UTC(2026, 5, 4) }

describe('exports', () => {
  it('exports JSON with ids, titles in the UI language, ISO dates and the version', () => {
    const json = JSON.parse(exportJson(entries, t, stamp))
    expect(json).toMatchObject({ generator: 'Vigie', version: '1.4.2', exportedAt: '2026-06-04T00:00:00.000Z' })
    expect(json.rule).toBe(en.reportRule!.message)
    expect(json.sites[0]).toEqual({
      host: 'a.example',
      grade: 'F',
      strictness: 'standard',
      pages: 1,
      findings: [
        { id: 'http-login-form', title: 'Password field on an unencrypted page', severity: 'critical' },
        { id: 'http-page', title: 'Page not encrypted', severity: 'high' },
        { id: 'cert-not-ev', title: en.finding_cert_not_ev_title!.message, severity: 'info' },
      ],
      checkedAt: '2026-06-01T00:00:00.000Z',
    })
  })
  it('exports a Markdown comparison table, worst first, with titles, level names, empty cells and the version', () => {
    expect(exportMarkdown(entries, t, stamp)).toBe(
      [
        '## Sites graded so far',
        '',
        'Exported by Vigie 1.4.2 on 2026-06-04.',
        en.reportRule!.message,
        '',
        '| Site | Grade | Main findings | Account | Level | Checked |',
        '|---|---|---|---|---|---|',
        '| a.example | F | Password field on an unencrypted page; Page not encrypted |  | Standard | 2026-06-01 |',
        `| c\\|pipe.example | B | ${en.finding_hsts_missing_title!.message} |  | Strict | 2026-06-03 |`,
        '| b.example | A+ |  |  | Standard | 2026-06-02 |',
        '',
      ].join('\n'),
    )
  })
  it('exports in French with French titles and level names', () => {
    const md = exportMarkdown(entries, tf, stamp)
    expect(md).toMatch(/^\| Site \| Note \| Principaux constats \| Compte \| Niveau \| Vérifié \|$/m)
    expect(md).toMatch(/^Exporté par Vigie 1\.4\.2 le 2026-06-04\.$/m)
    expect(md).toContain('| Stricte |')
    expect(md).not.toMatch(/`[a-z0-9-]+`/)
  })
  it('gives account findings a column of their own in the Markdown export, every one of them', () => {
    const offender: HostEntry = {
      host: 'login.example.co.uk',
      grade: 'C',
      findings: [
        'plaintext-offender',
        'hsts-missing',
        'password-short-max-length',
        'no-2fa',
        'hsts-no-subdomains',
        'cert-not-ev',
      ],
      strictness: 'standard',
      at: Date.UTC(2026, 5, 1),
    }
    const row = exportMarkdown([offender], t, stamp).split('\n').at(-2)!
    expect(row).toBe(
      `| login.example.co.uk | C | ${en.finding_hsts_missing_title!.message}; ${en.finding_hsts_no_subdomains_title!.message} | ${en.finding_plaintext_offender_title!.message}; ${en.finding_password_short_max_length_title!.message}; ${en.finding_no_2fa_title!.message} | Standard | 2026-06-01 |`,
    )
  })
  it('lists account findings among the host findings on the report page, with their data set', () => {
    const row = reportView(
      [{ host: 'x.example', grade: 'C', findings: ['no-2fa', 'plaintext-offender'], strictness: 'standard', at: 0 }],
      { key: 'host', descending: false },
      t,
      clock,
    ).rows[0]!
    expect(row.findings.map((f) => [f.id, f.title, f.source])).toEqual([
      [
        'plaintext-offender',
        'Reported for emailing passwords in clear',
        'From Plain Text Offenders, shipped with Vigie',
      ],
      ['no-2fa', 'No two-factor authentication', 'From 2fa.directory, shipped with Vigie'],
    ])
    expect(row.main).toEqual(['Reported for emailing passwords in clear', 'No two-factor authentication'])
  })
})

describe('the probe setting', () => {
  it('is on by default, for pages with a password field', () => {
    expect(resolveSettings({}).values.probe).toEqual({ enabled: true, mode: 'login' })
  })
  it('takes a valid stored value, and ignores an invalid one', () => {
    expect(resolveSettings({ probe: { enabled: false, mode: 'always' } }).values.probe).toEqual({
      enabled: false,
      mode: 'always',
    })
    expect(resolveSettings({ probe: { enabled: 'yes', mode: 'sometimes' } }).values.probe).toEqual({
      enabled: true,
      mode: 'login',
    })
  })
  it('is locked by managed storage, whatever the user stored', () => {
    const r = resolveSettings(
      { probe: { enabled: true, mode: 'always' } },
      { probe: { enabled: false, mode: 'on-demand' } },
    )
    expect(r.values.probe).toEqual({ enabled: false, mode: 'on-demand' })
    expect(r.locked).toContain('probe')
  })
  it('is in the managed schema, as Chrome needs it to accept the policy', () => {
    const schema = JSON.parse(
      readFileSync(resolve(import.meta.dirname, '../../../../public/managed-schema.json'), 'utf8'),
    )
    expect(schema.properties.probe.properties.mode.enum).toEqual(['on-demand', 'login', 'always'])
  })
})

describe("previewTab (the options page's strictness preview)", () => {
  const tabs = [
    { id: 1, url: 'https://shop.example.com/', incognito: false, lastAccessed: 10 },
    { id: 2, url: 'https://secret.example.com/', incognito: true, lastAccessed: 30 },
    { id: 3, url: 'chrome://extensions/', incognito: false, lastAccessed: 40 },
  ]
  it('never picks a private tab for a normal window, even the one looked at last', () => {
    expect(previewTab(tabs, false)).toBe(1)
  })
  it('picks the private tab in a private window', () => {
    expect(previewTab(tabs, true)).toBe(2)
  })
})
