// @vitest-environment happy-dom
/** The companion's setup page and the options page's companion card: their view model with the real words, and the components. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, fireEvent, render, waitFor } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CompanionInfo } from '../../../../src/messages.ts'
import { Card } from '../../../../src/ui/options/CompanionCard.tsx'
import { Setup } from '../../../../src/ui/setup/Setup.tsx'
import { companionLine, setupView, waysFor, type SetupContext } from '../../../../src/ui/setup/setup-view.ts'

afterEach(cleanup)

const words = (lang: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(resolve(import.meta.dirname, `../../../../public/_locales/${lang}/messages.json`), 'utf8'))
const translator =
  (dict: Record<string, { message: string }>) =>
  (key: string, subs: string[] = []) =>
    (dict[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')
const t = translator(words('en'))
const ID = 'abcdefghijklmnopabcdefghijklmnop'
const context = (c: Partial<SetupContext> = {}): SetupContext => ({
  platform: { os: 'linux', arch: 'x86-64' },
  browser: 'chrome',
  extensionId: ID,
  version: '0.1.0',
  companion: null,
  ...c,
})

describe('the ways to install, for each system and browser', () => {
  it("Linux in a Chromium browser: the .deb first, then npx, then the single executable, each allowing this copy's id", () => {
    const ways = waysFor(context(), t)
    expect(ways.map((w) => w.id)).toEqual(['deb', 'npx', 'executable'])
    expect(ways[0]!.command).toBe(
      `sudo apt install ./vigie-companion_0.1.0_all.deb && vigie-companion install --extension-id ${ID}`,
    )
    expect(ways[1]!.command).toBe(`npx vigie-companion install --extension-id ${ID}`)
    expect(ways[2]!.command).toBe(
      `chmod +x vigie-companion-linux-x64 && ./vigie-companion-linux-x64 install --extension-id ${ID}`,
    )
  })
  it("Linux in Firefox: no id to name (Firefox's is fixed)", () => {
    const ways = waysFor(context({ browser: 'firefox', extensionId: 'vigie@vigie.dev' }), t)
    expect(ways.map((w) => w.command)).toEqual([
      'sudo apt install ./vigie-companion_0.1.0_all.deb',
      'npx vigie-companion install',
      'chmod +x vigie-companion-linux-x64 && ./vigie-companion-linux-x64 install',
    ])
  })
  it('macOS and Windows: the single executable for that system first, then npx', () => {
    expect(
      waysFor(context({ platform: { os: 'mac', arch: 'arm64' }, browser: 'firefox' }), t).map((w) => w.command),
    ).toEqual([
      'chmod +x vigie-companion-macos-arm64 && ./vigie-companion-macos-arm64 install',
      'npx vigie-companion install',
    ])
    expect(waysFor(context({ platform: { os: 'win', arch: 'x86-64' } }), t).map((w) => w.command)).toEqual([
      `.\\vigie-companion-win-x64.exe install --extension-id ${ID}`,
      `npx vigie-companion install --extension-id ${ID}`,
    ])
  })
  it('another system: npx alone', () => {
    expect(waysFor(context({ platform: { os: 'cros', arch: 'x86-64' } }), t).map((w) => w.id)).toEqual(['npx'])
  })
})

describe("the companion's state in words", () => {
  it('says "Connected: version X" once a companion answers', () => {
    expect(companionLine({ state: 'working', version: '0.2.0', protocol: 2 }, 'chrome', ID, t)).toEqual({
      state: 'working',
      text: 'Connected: version 0.2.0',
      good: true,
    })
    expect(
      companionLine({ state: 'working', version: '0.2.0', protocol: 2 }, 'chrome', ID, translator(words('fr'))).text,
    ).toBe('Connecté\u00a0: version 0.2.0')
  })
  it('shows the id to allow and the command when the companion does not allow this extension', () => {
    const line = companionLine({ state: 'forbidden' }, 'chrome', ID, t)
    expect(line.text).toContain(`(id ${ID})`)
    expect(line.command).toBe(`npx vigie-companion install --extension-id ${ID}`)
  })
  it('in Firefox, a missing companion may also be one that does not allow Vigie, and says so with the id', () => {
    expect(companionLine({ state: 'missing' }, 'firefox', 'vigie@vigie.dev', t).text).toMatch(
      /without allowing Vigie’s id vigie@vigie\.dev/,
    )
    expect(companionLine({ state: 'missing' }, 'chrome', ID, t).text).toMatch(/^Not installed yet\./)
  })
  it('says a companion is too old, with the update command', () => {
    expect(companionLine({ state: 'outdated', version: '0.1.0', protocol: 1 }, 'chrome', ID, t).command).toBe(
      'npx vigie-companion@latest install',
    )
  })
})

describe('Setup', () => {
  it('renders the state, the id, the ways with copy buttons, and Check again; text only, never HTML', () => {
    const actions = { check: vi.fn(), copy: vi.fn() }
    const view = setupView(context({ companion: { state: 'broken', message: '<img src=x onerror=alert(1)>' } }), t)
    const { container } = render(<Setup view={view} actions={actions} copied={null} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.querySelector('[data-companion="broken"]')).not.toBeNull()
    expect(container.querySelector('[data-extension-id]')!.textContent).toBe(ID)
    expect(container.querySelector('[data-system]')!.textContent).toBe(
      'This computer: Linux (x86-64), in Chrome or another Chromium browser (Chromium, Edge, Brave, Vivaldi).',
    )
    fireEvent.click(container.querySelector('[data-copy="npx"]')!)
    expect(actions.copy).toHaveBeenCalledWith(`npx vigie-companion install --extension-id ${ID}`, 'npx')
    const check = container.querySelector('[data-action="check"]')!
    expect(check.textContent).toBe('Check again')
    fireEvent.click(check)
    expect(actions.check).toHaveBeenCalledOnce()
  })
})

describe("the options page's companion card", () => {
  it('asks once, shows the version, and asks again on Check again', async () => {
    const answers: CompanionInfo[] = [{ state: 'missing' }, { state: 'working', version: '0.2.0', protocol: 2 }]
    const check = vi.fn(async () => answers.shift() ?? null)
    const { container } = render(<Card world={{ check, t, browser: 'chrome' }} />)
    await waitFor(() => expect(container.querySelector('[data-companion="missing"]')).not.toBeNull())
    expect(container.querySelector('a[data-action="setup"]')!.getAttribute('href')).toBe('setup.html')
    fireEvent.click(container.querySelector('[data-action="check"]')!)
    await waitFor(() =>
      expect(container.querySelector('[data-companion="working"]')!.textContent).toContain('Connected: version 0.2.0'),
    )
    expect(check).toHaveBeenCalledTimes(2)
  })
})
