/** The first-run page opens on install only, never on an update or a browser update. */
import { describe, expect, it, vi } from 'vitest'

const created = vi.hoisted(() => [] as string[])
vi.mock('../../../src/platform/index.ts', () => ({
  browser: {
    runtime: { onInstalled: { addListener: () => {} }, getURL: (p: string) => `ext://id/${p}` },
    tabs: { create: async ({ url }: { url: string }) => void created.push(url) },
  },
}))
const { onInstalled } = await import('../../../src/background/welcome.ts')

describe('first-run page', () => {
  it('opens welcome.html on install, and nothing on update', () => {
    onInstalled({ reason: 'update' })
    onInstalled({ reason: 'browser_update' })
    expect(created).toEqual([])
    onInstalled({ reason: 'install' })
    expect(created).toEqual(['ext://id/welcome.html'])
  })
})
