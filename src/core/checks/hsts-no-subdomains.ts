import { hstsReading } from '../facts.ts'
import type { Check } from '../types.ts'

/** hsts-no-subdomains: a valid policy without includeSubDomains, so sibling hosts can still be reached over http. */
export const hstsNoSubdomains: Check = {
  name: 'hsts-no-subdomains',
  ids: ['hsts-no-subdomains'],
  groups: ['transport'],
  run: (facts) => {
    const reading = hstsReading(facts)
    return reading.kind === 'policy' && !reading.policy.includeSubDomains ? [{ id: 'hsts-no-subdomains' }] : []
  },
}
