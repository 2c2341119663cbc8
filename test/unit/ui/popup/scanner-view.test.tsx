// @vitest-environment happy-dom
/** The popup's scanner part: its view model with the English words, and its component. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, fireEvent, render } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ScannerStatus } from '../../../../src/messages.ts'
import { Scanner } from '../../../../src/ui/popup/Scanner.tsx'
import { scannerView } from '../../../../src/ui/popup/scanner-view.ts'

afterEach(cleanup)

const en: Record<string, { message: string }> = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/en/messages.json'), 'utf8'),
)
const t = (key: string, subs: string[] = []) =>
  (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')
const format = { ago: (ms: number) => `${ms / 60_000} minutes ago`, list: (items: string[]) => items.join(' + ') }
const status = (s: Partial<ScannerStatus>): ScannerStatus => ({
  mode: 'login',
  state: 'none',
  route: 'ok',
  companion: { state: 'working', version: '0.2.0', protocol: 2 },
  accepts: [],
  hintHidden: false,
  ...s,
})
const companion = (c: Partial<ScannerStatus['companion']>) => ({ companion: { state: 'working' as const, ...c } })
const NOW = 1_000_000_000

describe('scannerView', () => {
  it('says when the server was scanned from this computer, and what else it accepts', () => {
    const view = scannerView(status({ state: 'ready', at: NOW - 120_000, accepts: ['ssl3', 'rc4'] }), t, NOW, format)!
    expect(view.text).toBe('Scanned from this computer, 2 minutes ago.')
    expect(view.accepts).toBe('The server also accepts SSL 3 + RC4 suites.')
    expect(view.action).toEqual({ label: 'Rescan', disabled: false })
  })
  it('has no "also accepts" line for a server that accepts nothing more', () => {
    expect(scannerView(status({ state: 'ready', at: NOW }), t, NOW, format)!.accepts).toBeUndefined()
  })
  it('disables Rescan while a scan runs', () => {
    expect(scannerView(status({ state: 'running', at: NOW }), t, NOW, format)!.action!.disabled).toBe(true)
  })
  it('explains, once and calmly, how to set up the companion, with Check again and no Scan button; the note can be hidden', () => {
    const view = scannerView(status(companion({ state: 'missing' })), t, NOW, format)!
    expect(view.state).toBe('missing')
    expect(view.text).toMatch(/companion program, which is not installed/)
    expect(view.action!.label).toBe('Check again')
    expect(view.setup).toBe('Set up the companion')
    expect(view.hide).toBe('Don’t show this again')
    const hidden = scannerView(status({ ...companion({ state: 'missing' }), hintHidden: true }), t, NOW, format)!
    expect(hidden.text).toBe('Not scanned from this computer yet.')
    expect(hidden.action!.label).toBe('Check again')
    expect(hidden.hide).toBeUndefined()
  })
  it('has no Scan button before a companion answered', () => {
    for (const state of ['unknown', 'missing', 'forbidden', 'outdated', 'broken'] as const) {
      const view = scannerView(status({ ...companion({ state }), state: 'ready', at: NOW }), t, NOW, format)!
      expect(view.action?.label, state).toBe('Check again')
      expect(view.state, state).not.toBe('ready')
    }
  })
  it('shows the id to allow and the command for a companion that does not allow this extension', () => {
    const view = scannerView(
      status(companion({ state: 'forbidden', extensionId: 'abcdefghijklmnopabcdefghijklmnop' })),
      t,
      NOW,
      format,
    )!
    expect(view.text).toContain('id abcdefghijklmnopabcdefghijklmnop')
    expect(view.command).toBe('npx vigie-companion install --extension-id abcdefghijklmnopabcdefghijklmnop')
  })
  it('says a companion is too old, with its version and the update command', () => {
    const view = scannerView(status(companion({ state: 'outdated', version: '0.1.0', protocol: 1 })), t, NOW, format)!
    expect(view.text).toMatch(/installed \(version 0\.1\.0\) but too old/)
    expect(view.command).toBe('npx vigie-companion@latest install')
  })
  it('says why a page gets no scan without its address, and offers no button', () => {
    const view = scannerView(status({ route: 'no-address' }), t, NOW, format)!
    expect(view.state).toBe('no-address')
    expect(view.text).toMatch(/Reload the page/)
    expect(view.action).toBeUndefined()
  })
  it('through a proxy: says why, warns plainly, and offers a scan on request only', () => {
    const view = scannerView(status({ route: 'proxied' }), t, NOW, format)!
    expect(view.state).toBe('proxied')
    expect(view.text).toBe('Not scanned by itself: your browser reached this site through a proxy.')
    expect(view.warning).toMatch(/would not go through your proxy/)
    expect(view.action!.label).toBe('Scan anyway')
  })
  it('says when an automatic scan waits for its turn, and lets the user scan now', () => {
    const view = scannerView(status({ state: 'waiting', at: NOW + 30_000 }), t, NOW, format)!
    expect(view.text).toMatch(/Waiting its turn/)
    expect(view.action).toEqual({ label: 'Scan now', disabled: false })
  })
  it('gives the reason of a failed scan as text', () => {
    expect(scannerView(status({ state: 'error', message: '<b>refused</b>' }), t, NOW, format)!.text).toBe(
      'The scan from this computer did not work: <b>refused</b>',
    )
  })
  it('shows nothing without a status (scanner off, or not https)', () => {
    expect(scannerView(undefined, t, NOW, format)).toBeUndefined()
  })
  it('has words for every key the background may send', () => {
    for (const key of ['ssl3', 'tls1', 'tls1_1', 'export', 'rc4', 'tripleDes', 'null', 'anon', 'staticRsa', 'weakDh']) {
      expect(en[`scannerAccepts_${key}`]?.message, key).toBeTruthy()
    }
  })
})

describe('Scanner', () => {
  it('renders text, never HTML, and calls its actions', () => {
    const onRescan = vi.fn()
    const onHide = vi.fn()
    const view = scannerView(status({ state: 'error', message: '<img src=x onerror=alert(1)>' }), t, NOW, format)!
    const { container } = render(<Scanner view={view} onRescan={onRescan} onHide={onHide} />)
    expect(container.querySelector('img')).toBeNull()
    fireEvent.click(container.querySelector('[data-action="rescan"]')!)
    expect(onRescan).toHaveBeenCalledOnce()
    cleanup()
    const missing = render(
      <Scanner
        view={scannerView(status(companion({ state: 'missing' })), t, NOW, format)!}
        onRescan={onRescan}
        onHide={onHide}
      />,
    )
    // Without the companion the part is one folded line, closed until the user opens it.
    const folded = missing.container.querySelector('details[data-scanner="missing"]')
    expect(folded).not.toBeNull()
    expect(folded!.hasAttribute('open')).toBe(false)
    expect(folded!.querySelector('summary')!.textContent).toBe(en.scannerMissingSummary!.message)
    fireEvent.click(missing.container.querySelector('[data-action="hide-scanner-hint"]')!)
    expect(onHide).toHaveBeenCalledOnce()
    // The setup page opens from a plain link in a tab of its own.
    expect(missing.container.querySelector('a[data-action="setup"]')!.getAttribute('href')).toBe('setup.html')
    cleanup()
    const forbidden = render(
      <Scanner
        view={scannerView(status(companion({ state: 'forbidden', extensionId: 'x<b>y' })), t, NOW, format)!}
        onRescan={onRescan}
        onHide={onHide}
      />,
    )
    expect(forbidden.container.querySelector('[data-command]')!.textContent).toBe(
      'npx vigie-companion install --extension-id x<b>y',
    )
  })
})
