/**
 * The account data sets behind the Source interface: what the shipped file says of the page's site, and its part of
 * the popup; nothing for a site the data do not know, nor when the file cannot be read.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { accountFactsFor, accountSummary, readAccountData } from '../../../../src/account/index.ts'
import type * as SourceModule from '../../../../src/background/sources/account.ts'
import type { TabState } from '../../../../src/background/tab-state.ts'

const fake = await vi.hoisted(async () => (await import('../../../support/browser.ts')).fakeBrowser())
vi.mock('../../../../src/platform/index.ts', () => ({ browser: fake }))

const raw: unknown = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/data/account.json'), 'utf8'),
)
const shipped = readAccountData(raw)!
const host = Object.keys((raw as { offenders: Record<string, unknown> }).offenders)[0]!
const state = (h: string): TabState => ({ url: `https://${h}/login`, incognito: false, frames: {} })

let source: typeof SourceModule
beforeEach(async () => {
  vi.resetModules()
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(raw))),
  )
  source = await import('../../../../src/background/sources/account.ts')
})

afterEach(() => vi.unstubAllGlobals())

describe('accountSource', () => {
  it("gives what the shipped data say of the site's accounts, and the popup's summary of them", async () => {
    const account = accountFactsFor(shipped, host)!
    expect(account).toBeDefined()
    const facts = await source.accountSource.facts(state(host), Date.now())
    expect(facts).toEqual({ account })
    const page = { tabId: 1, state: state(host), host, facts: { page: { url: state(host).url }, ...facts } }
    const hooks = { refreshHost: () => {}, tellUi: () => {}, openUrls: async () => [] }
    expect(await source.accountSource.status!(page, Date.now(), hooks)).toEqual({
      account: accountSummary(account, shipped.dates),
    })
  })

  it('gives nothing for a site the data do not know, nor when the file cannot be read', async () => {
    expect(await source.accountSource.facts(state('unknown.invalid'), Date.now())).toEqual({})
    vi.resetModules()
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('no file'))),
    )
    const fresh = await import('../../../../src/background/sources/account.ts')
    expect(await fresh.accountSource.facts(state(host), Date.now())).toEqual({})
  })
})
