/** The popup's view model as a plain function, with the English words. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { adviceKeys, FINDING_IDS, GRADES, gradeSite, type Finding } from '../../../../src/core/index.ts'
import type { BackgroundToUi, TabReport } from '../../../../src/messages.ts'
import { pageKey } from '../../../../src/core/page-key.ts'
import { gradeBand, popupView, timeAgo, timeUntil, verdictKey } from '../../../../src/ui/popup/view-model.ts'

const timeUntilForTest = (ms: number, now: number) => timeUntil(ms, now, 'en')
import { chromeSite, httpSite, loginFrame } from '../../../support/baseline.ts'

const en: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/en/messages.json'), 'utf8'),
)
const t = (key: string, subs: string[] = []) =>
  (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')

function answer(
  facts = httpSite([loginFrame('http://shop.example.com/')]),
  browser: 'chrome' | 'firefox' = 'firefox',
): BackgroundToUi {
  return {
    type: 'bg:report',
    tab: {
      tabId: 1,
      url: facts.page.url,
      host: new URL(facts.page.url).hostname,
      browser,
      pending: false,
      online: { eligible: true, sources: [] },
      report: gradeSite(facts),
    },
  }
}

describe('popupView', () => {
  it('shows a loading state before the answer', () => {
    expect(popupView(null, t)).toMatchObject({ kind: 'loading', message: en.popupLoading!.message })
  })
  it('explains pages that are not web pages', () => {
    expect(popupView({ type: 'bg:no-report', reason: 'not-web-page' }, t)).toMatchObject({
      kind: 'empty',
      message: en.popupNotWebPage!.message,
    })
  })
  it('groups findings by severity, worst first, with words for users and operators', () => {
    const view = popupView(answer(), t)
    if (view.kind !== 'report') throw new Error(view.kind)
    expect(view.grade).toBe('F')
    expect(view.host).toBe('shop.example.com')
    expect(view.summary).toBe(en.verdict_bad!.message)
    expect(view.reason).toBe(en.reason_http_login!.message)
    expect(view.groups.map((g) => g.group)).toEqual(['before'])
    expect(view.groups[0]!.label).toBe('Before you type a password')
    expect(view.groups[0]!.findings[0]).toMatchObject({
      id: 'http-login-form',
      title: en.finding_http_login_form_title!.message,
      user: en.finding_http_login_form_user!.message,
      fix: en.finding_http_login_form_fix!.message,
    })
    expect(view.coverage).toBe(en.coverageHttp!.message)
  })
  it('says in Chrome that certificate and TLS are not visible, with a button to SSL Labs that says what it sends', () => {
    const facts = chromeSite()
    const view = popupView(answer(facts, 'chrome'), t)
    expect(view.kind === 'report' && view.coverage).toBe(en.coverageChrome!.message)
    expect(view.kind === 'report' && view.coverageAction).toEqual({
      label: en.coverageSslLabsButton!.message,
      note: en.coverageSslLabsNote!.message,
    })
    expect(en.coverageSslLabsNote!.message).toMatch(/Qualys/)
  })
  it('offers no SSL Labs button in Firefox, nor once SSL Labs is on', () => {
    expect(popupView(answer(chromeSite(), 'firefox'), t)).not.toHaveProperty('coverageAction')
    const a = answer(chromeSite(), 'chrome') as Extract<BackgroundToUi, { type: 'bg:report' }>
    const on = {
      ...a,
      tab: {
        ...a.tab,
        online: { eligible: true, sources: [{ source: 'ssllabs' as const, mode: 'on-demand' as const, status: null }] },
      },
    }
    expect(popupView(on, t)).not.toHaveProperty('coverageAction')
  })
  it('says so when nothing is wrong', () => {
    const view = popupView(answer(chromeSite(), 'chrome'), t)
    expect(view.kind === 'report' && view.summary).toBe(en.verdict_excellent!.message)
    expect(view.kind === 'report' && view.reason).toBe(en.reason_clean!.message)
  })
})

describe('a level set by an administrator', () => {
  it('says under the host that the organisation set the level the grade was made at', () => {
    const given = answer()
    if (given.type !== 'bg:report') throw new Error(given.type)
    const locked: BackgroundToUi = {
      ...given,
      tab: { ...given.tab, locked: ['strictness'], report: { ...given.tab.report, strictness: 'strict' } },
    }
    const view = popupView(locked, t)
    expect(view.kind === 'report' && view.managedLevel).toBe('Graded at the Strict level, set by your organisation.')
  })
  it('says nothing of it when the user chose the level, or when only other settings are locked', () => {
    const given = answer()
    if (given.type !== 'bg:report') throw new Error(given.type)
    expect(popupView(given, t)).not.toHaveProperty('managedLevel')
    const other: BackgroundToUi = { ...given, tab: { ...given.tab, locked: ['ssllabs', 'probe'] } }
    expect(popupView(other, t)).not.toHaveProperty('managedLevel')
  })
})

describe('grades at a glance', () => {
  it('gives every grade a verdict that answers "can I type my password here?"', () => {
    for (const grade of GRADES) expect(en[verdictKey(grade)]?.message, grade).toMatch(/password|log in/i)
    expect(new Set(['B', 'C', 'D', 'F'].map((g) => en[verdictKey(g as 'B')]!.message)).size).toBe(4)
  })
  it('tells A+ from A and D from F in words, not colour alone', () => {
    const word = (g: (typeof GRADES)[number]) => en[`gradeWord_${gradeBand(g)}`]!.message
    expect(word('A+')).not.toBe(word('A'))
    expect(word('D')).not.toBe(word('F'))
    expect(new Set(GRADES.map(word)).size).toBe(6)
  })
  it('names findings in plain words: no jargon in titles or sentences for users', () => {
    const jargon = /\b(HSTS|TLS|SSL 3|cipher|forward secrecy|SHA-1|MD5|RFC|header|preload)\b/i
    for (const id of FINDING_IDS) {
      const keys = adviceKeys(id)
      expect(en[keys.title]!.message, id).not.toMatch(jargon)
      expect(en[keys.user]!.message, id).not.toMatch(jargon)
    }
    for (const key of [
      'coverageHttp',
      'coverageFull',
      'coverageChrome',
      'coverageFromSslLabs',
      'coverageFromScanner',
      'coveragePartial',
    ]) {
      expect(en[key]!.message, key).not.toMatch(/\b(TLS|http|headers)\b/)
    }
  })
})

type Tab = Extract<BackgroundToUi, { type: 'bg:report' }>['tab']
const finding = (
  id: Finding['id'],
  severity: Finding['severity'],
  cap: Finding['cap'],
  source?: Finding['source'],
) => ({ id, severity, cap, ...(source ? { source } : {}) })
function tab(report: Partial<TabReport['report']>, extra: Partial<Tab> = {}): BackgroundToUi {
  const full = {
    grade: 'A+' as const,
    strictness: 'standard' as const,
    findings: [],
    coverage: { page: true, transport: true, certificate: false, tls: false, online: false, account: false },
    ...report,
  }
  return {
    type: 'bg:report',
    tab: {
      tabId: 1,
      url: 'https://console.example.com/',
      host: 'console.example.com',
      browser: 'chrome',
      pending: false,
      online: { eligible: true, sources: [] },
      report: full,
      ...extra,
    },
  }
}

describe('a popup that fits', () => {
  // What SSL Labs adds on a weak server: seven findings.
  const many = [
    finding('cert-sha1', 'critical', 'F', 'ssllabs'),
    finding('tls-legacy-protocol', 'critical', 'F', 'ssllabs'),
    finding('tls-weak-cipher', 'critical', 'F', 'ssllabs'),
    finding('ssllabs-grade', 'high', 'F', 'ssllabs'),
    finding('tls-no-forward-secrecy', 'medium', 'B', 'ssllabs'),
    finding('tls-no-tls13', 'low', 'A', 'ssllabs'),
    finding('cert-not-ev', 'info', 'A+', 'ssllabs'),
  ]
  it('never folds a critical finding, and folds the rest behind "Show N more" / "Show fewer"', () => {
    const view = popupView(tab({ grade: 'F', findings: many }), t)
    if (view.kind !== 'report') throw new Error(view.kind)
    expect(view.groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual([
      'cert-sha1',
      'tls-legacy-protocol',
      'tls-weak-cipher',
    ])
    // One card in full, the worst; the other critical ones show their title on a line.
    expect(view.groups.flatMap((g) => g.findings.filter((f) => f.full).map((f) => f.id))).toEqual(['cert-sha1'])
    expect(view.more?.label).toBe('Show 4 more')
    expect(view.more?.lessLabel).toBe('Show fewer')
    expect(view.more?.groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual([
      'ssllabs-grade',
      'tls-no-forward-secrecy',
      'tls-no-tls13',
      'cert-not-ev',
    ])
  })
  it('words the verdict by the finding that decides the grade, not by the grade band alone', () => {
    const reason = (grade: Finding['cap'], findings: Finding[]) => {
      const view = popupView(tab({ grade, findings }), t)
      return view.kind === 'report' ? view.reason : ''
    }
    const wifi = /Wi-Fi/
    // A C from an old report of passwords mailed in clear, a B from a 12-character cap: nothing about the network.
    const offender = { ...finding('plaintext-offender', 'high', 'C'), detail: { year: 2011 } }
    expect(reason('C', [offender, finding('hsts-no-subdomains', 'low', 'A')])).not.toMatch(wifi)
    expect(reason('C', [offender])).toBe(en.reason_plaintext!.message)
    const cap = { ...finding('password-short-max-length', 'medium', 'B'), detail: { maxLength: 12 } }
    expect(reason('B', [cap])).not.toMatch(wifi)
    expect(reason('B', [cap])).toMatch(/12 characters/)
    // A plain http page is the network's business.
    expect(reason('C', [finding('http-page', 'high', 'C')])).toMatch(wifi)
    expect(reason('B', [finding('hsts-missing', 'medium', 'B')])).toMatch(wifi)
    // The SSL Labs grade decides: said as such.
    expect(
      reason('B', [
        { ...finding('ssllabs-grade', 'high', 'B', 'ssllabs'), detail: { grade: 'B' } },
        finding('hsts-missing', 'medium', 'B'),
      ]),
    ).toBe('SSL Labs graded this server’s encryption B.')
  })
  it('puts the account section first when an account finding decides the grade', () => {
    const offender = { ...finding('plaintext-offender', 'high', 'C'), detail: { year: 2011 } }
    const first = popupView(tab({ grade: 'C', findings: [offender, finding('hsts-no-subdomains', 'low', 'A')] }), t)
    expect(first.kind === 'report' && first.accountFirst).toBe(true)
    const last = popupView(
      tab({ grade: 'C', findings: [finding('http-page', 'high', 'C'), finding('no-2fa', 'low', 'A-')] }),
      t,
    )
    expect(last.kind === 'report' && last.accountFirst).toBeFalsy()
  })
  it('says in Chrome, during a rescan, that the certificate came from the scanner, not SSL Labs', () => {
    const seen = { page: true, transport: true, certificate: true, tls: true, online: false, account: false }
    const scanning = tab(
      { grade: 'A', coverage: seen },
      {
        scanner: {
          mode: 'login',
          state: 'running',
          route: 'ok',
          companion: { state: 'working', version: '0.1.0', protocol: 2 },
          at: 1,
          accepts: [],
          hintHidden: false,
        },
      },
    )
    const view = popupView(scanning, t)
    expect(view.kind === 'report' && view.coverage).toBe(en.coverageFromScanner!.message)
  })
  it('offers no Refresh while a service backs off, a neutral tone for its outage, the settings for the email', () => {
    const now = 1_000_000
    const answer = tab(
      {},
      {
        online: {
          eligible: true,
          sources: [
            { source: 'ssllabs', mode: 'on-demand', status: { state: 'error', error: 'no-email', at: now } },
            {
              source: 'observatory',
              mode: 'on-demand',
              status: { state: 'error', error: 'maintenance', at: now, retryAt: now + 14 * 60_000 },
            },
          ],
        },
      },
    )
    const view = popupView(answer, t, (ms) => timeUntilForTest(ms, now), undefined, {
      now,
      format: { ago: () => '', list: (x) => x.join(', ') },
    })
    const lines = view.kind === 'report' ? view.online!.lines : []
    expect(lines[0]).toMatchObject({ tone: 'fix', action: { kind: 'settings', label: 'Open settings' } })
    expect(lines[1]).toMatchObject({
      tone: 'outage',
      text: 'HTTP Observatory is down for maintenance. Vigie will ask again in 14 minutes.',
    })
    expect(lines[1]).not.toHaveProperty('action')
  })
  it('folds nothing when there is little to show', () => {
    const view = popupView(
      tab({
        grade: 'A',
        findings: [finding('hsts-no-subdomains', 'low', 'A'), finding('hsts-not-preloaded', 'info', 'A+')],
      }),
      t,
    )
    expect(view.kind === 'report' && view.groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual([
      'hsts-no-subdomains',
      'hsts-not-preloaded',
    ])
    expect(view).not.toHaveProperty('more')
  })
  it('presents Extended Validation as information for the operator, not as something to fix', () => {
    const view = popupView(tab({ grade: 'A+', findings: [finding('cert-not-ev', 'info', 'A+', 'ssllabs')] }), t)
    const ev = view.kind === 'report' ? view.groups[0]!.findings[0]! : null
    expect(ev?.fixLabel).toBe(en.fixLabelInfo!.message)
    expect(ev?.user).toMatch(/rarely matters/)
  })
  it('marks the grade provisional while an assessment runs', () => {
    const pending = {
      source: 'ssllabs' as const,
      mode: 'on-demand' as const,
      status: { state: 'pending' as const, progress: 42, since: 0 },
    }
    const view = popupView(tab({}, { online: { eligible: true, sources: [pending] } }), t)
    expect(view).toMatchObject({
      gradeLabel: 'Grade A+, provisional',
      provisional: 'Provisional: SSL Labs is still checking',
    })
    expect(popupView(tab({}), t)).not.toHaveProperty('provisional')
  })
})

describe('timeAgo', () => {
  const now = Date.UTC(2026, 5, 1, 12)
  it('says how long ago, in the UI language', () => {
    expect(timeAgo(now - 120_000, now, 'en')).toBe('2 minutes ago')
    expect(timeAgo(now - 120_000, now, 'fr')).toBe('il y a 2 minutes')
    expect(timeAgo(now - 5_000, now, 'en')).toBe('5 seconds ago')
    expect(timeAgo(now - 3 * 3_600_000, now, 'en')).toBe('3 hours ago')
    expect(timeAgo(now - 86_400_000, now, 'en')).toBe('yesterday')
  })
  it('never says "in 3 minutes" when clocks differ', () => {
    expect(timeAgo(now + 180_000, now, 'en')).toBe('1 second ago')
  })
})

describe('popupView with an earlier visit', () => {
  const previous = {
    grade: 'A' as const,
    findings: ['hsts-no-subdomains' as const],
    strictness: 'standard' as const,
    at: Date.UTC(2026, 4, 1),
  }
  it('shows the last visit, marked as such, while the page is still loading', () => {
    const a = answer(chromeSite(), 'chrome')
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView({ ...a, tab: { ...a.tab, pending: true, previous } }, t)
    expect(view).toMatchObject({
      kind: 'report',
      grade: 'A',
      provisional: en.popupPreviousProvisional!.message,
      notice: { kind: 'previous', text: 'Your last visit, 2026-05-01. Checking this page again…' },
    })
  })
  const ago = () => '2 minutes ago'
  it('says what got worse on the same page, and how long ago', () => {
    const a = answer()
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView(
      { ...a, tab: { ...a.tab, previous: { ...previous, page: pageKey('http://shop.example.com/') } } },
      t,
      undefined,
      ago,
    )
    expect(view).toMatchObject({
      grade: 'F',
      notice: {
        kind: 'worse',
        level: 'major',
        text: 'Worse than at your last visit, 2 minutes ago: it was A, it is now F.',
        items: [en.finding_http_login_form_title!.message, en.finding_http_page_title!.message],
      },
    })
  })
  it('compares another page of the host only on its certificate and encryption', () => {
    const a = answer()
    if (a.type !== 'bg:report') throw new Error()
    // The login form and plain http are about this page: another page of the host may have neither.
    expect(
      popupView({ ...a, tab: { ...a.tab, previous: { ...previous, page: pageKey('https://shop.example.com/') } } }, t),
    ).not.toHaveProperty('notice')
    const expired = tab(
      { grade: 'F', findings: [finding('cert-expired', 'critical', 'F'), finding('hsts-missing', 'medium', 'B')] },
      { previous: { ...previous, page: 'ffffffff' } },
    )
    expect(popupView(expired, t)).toMatchObject({
      notice: { kind: 'worse', level: 'major', items: [en.finding_cert_expired_title!.message] },
    })
  })
  it('says a small drop quietly', () => {
    const view = popupView(
      tab(
        { grade: 'B', findings: [finding('hsts-invalid', 'medium', 'B')] },
        { previous: { ...previous, grade: 'A+', findings: [], page: pageKey('https://console.example.com/') } },
      ),
      t,
      undefined,
      ago,
    )
    expect(view).toMatchObject({
      notice: {
        kind: 'worse',
        level: 'minor',
        text: 'A little lower than at your last visit, 2 minutes ago: it was A+, it is now B.',
      },
    })
  })
  it('says nothing when Vigie only learned more (SSL Labs turned on)', () => {
    const learned = [
      finding('hsts-missing', 'medium', 'B'),
      finding('cert-sha1', 'critical', 'F', 'ssllabs'),
      finding('ssllabs-grade', 'high', 'F', 'ssllabs'),
    ]
    const view = popupView(
      tab({ grade: 'F', findings: learned }, { previous: { ...previous, grade: 'B', findings: ['hsts-missing'] } }),
      t,
    )
    expect(view).not.toHaveProperty('notice')
  })
  it('says nothing when another page of the host has a form this one lacks', () => {
    const view = popupView(
      tab(
        { grade: 'D', findings: [finding('password-in-url', 'high', 'D')] },
        { previous: { ...previous, grade: 'A+', findings: [] } },
      ),
      t,
    )
    expect(view).not.toHaveProperty('notice')
  })
  it('never keeps the path of a page, only a short hash that ignores the query', () => {
    expect(pageKey('https://a.example/account/reset?token=secret')).toMatch(/^[0-9a-f]{8}$/)
    expect(pageKey('https://a.example/p?x=1')).toBe(pageKey('https://a.example/p?x=2'))
    expect(pageKey('https://a.example/p')).not.toBe(pageKey('http://a.example/p'))
    expect(pageKey('not a url')).toBe('')
  })
  it('tags the new cards instead of repeating them, and never folds them away', () => {
    const now = [
      finding('cert-sha1', 'critical', 'F'),
      finding('tls-weak-cipher', 'critical', 'F'),
      finding('cert-weak-key', 'high', 'C'),
      finding('hsts-no-subdomains', 'low', 'A'),
    ]
    const view = popupView(
      tab(
        { grade: 'F', findings: now },
        {
          previous: {
            ...previous,
            grade: 'A+',
            findings: ['cert-sha1', 'tls-weak-cipher', 'cert-weak-key'],
            page: pageKey('https://console.example.com/'),
          },
        },
      ),
      t,
    )
    if (view.kind !== 'report') throw new Error(view.kind)
    expect(view.newTag).toBe(en.popupNewTag!.message)
    const shown = view.groups.flatMap((g) => g.findings)
    expect(shown.map((f) => [f.id, f.isNew ?? false])).toEqual([
      ['cert-sha1', false],
      ['tls-weak-cipher', false],
      ['hsts-no-subdomains', true],
    ])
    expect(view.more?.groups.flatMap((g) => g.findings.map((f) => f.id))).toEqual(['cert-weak-key'])
  })
  it('lists only what is new and comparable, not every card', () => {
    const now = [
      finding('hsts-missing', 'medium', 'B'),
      finding('cert-sha1', 'critical', 'F', 'ssllabs'),
      finding('tls-no-tls13', 'low', 'A', 'ssllabs'),
    ]
    const view = popupView(
      tab(
        { grade: 'F', findings: now },
        { previous: { ...previous, grade: 'A+', findings: [], page: pageKey('https://console.example.com/') } },
      ),
      t,
    )
    expect(view.kind === 'report' && view.notice?.items).toEqual([en.finding_hsts_missing_title!.message])
  })
  it('says nothing when the grade is as good as before', () => {
    const a = answer(chromeSite(), 'chrome')
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView({ ...a, tab: { ...a.tab, previous } }, t)
    expect(view.kind === 'report' && view.notice).toBeUndefined()
  })
})
