/**
 * Issue #21: one odd value in a content script's report never drops the report. Every field of the
 * content-to-background contract, one at a time, gets a value out of range or of the wrong type: that field is
 * clamped or dropped (a form or a cap left out of its list), and the rest of the report is what was sent.
 */
import fc from 'fast-check'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { ContentToBackgroundSchema } from '../../src/messages.ts'

const formA = { action: 'http://a.example/login', method: 'post', explicit: true, password: true }
const formB = { action: 'https://a.example/search', method: 'get', explicit: true, password: false }
const limitA = { maxLength: 12, newPassword: true }
const limitB = { maxLength: 20, newPassword: false }
const baseline = () => ({
  type: 'content:frame-facts',
  restored: true,
  frame: {
    url: 'https://a.example/',
    passwordFields: 2,
    forms: [{ ...formA }, { ...formB }],
    passwordLimits: [{ ...limitA }, { ...limitB }],
  },
})

type Json = Record<string, unknown>
const DROP = Symbol('dropped')

/** A copy of `value` with `path` set to `to` (DROP: the key deleted, or the list entry removed). */
function changed(value: Json, path: string[], to: unknown): Json {
  const copy = structuredClone(value)
  let at: Json = copy
  for (const key of path.slice(0, -1)) at = at[key] as Json
  const last = path.at(-1)!
  if (to !== DROP) at[last] = to
  else if (Array.isArray(at)) at.splice(Number(last), 1)
  else delete at[last]
  return copy
}

const parse = (raw: unknown) => v.safeParse(ContentToBackgroundSchema, raw)
const long = 'https://a.example/' + 'x'.repeat(5000)

/**
 * [field, odd value, what the background keeps there]: every field of the schema. A list entry that cannot be read
 * is left out (DROP on the entry); `[path, value, DROP]` on a form's or a cap's field drops that entry only.
 */
const ROWS: [string, unknown, unknown, string[]?][] = [
  ['restored', 'yes', DROP],
  ['restored', 1, DROP],
  ['frame.url', 42, ''],
  ['frame.url', null, ''],
  ['frame.url', long, long.slice(0, 2048)],
  ['frame.passwordFields', 2147483647, 100_000],
  ['frame.passwordFields', Number.MAX_VALUE, 100_000],
  ['frame.passwordFields', -1, 0],
  ['frame.passwordFields', 1.5, 1],
  ['frame.passwordFields', '3', 0],
  ['frame.passwordFields', null, 0],
  ['frame.forms', 'x', []],
  ['frame.forms', { 0: formA }, []],
  ['frame.forms', Array(60).fill(formA), Array(50).fill(formA)],
  ['frame.forms.0', 'x', DROP],
  ['frame.forms.0', null, DROP],
  ['frame.forms.0.action', 7, DROP, ['frame', 'forms', '0']],
  ['frame.forms.0.action', long, long.slice(0, 2048)],
  ['frame.forms.0.method', 'put', DROP, ['frame', 'forms', '0']],
  ['frame.forms.0.method', 1, DROP, ['frame', 'forms', '0']],
  ['frame.forms.0.explicit', 'yes', DROP, ['frame', 'forms', '0']],
  ['frame.forms.0.password', 1, DROP, ['frame', 'forms', '0']],
  ['frame.passwordLimits', 'x', DROP],
  ['frame.passwordLimits', [], DROP],
  ['frame.passwordLimits', Array(20).fill(limitA), Array(10).fill(limitA)],
  ['frame.passwordLimits.0', null, DROP],
  // Real shops write maxlength="2147483647": no cap that matters, kept as the largest the contract holds.
  ['frame.passwordLimits.0.maxLength', 2147483647, 1_000_000],
  ['frame.passwordLimits.0.maxLength', -1, DROP, ['frame', 'passwordLimits', '0']],
  ['frame.passwordLimits.0.maxLength', 12.5, DROP, ['frame', 'passwordLimits', '0']],
  ['frame.passwordLimits.0.maxLength', '12', DROP, ['frame', 'passwordLimits', '0']],
  ['frame.passwordLimits.0.newPassword', 'yes', false],
]

describe('ContentToBackgroundSchema: one odd value never drops the report', () => {
  it('keeps a report as it was sent', () => {
    const parsed = parse(baseline())
    expect(parsed.success).toBe(true)
    expect(parsed.output).toEqual(baseline())
  })

  const short = (value: unknown) =>
    typeof value === 'string' && value.length > 30
      ? `${value.length} characters`
      : Array.isArray(value) && value.length > 2
        ? `${value.length} entries`
        : JSON.stringify(value)
  it.each(ROWS.map((row) => [row[0], short(row[1]), ...row] as const))(
    '%s = %s: that field alone changes',
    (_f, _label, field, odd, kept, entry) => {
      const path = field.split('.')
      const parsed = parse(changed(baseline(), path, odd))
      expect(parsed.success).toBe(true)
      expect(parsed.output).toEqual(entry ? changed(baseline(), entry, DROP) : changed(baseline(), path, kept))
    },
  )

  it('covers every field of the schema', () => {
    const fields = new Set(ROWS.map(([f]) => f.replace(/\.0(\.|$)/, '.*$1')))
    expect([...fields].sort()).toEqual(
      [
        'restored',
        'frame.url',
        'frame.passwordFields',
        'frame.forms',
        'frame.forms.*',
        'frame.forms.*.action',
        'frame.forms.*.method',
        'frame.forms.*.explicit',
        'frame.forms.*.password',
        'frame.passwordLimits',
        'frame.passwordLimits.*',
        'frame.passwordLimits.*.maxLength',
        'frame.passwordLimits.*.newPassword',
      ].sort(),
    )
  })

  it('keeps the rest of the report whatever one field holds (any JSON value)', () => {
    // What the rest of the report says, independent of the one field changed.
    const others = (out: Json, skip: string) => {
      const frame = out.frame as Json
      const all: Record<string, unknown> = {
        restored: out.restored,
        url: frame.url,
        passwordFields: frame.passwordFields,
        formB: (frame.forms as unknown[]).some((f) => JSON.stringify(f) === JSON.stringify(formB)),
        limitB: ((frame.passwordLimits as unknown[] | undefined) ?? []).some(
          (l) => JSON.stringify(l) === JSON.stringify(limitB),
        ),
      }
      delete all[skip]
      return all
    }
    const fields: [string[], string][] = [
      [['restored'], 'restored'],
      [['frame', 'url'], 'url'],
      [['frame', 'passwordFields'], 'passwordFields'],
      [['frame', 'forms', '0'], 'none'],
      [['frame', 'forms', '0', 'action'], 'none'],
      [['frame', 'forms', '0', 'method'], 'none'],
      [['frame', 'forms', '0', 'explicit'], 'none'],
      [['frame', 'forms', '0', 'password'], 'none'],
      [['frame', 'passwordLimits', '0'], 'none'],
      [['frame', 'passwordLimits', '0', 'maxLength'], 'none'],
      [['frame', 'passwordLimits', '0', 'newPassword'], 'none'],
    ]
    const expected = (skip: string) => others(baseline(), skip)
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue(), ([path, skip], odd) => {
        const parsed = parse(changed(baseline(), path, odd))
        expect(parsed.success).toBe(true)
        expect(others(parsed.output as Json, skip)).toEqual(expected(skip))
      }),
      { numRuns: 500 },
    )
  })

  it('still refuses what is not a report: an unknown type, or no frame at all', () => {
    expect(parse({ ...baseline(), type: 'content:other' }).success).toBe(false)
    expect(parse({ ...baseline(), frame: 'x' }).success).toBe(false)
    expect(parse({ type: 'content:frame-gone' }).success).toBe(true)
  })
})
