/**
 * What the per-tab state reads back from storage.session is checked like any input: a state of the wrong shape is
 * dropped rather than graded; changes to one tab run one after another, and persisted() waits for the last write.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type * as TabStateModule from '../../../src/background/tab-state.ts'

const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))

const URL_ = 'https://shop.example.com/login'
let tabs: typeof TabStateModule
beforeEach(async () => {
  vi.resetModules()
  fake.reset()
  tabs = await import('../../../src/background/tab-state.ts')
})

describe('a tab state read back from storage.session', () => {
  it('is used when it has the shape of one', async () => {
    const frame = { url: URL_, top: true, passwordFields: 1, forms: [] }
    fake.storage.session.data['tab:5'] = { url: URL_, incognito: false, frames: { '0': frame } }
    expect((await tabs.loadTab(5))?.frames['0']).toEqual(frame)
  })

  it('is dropped when a frame is not a frame, or the window kind is missing', async () => {
    fake.storage.session.data['tab:6'] = { url: URL_, incognito: false, frames: { '0': 'not a frame' } }
    fake.storage.session.data['tab:7'] = { url: URL_, frames: {} }
    expect(await tabs.loadTab(6)).toBeUndefined()
    expect(await tabs.loadTab(7)).toBeUndefined()
  })
})

describe('updateTab and persisted', () => {
  it('runs the changes of a tab one after another, and persisted() resolves once storage holds the last one', async () => {
    const seen: number[] = []
    const slow = tabs.updateTab(1, async () => {
      await new Promise((r) => setTimeout(r, 20))
      seen.push(1)
      return { url: URL_, incognito: false, frames: {} }
    })
    const fast = tabs.updateTab(1, (state) => {
      seen.push(2)
      return state && { ...state, loaded: true }
    })
    await Promise.all([slow, fast])
    expect(seen).toEqual([1, 2])
    await tabs.persisted(1)
    expect(fake.storage.session.data['tab:1']).toEqual({ url: URL_, incognito: false, frames: {}, loaded: true })
  })
})
