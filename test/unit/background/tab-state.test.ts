/** Per-tab state: what one tab may keep, frames forgotten, Back restoring the right document, storage failures. */
import { describe, expect, it, vi } from 'vitest'

const session = vi.hoisted(() => ({
  store: {} as Record<string, unknown>,
  fail: false,
  writes: 0,
  async get(key: string | null) {
    return key === null ? { ...session.store } : { [key]: session.store[key] }
  },
  async set(values: Record<string, unknown>) {
    session.writes++
    if (session.fail) throw new Error('QUOTA_BYTES quota exceeded')
    Object.assign(session.store, values)
  },
  async remove(key: string) {
    delete session.store[key]
  },
}))
vi.mock('../../../src/platform/index.ts', () => ({ browser: { storage: { session } } }))
import { gradeSite, type FrameFact } from '../../../src/core/index.ts'
import {
  bounded,
  factsOf,
  hasSiteLoginForm,
  loadTab,
  MAX_BACK,
  MAX_FRAMES,
  MAX_TAB_BYTES,
  persisted,
  PREVIOUS_AFTER_MS,
  previousDueIn,
  replacing,
  restored,
  updateTab,
  withFrame,
  type TabState,
} from '../../../src/background/tab-state.ts'

/** A third party's frame as the flood page makes it: 50 forms, each with a 2 KB action to http, and a password. */
const floodFrame = (i: number): FrameFact => ({
  url: `https://ads.example.net/frame?depth=${i}&pad=${'x'.repeat(500)}`,
  top: false,
  passwordFields: 50,
  forms: Array.from({ length: 50 }, (_, f) => ({
    action: `http://ads.example.net/${f}/${'a'.repeat(2000)}`,
    method: 'post' as const,
    explicit: true,
    password: true,
  })),
})
const top = (url: string, passwordFields = 0): FrameFact => ({ url, top: true, passwordFields, forms: [] })
const page = (url: string): TabState => ({ url, incognito: false, frames: {} })
const size = (state: TabState) => JSON.stringify(state).length

describe('what one tab keeps', () => {
  it('stays under MAX_TAB_BYTES under a flood of frames, with the grade unchanged', () => {
    let state = withFrame(page('http://shop.example.com/'), 0, top('http://shop.example.com/'))
    const unbounded: FrameFact[] = [top('http://shop.example.com/')]
    for (let i = 1; i <= 1000; i++) {
      state = withFrame(state, i, floodFrame(i))
      unbounded.push(floodFrame(i))
    }
    state = bounded(state)
    expect(Object.keys(state.frames)).toHaveLength(MAX_FRAMES + 1)
    expect(size(state)).toBeLessThan(MAX_TAB_BYTES)
    expect(size(state)).toBeLessThan(10_000)
    // Only what grading reads is kept: the grade and findings are those of the whole flood.
    const full = gradeSite({ page: { url: 'http://shop.example.com/', frames: unbounded } }, 'standard')
    const kept = gradeSite(factsOf(state), 'standard')
    expect(kept.grade).toBe(full.grade)
    expect(kept.findings.map((f) => f.id)).toEqual(full.findings.map((f) => f.id))
  })
  it('keeps the most recently heard frames, and the top one always', () => {
    let state = withFrame(page('http://shop.example.com/'), 0, top('http://shop.example.com/'))
    for (let i = 1; i <= MAX_FRAMES + 5; i++) state = withFrame(state, i, floodFrame(i))
    expect(
      Object.keys(state.frames)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([0, ...Array.from({ length: MAX_FRAMES }, (_, i) => i + 6)])
  })
  it('forgets a frame that left, and one that reports nothing any more', () => {
    let state = withFrame(page('http://shop.example.com/'), 0, top('http://shop.example.com/'))
    state = withFrame(withFrame(state, 7, floodFrame(7)), 8, floodFrame(8))
    state = withFrame(state, 7, undefined)
    state = withFrame(state, 8, { ...floodFrame(8), passwordFields: 0, forms: [] })
    expect(Object.keys(state.frames)).toEqual(['0'])
    expect(state.order).toEqual([])
  })
  it('stays under the bound whatever the network facts weigh: the oldest documents kept for Back go first', () => {
    const heavy = (n: number): TabState => ({
      ...page(`https://s${n}.example.com/`),
      transport: { hstsHeader: 'x'.repeat(8000), fromCache: false, knownHsts: false },
    })
    let state: TabState | undefined
    for (let n = 0; n < 20; n++) state = replacing(state && { ...state, loaded: true }, heavy(n))
    expect(state!.back).toHaveLength(MAX_BACK)
    const fat = { ...state!, back: Array.from({ length: 20 }, (_, n) => heavy(n)) }
    expect(size(bounded(fat))).toBeLessThanOrEqual(MAX_TAB_BYTES)
  })
})

describe('Back and Forward (the back-forward cache)', () => {
  it('gives a restored page its own network facts, never the state of the page it replaces', () => {
    const login: TabState = {
      ...page('http://shop.example.com/login'),
      frames: { '0': top('http://shop.example.com/login', 1) },
    }
    const good: TabState = {
      ...page('https://bank.example.com/'),
      transport: { hstsHeader: 'max-age=31536000; includeSubDomains', fromCache: false, knownHsts: false },
    }
    const onGood = withFrame(replacing(login, good), 0, top('https://bank.example.com/'))
    expect(gradeSite(factsOf(onGood), 'standard').grade).toBe('A+')
    // Back: the login page reports again, restored.
    const back = withFrame(
      restored(onGood, 'http://shop.example.com/login', false),
      0,
      top('http://shop.example.com/login', 1),
    )
    expect(back.url).toBe('http://shop.example.com/login')
    expect(back.transport).toBeUndefined()
    expect(gradeSite(factsOf(back), 'standard').grade).toBe('F')
    // Forward: the good page comes back with the HSTS header it was loaded with.
    const forward = withFrame(restored(back, 'https://bank.example.com/', false), 0, top('https://bank.example.com/'))
    expect(forward.transport?.hstsHeader).toBe('max-age=31536000; includeSubDomains')
    expect(gradeSite(factsOf(forward), 'standard').grade).toBe('A+')
  })
  it('starts afresh for a restored page it has no record of', () => {
    const state = restored(
      { ...page('https://a.example.com/'), frames: { '0': top('https://a.example.com/') } },
      'https://b.example.com/',
      false,
    )
    expect(state).toMatchObject({ url: 'https://b.example.com/', frames: {} })
    expect(state.transport).toBeUndefined()
  })
})

describe('storage failures', () => {
  it('keeps the state in memory when storage.session is full, without a rejection', async () => {
    session.fail = true
    const rejections: unknown[] = []
    const onRejection = (reason: unknown) => rejections.push(reason)
    process.on('unhandledRejection', onRejection)
    try {
      const state = await updateTab(41, () =>
        withFrame(page('http://shop.example.com/'), 0, top('http://shop.example.com/', 1)),
      )
      expect(state?.frames['0']?.passwordFields).toBe(1)
      await new Promise((r) => setTimeout(r, 300))
      expect(session.writes).toBeGreaterThan(0)
      expect((await loadTab(41))?.url).toBe('http://shop.example.com/')
      expect(rejections).toEqual([])
    } finally {
      process.off('unhandledRejection', onRejection)
      session.fail = false
    }
  })
  it('writes a burst of updates once', async () => {
    const before = session.writes
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        updateTab(42, (s) =>
          withFrame(
            s ?? page('http://shop.example.com/'),
            i,
            i === 0 ? top('http://shop.example.com/') : floodFrame(i),
          ),
        ),
      ),
    )
    await new Promise((r) => setTimeout(r, 300))
    expect(session.writes - before).toBe(1)
    expect(JSON.stringify(session.store['tab:42']).length).toBeLessThan(MAX_TAB_BYTES)
  })
  it('has the state in storage once persisted() resolves, without waiting for the batch, and still writes once', async () => {
    const before = session.writes
    void updateTab(44, () => withFrame(page('http://bank.example.com/'), 0, top('http://bank.example.com/', 1)))
    await persisted(44)
    // At once: a badge shown now survives the background being stopped the next moment.
    expect((session.store['tab:44'] as TabState | undefined)?.frames['0']?.passwordFields).toBe(1)
    await new Promise((r) => setTimeout(r, 100))
    expect(session.writes - before).toBe(1)
  })
  it('survives a change that throws', async () => {
    await updateTab(43, () => page('https://a.example.com/'))
    await expect(
      updateTab(43, () => {
        throw new Error('boom')
      }),
    ).resolves.toMatchObject({ url: 'https://a.example.com/' })
  })
})

describe("the host's last grade while a page loads (previousDueIn)", () => {
  const previous: TabState['previous'] = { grade: 'A', findings: [], strictness: 'standard', at: 0 }
  const loading: TabState = { url: 'https://example.com/', incognito: false, frames: {}, since: 10_000, previous }
  it('waits PREVIOUS_AFTER_MS from the response, so that a page loading faster never shows it', () => {
    expect(previousDueIn(loading, 10_000)).toBe(PREVIOUS_AFTER_MS)
    expect(previousDueIn(loading, 10_000 + PREVIOUS_AFTER_MS - 1)).toBe(1)
    expect(previousDueIn(loading, 10_000 + PREVIOUS_AFTER_MS)).toBe(0)
  })
  it('shows it at once when the response was not seen (a page restored by Back, a background restarted)', () => {
    const { since: _, ...unseen } = loading
    expect(previousDueIn(unseen, 10_000)).toBe(0)
  })
  it("has none to show once the page's own facts are in, or without a last visit", () => {
    expect(previousDueIn({ ...loading, loaded: true }, 20_000)).toBeNull()
    expect(
      previousDueIn(withFrame(loading, 0, { url: loading.url, top: true, passwordFields: 0, forms: [] }), 20_000),
    ).toBeNull()
    const { previous: __, ...firstVisit } = loading
    expect(previousDueIn(firstVisit, 20_000)).toBeNull()
  })
})

describe('hasSiteLoginForm (the "with a password field" mode of the online sources)', () => {
  const withFrames = (...frames: FrameFact[]): TabState =>
    frames.reduce((s, f, i) => withFrame(s, i, f), page('https://shop.example.com/'))
  it("is false when the only password field is in a third party's frame", () => {
    expect(
      hasSiteLoginForm(
        withFrames(top('https://shop.example.com/'), { ...floodFrame(1), url: 'https://login.widget.example/' }),
      ),
    ).toBe(false)
  })
  it("is true for the top document's own field, and for a same-origin frame's", () => {
    expect(hasSiteLoginForm(withFrames(top('https://shop.example.com/', 1)))).toBe(true)
    expect(
      hasSiteLoginForm(
        withFrames(top('https://shop.example.com/'), { ...floodFrame(1), url: 'https://shop.example.com/login' }),
      ),
    ).toBe(true)
  })
})

describe('what a tab keeps of a frame', () => {
  it("keeps the password fields' length caps, which password-short-max-length grades", () => {
    const top: FrameFact = {
      url: 'https://shop.example.com/signup',
      top: true,
      passwordFields: 1,
      forms: [{ action: 'https://shop.example.com/signup', method: 'post', explicit: true, password: true }],
      passwordLimits: [{ maxLength: 12, newPassword: true }],
    }
    const state = withFrame({ url: top.url, incognito: false, frames: {} }, 0, top)
    expect(state.frames['0']!.passwordLimits).toEqual([{ maxLength: 12, newPassword: true }])
    expect(gradeSite(factsOf(state)).findings.map((f) => f.id)).toContain('password-short-max-length')
  })
})
