// @vitest-environment jsdom
// @vitest-environment-options {"url": "https://shop.example.com/account/signup"}
/** The content script's report of password fields' maxlength (password-short-max-length). Never a field's value. */
import { beforeEach, describe, expect, it } from 'vitest'
import { collectFrame } from '../../../src/content/collect.ts'
import { page } from '../../support/jsdom-page.ts'
import { MAX_LIMITS } from '../../../src/limits.ts'

describe('collectFrame: password length caps', () => {
  beforeEach(() => {
    document.body.innerHTML = ''
  })
  it('reports a new-password field capped at 12 characters', () => {
    const frame = collectFrame(
      page('<form method="post"><input type="password" autocomplete="new-password" maxlength="12"></form>'),
    )
    expect(frame.passwordLimits).toEqual([{ maxLength: 12, newPassword: true }])
  })
  it('tells login fields from fields that set a password, whatever the autocomplete tokens around', () => {
    const frame = collectFrame(
      page(
        '<input type="password" maxlength="16" autocomplete="current-password"><input type="PASSWORD" maxlength=" 20" autocomplete="section-a NEW-PASSWORD">',
      ),
    )
    expect(frame.passwordLimits).toEqual([
      { maxLength: 16, newPassword: false },
      { maxLength: 20, newPassword: true },
    ])
  })
  it('sends nothing more for fields without a cap, or with an invalid one', () => {
    const frame = collectFrame(
      page(
        '<form method="post"><input type="password"><input type="password" maxlength="-3"><input type="password" maxlength="abc"></form>',
      ),
    )
    expect(frame).toEqual({ url: 'https://shop.example.com/account/signup', passwordFields: 3, forms: [] })
  })
  it('ignores the maxlength of fields that are not passwords', () => {
    expect(collectFrame(page('<input type="text" maxlength="12"><input maxlength="8">')).passwordLimits).toBeUndefined()
  })
  it('reads fields in open shadow roots', () => {
    const doc = page('<signup-box></signup-box>')
    const shadow = doc.querySelector('signup-box')!.attachShadow({ mode: 'open' })
    shadow.innerHTML = '<input type="password" autocomplete="new-password" maxlength="15">'
    expect(collectFrame(doc).passwordLimits).toEqual([{ maxLength: 15, newPassword: true }])
  })
  it('lists each distinct cap once, and at most MAX_LIMITS of them', () => {
    const fields = Array.from({ length: 40 }, (_, i) => `<input type="password" maxlength="${10 + (i % 20)}">`).join('')
    const limits = collectFrame(page(fields + fields)).passwordLimits!
    expect(limits).toHaveLength(MAX_LIMITS)
    expect(new Set(limits.map((l) => l.maxLength)).size).toBe(MAX_LIMITS)
  })
})
