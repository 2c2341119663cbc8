/**
 * The account data sets shipped with Vigie as a fact source: what they say about the accounts of the page's site
 * (facts.account), and what the popup shows of them besides findings. Nothing is asked of anyone (account.ts).
 */
import { accountFacts, accountSummaryOf } from '../account.ts'
import { hostOf } from '../urls.ts'
import type { Source } from './source.ts'

export const accountSource: Source = {
  name: 'account',

  async facts(state) {
    const account = await accountFacts(hostOf(state.url))
    return account ? { account } : {}
  },

  async status({ facts }) {
    const account = await accountSummaryOf(facts.account)
    return account ? { account } : {}
  },
}
