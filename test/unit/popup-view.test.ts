/** The popup's view model as a plain function, with the English words. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { gradeSite } from '../../src/core/index.ts'
import type { BackgroundToUi } from '../../src/messages.ts'
import { popupView } from '../../src/ui/popup/view-model.ts'
import { chromeSite, httpSite, loginFrame } from './baseline.ts'

const en: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'),
)
const t = (key: string, subs: string[] = []) => (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')

function answer(facts = httpSite([loginFrame('http://shop.example.com/')]), browser: 'chrome' | 'firefox' = 'firefox'): BackgroundToUi {
  return { type: 'bg:report', tab: { tabId: 1, url: facts.page.url, host: new URL(facts.page.url).hostname, browser, pending: false, online: { eligible: true, sources: [] }, report: gradeSite(facts) } }
}

describe('popupView', () => {
  it('shows a loading state before the answer', () => {
    expect(popupView(null, t)).toMatchObject({ kind: 'loading', message: en.popupLoading!.message })
  })
  it('explains pages that are not web pages', () => {
    expect(popupView({ type: 'bg:no-report', reason: 'not-web-page' }, t)).toMatchObject({ kind: 'empty', message: en.popupNotWebPage!.message })
  })
  it('groups findings by severity, worst first, with words for users and operators', () => {
    const view = popupView(answer(), t)
    if (view.kind !== 'report') throw new Error(view.kind)
    expect(view.grade).toBe('F')
    expect(view.host).toBe('shop.example.com')
    expect(view.summary).toBe(en.verdict_bad!.message)
    expect(view.groups.map((g) => g.severity)).toEqual(['critical', 'high'])
    expect(view.groups[0]!.findings[0]).toMatchObject({
      id: 'http-login-form',
      title: en.finding_http_login_form_title!.message,
      user: en.finding_http_login_form_user!.message,
      fix: en.finding_http_login_form_fix!.message,
    })
    expect(view.coverage).toBe(en.coverageHttp!.message)
  })
  it('says in Chrome that certificate and TLS are not visible', () => {
    const facts = chromeSite()
    const view = popupView(answer(facts, 'chrome'), t)
    expect(view.kind === 'report' && view.coverage).toBe(en.coverageChrome!.message)
  })
  it('says so when nothing is wrong', () => {
    const view = popupView(answer(chromeSite(), 'chrome'), t)
    expect(view.kind === 'report' && view.summary).toBe(en.summaryClean!.message)
  })
})

describe('popupView with an earlier visit', () => {
  const previous = { grade: 'A' as const, findings: ['hsts-no-subdomains' as const], strictness: 'standard' as const, at: Date.UTC(2026, 4, 1) }
  it('shows the last visit, marked as such, while the page is still loading', () => {
    const a = answer(chromeSite(), 'chrome')
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView({ ...a, tab: { ...a.tab, pending: true, previous } }, t)
    expect(view).toMatchObject({ kind: 'report', grade: 'A', notice: { kind: 'previous', text: 'Your last visit, 2026-05-01. Checking this page again…' } })
  })
  it('says what changed when the grade got worse', () => {
    const a = answer()
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView({ ...a, tab: { ...a.tab, previous } }, t)
    expect(view).toMatchObject({
      grade: 'F',
      notice: { kind: 'worse', text: 'Worse than at your last visit (2026-05-01): it was A, it is now F.', items: [en.finding_http_login_form_title!.message, en.finding_http_page_title!.message] },
    })
  })
  it('says nothing when the grade is as good as before', () => {
    const a = answer(chromeSite(), 'chrome')
    if (a.type !== 'bg:report') throw new Error()
    const view = popupView({ ...a, tab: { ...a.tab, previous } }, t)
    expect(view.kind === 'report' && view.notice).toBeUndefined()
  })
})
