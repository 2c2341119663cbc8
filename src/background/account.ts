/**
 * Account facts from the data sets shipped in the package (public/data/account.json): read on first need, once per
 * background life, from the extension's own files. Nothing is looked up anywhere; the host never leaves the browser.
 */
import {
  ACCOUNT_DATA_PATH,
  accountFactsFor,
  accountSummary,
  readAccountData,
  type AccountIndex,
  type AccountSummary,
} from '../account/index.ts'
import type { AccountFacts } from '../core/index.ts'
import { browser } from '../platform/index.ts'
import { debug } from './debug.ts'

let loading: Promise<AccountIndex | null> | undefined

async function load(): Promise<AccountIndex | null> {
  const response = await fetch(browser.runtime.getURL(ACCOUNT_DATA_PATH))
  return readAccountData(await response.json())
}

/** The shipped data, parsed on the first call; null when the file is missing or not of this version. */
export function accountIndex(): Promise<AccountIndex | null> {
  loading ??= load().catch((error: unknown) => {
    debug('account', `${ACCOUNT_DATA_PATH} could not be read`, error)
    return null
  })
  return loading
}

/** What the shipped data say about a host's accounts; undefined when nothing (or when the data cannot be read). */
export async function accountFacts(host: string): Promise<AccountFacts | undefined> {
  const index = await accountIndex()
  return index ? accountFactsFor(index, host) : undefined
}

/** What the popup shows about the account besides findings (the second factors offered, the sources). */
export async function accountSummaryOf(facts: AccountFacts | undefined): Promise<AccountSummary | undefined> {
  const index = await accountIndex()
  return index && facts ? accountSummary(facts, index.dates) : undefined
}
