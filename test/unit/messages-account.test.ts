/** The account parts of the message contract: password-field caps from pages, and the popup's account summary. */
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { AccountSummarySchema, ContentToBackgroundSchema } from '../../src/messages.ts'

const frame = { url: 'https://a.example/', passwordFields: 1, forms: [] }
const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success
const withLimits = (passwordLimits: unknown) => ({ type: 'content:frame-facts', frame: { ...frame, passwordLimits } })

describe('ContentToBackgroundSchema: passwordLimits', () => {
  it('accepts a frame without caps, and one with caps', () => {
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame })).toBe(true)
    expect(ok(ContentToBackgroundSchema, withLimits([{ maxLength: 12, newPassword: true }]))).toBe(true)
  })
  it('keeps ten caps of more, and leaves out fractional or negative ones, keeping the report', () => {
    const limits = (raw: unknown) => {
      const parsed = v.safeParse(ContentToBackgroundSchema, withLimits(raw))
      return parsed.success && parsed.output.type === 'content:frame-facts'
        ? parsed.output.frame.passwordLimits
        : 'rejected'
    }
    expect(limits(Array.from({ length: 11 }, (_, i) => ({ maxLength: i + 8, newPassword: false })))).toHaveLength(10)
    expect(
      limits([
        { maxLength: 12.5, newPassword: true },
        { maxLength: 16, newPassword: true },
      ]),
    ).toEqual([{ maxLength: 16, newPassword: true }])
    expect(limits([{ maxLength: -1, newPassword: true }])).toBeUndefined()
  })
})

describe('AccountSummarySchema', () => {
  it('accepts the methods and an https how-to page', () => {
    expect(
      ok(AccountSummarySchema, {
        twoFactor: { methods: ['sms', 'totp'], documentation: 'https://a.example/2fa' },
        sources: [{ id: 'twofactorauth', date: '2026-08-04' }],
      }),
    ).toBe(true)
  })
  it('rejects unknown methods and addresses that are not http(s)', () => {
    expect(ok(AccountSummarySchema, { twoFactor: { methods: ['carrier-pigeon'] }, sources: [] })).toBe(false)
    expect(ok(AccountSummarySchema, { changePasswordUrl: 'javascript:alert(1)', sources: [] })).toBe(false)
  })
})
