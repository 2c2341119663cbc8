// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://shop.example.com/login"}
/**
 * Issue #21: a page Chromium prerenders (speculation rules) is not the page the tab shows; its content script says
 * nothing until the page is shown (document.prerendering, prerenderingchange), so the tab keeps its own grade. A
 * file of its own: every copy of the content script injected in a file keeps observing that file's document.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../../support/jsdom-page.ts'

const sent = vi.hoisted(() => [] as { type: string; frame?: { passwordFields: number } }[])
vi.mock('../../../src/platform/send.ts', () => ({
  sendToBackground: (message: (typeof sent)[number]) => void sent.push(message),
}))

let added: Parameters<Window['addEventListener']>[] = []
async function inject(): Promise<void> {
  vi.resetModules()
  const onWindow = vi.spyOn(window, 'addEventListener')
  try {
    await import('../../../src/content/index.ts')
    added = onWindow.mock.calls
  } finally {
    onWindow.mockRestore()
  }
}

describe('a page Chromium prerenders (issue #21)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    sent.length = 0
    document.body.innerHTML = '<form method="post" action="/session"><input type="password" name="p"></form>'
    Object.defineProperty(document, 'prerendering', { value: true, configurable: true })
  })
  afterEach(async () => {
    for (const [type, listener, options] of added) window.removeEventListener(type, listener, options)
    delete (document as { prerendering?: boolean }).prerendering
    document.body.innerHTML = ''
    await vi.advanceTimersByTimeAsync(2000)
    vi.useRealTimers()
  })

  it('says nothing while the page is prerendered, and reports once it is shown', async () => {
    await inject()
    window.dispatchEvent(new Event('load'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(sent).toEqual([])
    Object.defineProperty(document, 'prerendering', { value: false, configurable: true })
    document.dispatchEvent(new Event('prerenderingchange'))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toEqual([
      expect.objectContaining({ type: 'content:frame-facts', frame: expect.objectContaining({ passwordFields: 1 }) }),
    ])
  })
})
