/** Per-source records read back from storage (backoff, problems): storage is input too. */
import { describe, expect, it } from 'vitest'
import { readBackoff, readProblems } from '../../../src/online/cache-schema.ts'

describe('readBackoff', () => {
  it('keeps valid entries and drops each invalid one alone', () => {
    expect(
      readBackoff({
        observatory: { until: 5, error: 'rate-limited' },
        ssllabs: { until: 'soon', error: 'rate-limited' },
        hstspreload: { until: 5, error: 'nonsense' },
        other: { until: 5, error: 'maintenance' },
      }),
    ).toEqual({ observatory: { until: 5, error: 'rate-limited' } })
  })
  it('gives nothing for what is not a record', () => {
    for (const raw of [undefined, null, 'x', 3, [{ until: 5, error: 'rate-limited' }]])
      expect(readBackoff(raw)).toEqual({})
  })
  it('refuses a time that is not finite', () => {
    expect(readBackoff({ observatory: { until: Infinity, error: 'rate-limited' } })).toEqual({})
  })
})

describe('readProblems', () => {
  it('keeps the known errors of the known sources only', () => {
    expect(readProblems({ ssllabs: 'unregistered', observatory: '<b>x</b>', evil: 'no-email' })).toEqual({
      ssllabs: 'unregistered',
    })
    expect(readProblems('unregistered')).toEqual({})
  })
})
