// @vitest-environment jsdom
// @vitest-environment-options {"url": "http://shop.example.com/login"}
/**
 * The content script at injection (document_start, in every frame of every page): it must cost the page's parsing
 * as little as it can. Traced in Chromium, a call into the content script while the page parses (a
 * DOMContentLoaded listener) cost a quarter of a millisecond, and the first touch of the document a third: so at
 * injection it touches the window alone, and its first scan comes after the load event, or FIRST_SCAN_CAP_MS later.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import '../../support/jsdom-page.ts'

const sent = vi.hoisted(() => [] as { type: string; frame?: { passwordFields: number } }[])
vi.mock('../../../src/platform/send.ts', () => ({
  sendToBackground: (message: (typeof sent)[number]) => void sent.push(message),
}))

/** The window listeners of the copy injected last, removed after each test so that copies never add up. */
let added: Parameters<Window['addEventListener']>[] = []

/** Loads a fresh copy of the content script; counts its reads of `document` and the listeners it adds meanwhile. */
async function inject(): Promise<{ documentReads: number; documentListeners: string[] }> {
  vi.resetModules()
  const reads = vi.spyOn(globalThis, 'document', 'get')
  const listen = vi.spyOn(Document.prototype, 'addEventListener')
  const onWindow = vi.spyOn(window, 'addEventListener')
  try {
    await import('../../../src/content/index.ts')
    added = onWindow.mock.calls
    return { documentReads: reads.mock.calls.length, documentListeners: listen.mock.calls.map((c) => String(c[0])) }
  } finally {
    reads.mockRestore()
    listen.mockRestore()
    onWindow.mockRestore()
  }
}

describe('the content script at injection', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    sent.length = 0
    document.body.innerHTML =
      '<form method="post" action="/session"><input name="u"><input type="password" name="p"></form>'
  })
  afterEach(() => {
    for (const [type, listener, options] of added) window.removeEventListener(type, listener, options)
    vi.useRealTimers()
  })

  it('touches the window alone: not the document, and no listener runs while the page parses', async () => {
    const { documentReads, documentListeners } = await inject()
    expect(documentReads).toBe(0)
    expect(documentListeners).toEqual([])
    expect(sent).toEqual([])
  })

  it('reads the page in a task of its own after the load event', async () => {
    await inject()
    window.dispatchEvent(new Event('load'))
    expect(sent).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ type: 'content:frame-facts', frame: { passwordFields: 1 } })
  })

  it('reads a page whose load event is late (or was over before it came) a second after it came', async () => {
    await inject()
    await vi.advanceTimersByTimeAsync(999)
    expect(sent).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(sent).toHaveLength(1)
    // The load event that comes later finds the page read already: no second report of the same facts.
    window.dispatchEvent(new Event('load'))
    await vi.advanceTimersByTimeAsync(1000)
    expect(sent).toHaveLength(1)
  })
})

describe('a text field masked by CSS (issue #21)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    sent.length = 0
    // A shop's login: the password is typed into a plain text field whose characters CSS draws as dots.
    document.body.innerHTML =
      '<style>.secret { -webkit-text-security: disc }</style><form method="post" action="/session"><input name="u"><input class="secret" name="p"></form>'
  })
  afterEach(async () => {
    for (const [type, listener, options] of added) window.removeEventListener(type, listener, options)
    // The copies' observers see the page emptied while timers are still fake: nothing of theirs outlives the test.
    document.body.innerHTML = ''
    await vi.advanceTimersByTimeAsync(2000)
    vi.useRealTimers()
  })

  it('counts as a password field once it gets focus, before anything is typed', async () => {
    await inject()
    window.dispatchEvent(new Event('load'))
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.at(-1)).toMatchObject({ frame: { passwordFields: 0 } })
    document.querySelector<HTMLInputElement>('.secret')!.focus()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.at(-1)).toMatchObject({ frame: { passwordFields: 1 } })
  })

  it('does not count a plain text field that gets focus', async () => {
    await inject()
    window.dispatchEvent(new Event('load'))
    await vi.advanceTimersByTimeAsync(0)
    document.querySelector<HTMLInputElement>('[name=u]')!.focus()
    await vi.advanceTimersByTimeAsync(400)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.filter((m) => m.frame?.passwordFields !== 0)).toEqual([])
  })
})
