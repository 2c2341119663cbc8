/**
 * The router of the extension pages' messages: a tab's report puts together every listed source's part, "Forget
 * everything" reaches every source and the memory, and the options page's counts come from the sources.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'

const fake = await vi.hoisted(async () => {
  const browser = (await import('../../support/browser.ts')).fakeBrowser()
  const tabs = { ...browser.tabs, get: vi.fn(async (_id: number) => ({ url: 'about:blank' as string | undefined })) }
  const sources = (await import('./fake-sources.ts')).fakeSources()
  return { browser: { ...browser, tabs, runtime: { ...browser.runtime, id: 'vigie' } }, sources }
})
vi.mock('../../../src/platform/index.ts', () => ({
  browser: fake.browser,
  browserName: () => 'chrome',
  extensionOrigin: () => 'chrome-extension://vigie-test/',
}))
vi.mock('../../../src/background/sources/index.ts', () => ({ FACT_SOURCES: fake.sources.list }))

const { onUiMessage } = await import('../../../src/background/router.ts')
const { loadTab, updateTab } = await import('../../../src/background/tab-state.ts')
const { recall, remember } = await import('../../../src/background/memory.ts')

const URL_ = 'https://shop.example.com/login'
const sender = { id: 'vigie', url: 'chrome-extension://vigie-test/popup.html' }

beforeEach(() => vi.clearAllMocks())

describe('onUiMessage', () => {
  it("answers a tab's report with every source's part and the grade of every source's facts", async () => {
    await updateTab(1, () => ({
      url: URL_,
      incognito: false,
      frames: { '0': { url: URL_, top: true, passwordFields: 1, forms: [] } },
    }))
    const answer = await onUiMessage({ type: 'ui:get-report', tabId: 1 }, sender)
    expect(answer).toMatchObject({
      type: 'bg:report',
      tab: { tabId: 1, host: 'shop.example.com', pending: false, online: { eligible: true, sources: [] } },
    })
    const tab = (answer as { tab: { report: { findings: { id: string }[] } } }).tab
    expect(tab.report.findings.map((f) => f.id)).toContain('hsts-missing')
    expect(fake.sources.hsts.status).toHaveBeenCalledTimes(1)
  })

  it('says why there is no report for a tab Vigie does not know', async () => {
    expect(await onUiMessage({ type: 'ui:get-report', tabId: 99 }, sender)).toEqual({
      type: 'bg:no-report',
      reason: 'not-web-page',
    })
  })

  it('counts what the sources keep for the options page', async () => {
    expect(await onUiMessage({ type: 'ui:get-data' }, sender)).toMatchObject({ type: 'bg:data', online: 3 })
  })

  it('forgets everything: every source, the memory, and the open documents are not remembered again', async () => {
    await updateTab(2, () => ({ url: URL_, incognito: false, frames: {} }))
    await remember('shop.example.com', { grade: 'B', findings: [], strictness: 'standard' } as never, Date.now())
    expect(await onUiMessage({ type: 'ui:forget-all' }, sender)).toEqual({ type: 'bg:done' })
    for (const source of fake.sources.list) expect(source.forget).toHaveBeenCalledTimes(1)
    expect(await recall('shop.example.com', Date.now())).toBeUndefined()
    expect((await loadTab(2))?.forgotten).toBe(true)
  })
})
