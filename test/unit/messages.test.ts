/** The message contract rejects what a hostile page could send through a compromised content script. */
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ContentToBackgroundSchema, UiToBackgroundSchema } from '../../src/messages.ts'

const frame = {
  url: 'https://a.example/',
  passwordFields: 1,
  forms: [{ action: 'https://a.example/s', method: 'post', explicit: true, password: true }],
}
const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success

describe('ContentToBackgroundSchema', () => {
  it('accepts a frame report', () =>
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame })).toBe(true))
  it('rejects an unknown type', () =>
    expect(ok(ContentToBackgroundSchema, { type: 'content:other', frame })).toBe(false))
  // One odd value no longer drops a report (issue #21): test/unit/messages-lenient.test.ts takes every field.
  it('keeps the first 50 of too many forms', () => {
    const parsed = v.safeParse(ContentToBackgroundSchema, {
      type: 'content:frame-facts',
      frame: { ...frame, forms: Array(51).fill(frame.forms[0]) },
    })
    expect(parsed.success && parsed.output.type === 'content:frame-facts' && parsed.output.frame.forms.length).toBe(50)
  })
  it('cuts an over-long URL', () => {
    const parsed = v.safeParse(ContentToBackgroundSchema, {
      type: 'content:frame-facts',
      frame: { ...frame, url: 'https://a.example/' + 'x'.repeat(3000) },
    })
    expect(parsed.success && parsed.output.type === 'content:frame-facts' && parsed.output.frame.url.length).toBe(2048)
  })
  it('leaves out a form with an unknown method, and keeps the report', () => {
    const parsed = v.safeParse(ContentToBackgroundSchema, {
      type: 'content:frame-facts',
      frame: { ...frame, forms: [{ ...frame.forms[0], method: 'put' }] },
    })
    expect(parsed.success && parsed.output.type === 'content:frame-facts' && parsed.output.frame).toEqual({
      ...frame,
      forms: [],
    })
  })
})

describe('UiToBackgroundSchema', () => {
  it('accepts a report request for a tab', () =>
    expect(ok(UiToBackgroundSchema, { type: 'ui:get-report', tabId: 3 })).toBe(true))
  it('rejects a fractional tab id', () =>
    expect(ok(UiToBackgroundSchema, { type: 'ui:get-report', tabId: 1.5 })).toBe(false))
})
