/**
 * `npm run bench`: the account data's lookup (SPEC.md section 8), which runs on every report, should stay far under
 * 0.1 ms; loading the shipped file happens once per background life (see account-memory.mjs for its cold cost).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { bench, describe } from 'vitest'
import { accountFactsFor, readAccountData } from '../../src/account/index.ts'
import { gradeSite } from '../../src/core/index.ts'
import { cleanSite } from '../support/baseline.ts'

const text = readFileSync(resolve(import.meta.dirname, '../../public/data/account.json'), 'utf8')
const index = readAccountData(JSON.parse(text))!
const facts = { ...cleanSite(), account: accountFactsFor(index, 'login.dailymail.co.uk')! }

describe('account data', () => {
  bench('accountFactsFor: an offender login subdomain (login.dailymail.co.uk)', () => {
    accountFactsFor(index, 'login.dailymail.co.uk')
  })
  bench('accountFactsFor: a host the data sets do not know', () => {
    accountFactsFor(index, 'console.eu-west-1.example-cloud.com')
  })
  bench('accountFactsFor: under a private suffix (a.b.user.github.io)', () => {
    accountFactsFor(index, 'a.b.user.github.io')
  })
  bench('gradeSite with account facts', () => {
    gradeSite(facts, 'standard')
  })
  bench('loading the shipped file (JSON.parse + readAccountData), once per background life', () => {
    readAccountData(JSON.parse(text))
  })
})
