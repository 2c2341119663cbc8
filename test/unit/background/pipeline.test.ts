/**
 * The pipeline: a refresh takes the facts of every listed source, grades them, shows the grade on the badge and the
 * icon, remembers it, and starts each source's own work; a page still loading shows nothing; a source that fails
 * its trigger keeps neither the badge nor the other sources from their work.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TabState } from '../../../src/background/tab-state.ts'

const fake = await vi.hoisted(async () => {
  const browser = (await import('../../support/browser.ts')).fakeBrowser()
  const tabs = { ...browser.tabs, get: vi.fn(async (_id: number) => ({ url: undefined as string | undefined })) }
  const sources = (await import('./fake-sources.ts')).fakeSources()
  return {
    browser: { ...browser, tabs, runtime: { ...browser.runtime, id: 'vigie' } },
    sources,
    badge: vi.fn(async (..._args: unknown[]) => {}),
    icon: vi.fn(async (..._args: unknown[]) => {}),
  }
})
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake.browser }))
vi.mock('../../../src/background/sources/index.ts', () => ({ FACT_SOURCES: fake.sources.list }))
vi.mock('../../../src/background/badge.ts', () => ({ showBadge: fake.badge }))
vi.mock('../../../src/background/icon.ts', () => ({ showIcon: fake.icon }))

const { refresh, pageFacts } = await import('../../../src/background/pipeline.ts')
const { updateTab } = await import('../../../src/background/tab-state.ts')
const { forgetMemory, recall } = await import('../../../src/background/memory.ts')

const URL_ = 'https://shop.example.com/login'
const complete: TabState = {
  url: URL_,
  incognito: false,
  frames: { '0': { url: URL_, top: true, passwordFields: 1, forms: [] } },
}

beforeEach(async () => {
  vi.clearAllMocks()
  await forgetMemory()
})

describe('pageFacts', () => {
  it('merges what every listed source knows of the page', async () => {
    expect(await pageFacts(complete)).toEqual({
      page: { url: URL_, frames: [] },
      transport: { hstsHeader: null, fromCache: false, knownHsts: false },
    })
    for (const source of fake.sources.list) expect(source.facts).toHaveBeenCalledWith(complete, expect.any(Number))
  })
})

describe('refresh', () => {
  it('grades a complete page from its sources, draws it, remembers it and starts every source', async () => {
    await updateTab(1, () => complete)
    await refresh(1)
    // The fake sources give no HSTS header: the grade is capped by hsts-missing.
    const report = fake.badge.mock.calls[0]![1] as { grade: string; findings: { id: string }[] }
    expect(report.findings.map((f) => f.id)).toContain('hsts-missing')
    expect(fake.badge).toHaveBeenCalledWith(1, report, 'shop.example.com')
    expect(fake.icon).toHaveBeenCalledWith(1, report)
    expect((await recall('shop.example.com', Date.now()))?.grade).toBe(report.grade)
    for (const source of fake.sources.list) expect(source.trigger).toHaveBeenCalledWith(complete, expect.anything())
  })

  it('draws nothing for a page whose facts are still coming, and starts nothing', async () => {
    await updateTab(2, () => ({ url: URL_, incognito: false, frames: {} }))
    await refresh(2)
    expect(fake.badge).not.toHaveBeenCalled()
    for (const source of fake.sources.list) expect(source.trigger).not.toHaveBeenCalled()
  })

  it('never remembers a private window', async () => {
    await updateTab(3, () => ({ ...complete, incognito: true }))
    await refresh(3)
    expect(fake.badge).toHaveBeenCalled()
    expect(await recall('shop.example.com', Date.now())).toBeUndefined()
  })

  it('keeps going when a source fails its trigger, and says so in the debug log without the page', async () => {
    const { setDebug } = await import('../../../src/background/debug.ts')
    const log = vi.spyOn(console, 'debug').mockImplementation(() => {})
    setDebug(true)
    try {
      vi.mocked(fake.sources.page.trigger!).mockRejectedValueOnce(new TypeError(`no ${URL_}`))
      await updateTab(4, () => complete)
      await expect(refresh(4)).resolves.toBeUndefined()
      expect(fake.sources.hsts.trigger).toHaveBeenCalled()
      await new Promise((r) => setTimeout(r, 0))
      expect(log).toHaveBeenCalledWith('[vigie pipeline] page: its trigger failed', 'TypeError')
      expect(JSON.stringify(log.mock.calls)).not.toContain('shop.example.com')
    } finally {
      setDebug(false)
      log.mockRestore()
    }
  })
})
