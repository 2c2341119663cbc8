import { hstsReading } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * hsts-missing and hsts-invalid: an https response with no usable Strict-Transport-Security header.
 * A response served from cache, or a host the browser already upgraded by HSTS, is not reported (PLATFORM.md).
 */
export const hstsMissing: Check = {
  name: 'hsts-missing',
  ids: ['hsts-missing', 'hsts-invalid'],
  groups: ['transport'],
  run: (facts) => {
    const reading = hstsReading(facts)
    if (reading.kind === 'missing') return [{ id: 'hsts-missing' }]
    if (reading.kind === 'invalid') return [{ id: 'hsts-invalid', detail: { header: reading.header.slice(0, 200) } }]
    return []
  },
}
