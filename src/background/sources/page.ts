/**
 * The page's own facts: what its content scripts reported of its frames, and what the network listeners saw of its
 * response (web-request.ts, security-info.ts), both kept in the tab's state (tab-state.ts). "Forget everything"
 * clears the network facts kept per origin for pages a service worker serves (origin-facts.ts), and the
 * certificate chains read lately (security-info.ts, in memory).
 */
import { forgetOrigins } from '../origin-facts.ts'
import { forgetChains } from '../security-info.ts'
import { factsOf } from '../tab-state.ts'
import type { Source } from './source.ts'

export const pageSource: Source = {
  name: 'page',
  facts: (state) => Promise.resolve(factsOf(state)),
  forget: async () => {
    forgetChains()
    await forgetOrigins()
  },
}
