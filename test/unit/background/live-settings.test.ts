import { beforeEach, describe, expect, it, vi } from 'vitest'

/** storage.managed answers only when the test says so, as Chromium's does after start-up. */
const fake = await vi.hoisted(async () => (await import('../../support/browser.ts')).fakeBrowser())
vi.mock('../../../src/platform/index.ts', () => ({ browser: fake }))
let releaseManaged = () => {}
function answerManaged(values: Record<string, unknown>): void {
  fake.storage.managed.data = values
  releaseManaged()
}
const emit = fake.storage.onChanged.emit

const tick = () => new Promise((r) => setTimeout(r, 0))

async function freshModule() {
  vi.resetModules()
  releaseManaged = fake.storage.managed.hold()
  return import('../../../src/background/live-settings.ts')
}

/** A fresh module, a listener on its changes, and storage.managed answered with nothing. */
async function startedModule() {
  const settings = await freshModule()
  const heard = vi.fn()
  settings.onSettingsChanged(heard)
  await settings.currentSettings()
  answerManaged({})
  await tick()
  return { settings, heard }
}

describe('background settings', () => {
  beforeEach(() => {
    fake.reset()
    fake.storage.sync.data = { strictness: 'relaxed' }
  })

  it('resolve from storage.sync without waiting for storage.managed', async () => {
    const settings = await freshModule()
    const result = await Promise.race([
      settings.currentSettings(),
      new Promise((r) => setTimeout(() => r('waited'), 200)),
    ])
    expect(result).not.toBe('waited')
    expect((result as Awaited<ReturnType<typeof settings.currentSettings>>).values.strictness).toBe('relaxed')
  })

  it('apply the managed values when they arrive, and tell the listeners so open tabs are re-graded', async () => {
    const settings = await freshModule()
    const heard = vi.fn()
    settings.onSettingsChanged(heard)
    expect(await settings.getStrictness()).toBe('relaxed')
    answerManaged({ strictness: 'strict' })
    await tick()
    expect(heard).toHaveBeenCalledTimes(1)
    expect(await settings.getStrictness()).toBe('strict')
    expect((await settings.currentSettings()).locked).toEqual(['strictness'])
    // Kept for the next start.
    expect(fake.storage.local.data.managedSettings).toEqual({ strictness: 'strict' })
  })

  it('stay quiet when the managed values change nothing', async () => {
    const { heard } = await startedModule()
    expect(heard).not.toHaveBeenCalled()
  })

  it('use the managed values seen at the last start until the live ones answer', async () => {
    fake.storage.local.data = { managedSettings: { strictness: 'strict' } }
    const settings = await freshModule()
    expect(await settings.getStrictness()).toBe('strict')
    // The policy was removed meanwhile: the live answer wins.
    answerManaged({})
    await tick()
    expect(await settings.getStrictness()).toBe('relaxed')
    expect(fake.storage.local.data.managedSettings).toEqual({})
  })

  it('let settledSettings wait for storage.managed', async () => {
    const settings = await freshModule()
    let done = false
    void settings.settledSettings().then(() => (done = true))
    await tick()
    expect(done).toBe(false)
    answerManaged({ ssllabs: { enabled: false, mode: 'on-demand' } })
    await tick()
    expect(done).toBe(true)
    expect((await settings.settledSettings()).locked).toEqual(['ssllabs'])
  })

  it('follow the changes of the user and the administrator', async () => {
    const { settings, heard } = await startedModule()
    emit({ strictness: { newValue: 'standard' } }, 'sync')
    expect(await settings.getStrictness()).toBe('standard')
    emit({ strictness: { newValue: 'strict' } }, 'managed')
    expect(await settings.getStrictness()).toBe('strict')
    emit({ strictness: {} }, 'managed')
    expect(await settings.getStrictness()).toBe('standard')
    expect(heard).toHaveBeenCalledTimes(3)
  })

  it("hear the settings areas on their own events, not on every write to storage (the tabs' states)", async () => {
    const everyWrite = vi.spyOn(fake.storage.onChanged, 'addListener')
    try {
      const { settings, heard } = await startedModule()
      expect(everyWrite).not.toHaveBeenCalled()
      await fake.storage.session.set({ 'tab:1': { url: 'https://example.com/' } })
      await fake.storage.sync.set({ strictness: 'strict' })
      expect(await settings.getStrictness()).toBe('strict')
      expect(heard).toHaveBeenCalledTimes(1)
    } finally {
      everyWrite.mockRestore()
    }
  })

  it("hear an area without an event of its own (Firefox's storage.managed) on storage.onChanged", async () => {
    const own = fake.storage.managed.onChanged
    Object.assign(fake.storage.managed, { onChanged: undefined })
    try {
      const { settings } = await startedModule()
      emit({ strictness: { newValue: 'strict' } }, 'managed')
      expect(await settings.getStrictness()).toBe('strict')
      emit({ strictness: { newValue: 'standard' } }, 'sync')
      expect(await settings.getStrictness()).toBe('strict')
    } finally {
      Object.assign(fake.storage.managed, { onChanged: own })
    }
  })

  it('keep a change made while the first reads were under way', async () => {
    const settings = await freshModule()
    emit({ strictness: { newValue: 'strict' } }, 'sync')
    expect(await settings.getStrictness()).toBe('strict')
  })
})
