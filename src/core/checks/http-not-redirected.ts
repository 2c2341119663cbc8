import { scanFacts } from '../facts.ts'
import type { Check } from '../types.ts'

/**
 * http-not-redirected: the site's plain-http address serves pages instead of redirecting to https, so a person who
 * types the bare name, or follows an old link, logs in on the cleartext site unless HSTS already protects them.
 */
export const httpNotRedirected: Check = {
  name: 'http-not-redirected',
  ids: ['http-not-redirected'],
  groups: ['transport'],
  run: (facts) => {
    const scan = scanFacts(facts)
    if (scan?.httpRedirect !== 'serves-pages') return []
    return [{ id: 'http-not-redirected', source: 'scanner', observedAt: scan.observedAt }]
  },
}
