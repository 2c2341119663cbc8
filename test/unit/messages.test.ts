/** The message contract rejects what a hostile page could send through a compromised content script. */
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ContentToBackgroundSchema, UiToBackgroundSchema } from '../../src/messages.ts'

const frame = { url: 'https://a.example/', passwordFields: 1, forms: [{ action: 'https://a.example/s', method: 'post', explicit: true, password: true }] }
const ok = (schema: v.GenericSchema, value: unknown) => v.safeParse(schema, value).success

describe('ContentToBackgroundSchema', () => {
  it('accepts a frame report', () => expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame })).toBe(true))
  it('rejects an unknown type', () => expect(ok(ContentToBackgroundSchema, { type: 'content:other', frame })).toBe(false))
  it('rejects too many forms', () => {
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame: { ...frame, forms: Array(51).fill(frame.forms[0]) } })).toBe(false)
  })
  it('rejects an over-long URL', () => {
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame: { ...frame, url: 'https://a.example/' + 'x'.repeat(3000) } })).toBe(false)
  })
  it('rejects a negative field count', () => {
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame: { ...frame, passwordFields: -1 } })).toBe(false)
  })
  it('rejects an unknown method', () => {
    expect(ok(ContentToBackgroundSchema, { type: 'content:frame-facts', frame: { ...frame, forms: [{ ...frame.forms[0], method: 'put' }] } })).toBe(false)
  })
})

describe('UiToBackgroundSchema', () => {
  it('accepts a report request for a tab', () => expect(ok(UiToBackgroundSchema, { type: 'ui:get-report', tabId: 3 })).toBe(true))
  it('rejects a fractional tab id', () => expect(ok(UiToBackgroundSchema, { type: 'ui:get-report', tabId: 1.5 })).toBe(false))
})
