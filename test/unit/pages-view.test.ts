/** The options and report pages' view models, as plain functions with the English words. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { HostEntry } from '../../src/messages.ts'
import { DEFAULT_SETTINGS, resolveSettings } from '../../src/settings.ts'
import { optionsView } from '../../src/ui/options/view-model.ts'
import { exportJson, exportMarkdown, reportView, sortEntries } from '../../src/ui/report/view-model.ts'

const en: Record<string, { message: string }> = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'))
const t = (key: string, subs: string[] = []) => (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')

const entries: HostEntry[] = [
  { host: 'b.example', grade: 'A+', findings: [], strictness: 'standard', at: Date.UTC(2026, 5, 2) },
  { host: 'a.example', grade: 'F', findings: ['http-page', 'http-login-form', 'cert-not-ev'], strictness: 'standard', at: Date.UTC(2026, 5, 1) },
  { host: 'c|pipe.example', grade: 'B', findings: ['hsts-missing'], strictness: 'strict', at: Date.UTC(2026, 5, 3) },
]

describe('resolveSettings', () => {
  it('defaults to standard with every online source off', () => {
    expect(resolveSettings({}).values).toEqual(DEFAULT_SETTINGS)
    expect(DEFAULT_SETTINGS.ssllabs.enabled || DEFAULT_SETTINGS.observatory.enabled || DEFAULT_SETTINGS.hstspreload.enabled).toBe(false)
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
  it('previews the current site at each level', () => {
    const view = optionsView(resolveSettings({}), t, { preview: { host: 'a.example', grades: { relaxed: 'A', standard: 'B', strict: 'C' } } })
    expect(view.strictness.preview).toBe('On a.example the grade would be: Relaxed A, Standard (recommended) B, Strict C')
  })
  it('says what each source sends where', () => {
    const view = optionsView(resolveSettings({}), t)
    expect(view.online.sources.map((s) => s.sends)).toEqual([en.sends_ssllabs!.message, en.sends_observatory!.message, en.sends_hstspreload!.message])
  })
  it('marks locked settings', () => {
    const view = optionsView(resolveSettings({}, { ssllabs: { enabled: false, mode: 'on-demand' } }), t)
    expect(view.online.sources.find((s) => s.id === 'ssllabs')!.locked).toBe(true)
    expect(view.strictness.locked).toBe(false)
  })
  it('shows an SSL Labs problem under the email', () => {
    expect(optionsView(resolveSettings({}), t, { problems: { ssllabs: 'unregistered' } }).email.problem).toMatch(/register it with SSL Labs/)
  })
})

describe('reportView', () => {
  it('sorts by grade, worst first, by default order of the page', () => {
    expect(sortEntries(entries, { key: 'grade', descending: true }).map((e) => e.host)).toEqual(['a.example', 'c|pipe.example', 'b.example'])
  })
  it('sorts by host', () => {
    expect(sortEntries(entries, { key: 'host', descending: false }).map((e) => e.host)).toEqual(['a.example', 'b.example', 'c|pipe.example'])
  })
  it('gives each row its main findings, worst first, without the informational ones', () => {
    const view = reportView(entries, { key: 'host', descending: false }, t, (ms) => new Date(ms).toISOString())
    expect(view.rows[0]).toMatchObject({ host: 'a.example', main: 'Password field on an unencrypted page; Page not encrypted' })
    expect(view.rows[0]!.findings.map((f) => f.id)).toEqual(['http-login-form', 'http-page', 'cert-not-ev'])
    expect(view.columns.find((c) => c.key === 'host')!.sort).toBe('ascending')
  })
  it('says when nothing was graded yet', () => {
    expect(reportView([], { key: 'grade', descending: true }, t, String).empty).toBe(en.reportEmpty!.message)
  })
})

describe('exports', () => {
  it('exports JSON with ids and ISO dates', () => {
    const json = JSON.parse(exportJson(entries, Date.UTC(2026, 5, 4)))
    expect(json.exportedAt).toBe('2026-06-04T00:00:00.000Z')
    expect(json.sites[0]).toEqual({ host: 'a.example', grade: 'F', strictness: 'standard', findings: ['http-page', 'http-login-form', 'cert-not-ev'], checkedAt: '2026-06-01T00:00:00.000Z' })
  })
  it('exports a Markdown comparison table, worst first, with pipes escaped', () => {
    expect(exportMarkdown(entries, t)).toBe(
      [
        '| Site | Grade | Main findings | Account | Level | Checked |',
        '|---|---|---|---|---|---|',
        '| a.example | F | `http-login-form`, `http-page` | No weakness found | standard | 2026-06-01 |',
        '| c\\|pipe.example | B | `hsts-missing` | No weakness found | strict | 2026-06-03 |',
        '| b.example | A+ | No weakness found | No weakness found | standard | 2026-06-02 |',
        '',
      ].join('\n'),
    )
  })
  it('gives account findings a column of their own in the Markdown export, every one of them', () => {
    const offender: HostEntry = {
      host: 'login.example.co.uk',
      grade: 'C',
      findings: ['plaintext-offender', 'hsts-missing', 'password-short-max-length', 'no-2fa', 'hsts-no-subdomains', 'cert-not-ev'],
      strictness: 'standard',
      at: Date.UTC(2026, 5, 1),
    }
    expect(exportMarkdown([offender], t).split('\n')[2]).toBe(
      '| login.example.co.uk | C | `hsts-missing`, `hsts-no-subdomains` | `plaintext-offender`, `password-short-max-length`, `no-2fa` | standard | 2026-06-01 |',
    )
  })
  it('lists account findings among the host findings on the report page', () => {
    const row = reportView([{ host: 'x.example', grade: 'C', findings: ['no-2fa', 'plaintext-offender'], strictness: 'standard', at: 0 }], { key: 'host', descending: false }, t, String).rows[0]!
    expect(row.findings.map((f) => [f.id, f.title])).toEqual([
      ['plaintext-offender', 'Reported for emailing passwords in clear'],
      ['no-2fa', 'No two-factor authentication'],
    ])
    expect(row.main).toBe('Reported for emailing passwords in clear; No two-factor authentication')
  })
})
