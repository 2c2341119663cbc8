import { isHttpsPage } from '../facts.ts'
import type { Check } from '../types.ts'

/** Statuses of hstspreload.org that mean the host is, or is about to be, on the list. */
const PRELOADED = new Set(['preloaded', 'pending'])

/** hsts-not-preloaded: the host is known not to be on the HSTS preload list. Unknown is not "not". */
export const hstsNotPreloaded: Check = {
  name: 'hsts-not-preloaded',
  ids: ['hsts-not-preloaded'],
  groups: ['online'],
  run: (facts) => {
    const preload = facts.online?.preload
    if (!isHttpsPage(facts) || preload === undefined) return []
    const status = preload.status.toLowerCase()
    if (PRELOADED.has(status)) return []
    return [{ id: 'hsts-not-preloaded', source: 'hstspreload', observedAt: preload.observedAt, detail: { status } }]
  },
}
