import { beforeEach, describe, expect, it, vi } from 'vitest'

/** A fake browser.storage whose storage.managed answers only when the test says so, as Chromium's after start-up. */
const fake = vi.hoisted(() => {
  const state = {
    sync: {} as Record<string, unknown>,
    local: {} as Record<string, unknown>,
    answerManaged: (_values: Record<string, unknown>) => {},
    listeners: [] as ((changes: Record<string, { newValue?: unknown }>, area: string) => void)[],
  }
  const area = (store: () => Record<string, unknown>) => ({
    get: async (keys: string | string[]) => {
      const wanted = typeof keys === 'string' ? [keys] : keys
      return Object.fromEntries(Object.entries(store()).filter(([k]) => wanted.includes(k)))
    },
    set: async (values: Record<string, unknown>) => void Object.assign(store(), values),
  })
  const browser = {
    storage: {
      sync: area(() => state.sync),
      local: area(() => state.local),
      managed: {
        get: () => new Promise<Record<string, unknown>>((resolve) => (state.answerManaged = resolve)),
      },
      onChanged: { addListener: (l: (typeof state.listeners)[number]) => state.listeners.push(l) },
    },
  }
  return { state, browser }
})
vi.mock('../../src/platform/index.ts', () => ({ browser: fake.browser }))

const tick = () => new Promise((r) => setTimeout(r, 0))

async function freshModule() {
  vi.resetModules()
  fake.state.listeners = []
  return import('../../src/background/settings.ts')
}

describe('background settings', () => {
  beforeEach(() => {
    fake.state.sync = { strictness: 'relaxed' }
    fake.state.local = {}
  })

  it('resolve from storage.sync without waiting for storage.managed', async () => {
    const settings = await freshModule()
    const result = await Promise.race([settings.currentSettings(), new Promise((r) => setTimeout(() => r('waited'), 200))])
    expect(result).not.toBe('waited')
    expect((result as Awaited<ReturnType<typeof settings.currentSettings>>).values.strictness).toBe('relaxed')
  })

  it('apply the managed values when they arrive, and tell the listeners so open tabs are re-graded', async () => {
    const settings = await freshModule()
    const heard = vi.fn()
    settings.onSettingsChanged(heard)
    expect(await settings.getStrictness()).toBe('relaxed')
    fake.state.answerManaged({ strictness: 'strict' })
    await tick()
    expect(heard).toHaveBeenCalledTimes(1)
    expect(await settings.getStrictness()).toBe('strict')
    expect((await settings.currentSettings()).locked).toEqual(['strictness'])
    // Kept for the next start.
    expect(fake.state.local.managedSettings).toEqual({ strictness: 'strict' })
  })

  it('stay quiet when the managed values change nothing', async () => {
    const settings = await freshModule()
    const heard = vi.fn()
    settings.onSettingsChanged(heard)
    await settings.currentSettings()
    fake.state.answerManaged({})
    await tick()
    expect(heard).not.toHaveBeenCalled()
  })

  it('use the managed values seen at the last start until the live ones answer', async () => {
    fake.state.local = { managedSettings: { strictness: 'strict' } }
    const settings = await freshModule()
    expect(await settings.getStrictness()).toBe('strict')
    // The policy was removed meanwhile: the live answer wins.
    fake.state.answerManaged({})
    await tick()
    expect(await settings.getStrictness()).toBe('relaxed')
    expect(fake.state.local.managedSettings).toEqual({})
  })

  it('let settledSettings wait for storage.managed', async () => {
    const settings = await freshModule()
    let done = false
    void settings.settledSettings().then(() => (done = true))
    await tick()
    expect(done).toBe(false)
    fake.state.answerManaged({ ssllabs: { enabled: false, mode: 'on-demand' } })
    await tick()
    expect(done).toBe(true)
    expect((await settings.settledSettings()).locked).toEqual(['ssllabs'])
  })

  it('follow storage.onChanged for the user and the administrator', async () => {
    const settings = await freshModule()
    const heard = vi.fn()
    settings.onSettingsChanged(heard)
    await settings.currentSettings()
    fake.state.answerManaged({})
    await tick()
    for (const l of fake.state.listeners) l({ strictness: { newValue: 'standard' } }, 'sync')
    expect(await settings.getStrictness()).toBe('standard')
    for (const l of fake.state.listeners) l({ strictness: { newValue: 'strict' } }, 'managed')
    expect(await settings.getStrictness()).toBe('strict')
    for (const l of fake.state.listeners) l({ strictness: {} }, 'managed')
    expect(await settings.getStrictness()).toBe('standard')
    expect(heard).toHaveBeenCalledTimes(3)
  })

  it('keep a change made while the first reads were under way', async () => {
    const settings = await freshModule()
    for (const l of fake.state.listeners) l({ strictness: { newValue: 'strict' } }, 'sync')
    expect(await settings.getStrictness()).toBe('strict')
  })
})
