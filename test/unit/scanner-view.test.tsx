// @vitest-environment happy-dom
/** The popup's scanner part: its view model with the English words, and its component. */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, fireEvent, render } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ScannerStatus } from '../../src/messages.ts'
import { Scanner } from '../../src/ui/popup/Scanner.tsx'
import { scannerView } from '../../src/ui/popup/scanner-view.ts'

afterEach(cleanup)

const en: Record<string, { message: string }> = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../public/_locales/en/messages.json'), 'utf8'))
const t = (key: string, subs: string[] = []) => (en[key]?.message ?? `??${key}`).replace(/\$(\d)/g, (_, n) => subs[Number(n) - 1] ?? '')
const format = { ago: (ms: number) => `${ms / 60_000} minutes ago`, list: (items: string[]) => items.join(' + ') }
const status = (s: Partial<ScannerStatus>): ScannerStatus => ({ mode: 'login', state: 'none', accepts: [], hintHidden: false, ...s })
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
    expect(scannerView(status({ state: 'running', at: NOW }), t, NOW, format)!.action.disabled).toBe(true)
  })
  it('explains, once and calmly, how to install the companion, and can be hidden', () => {
    const view = scannerView(status({ state: 'missing' }), t, NOW, format)!
    expect(view.text).toMatch(/npm run companion:install/)
    expect(view.action.label).toBe('Try again')
    expect(view.hide).toBe('Don’t show this again')
    const hidden = scannerView(status({ state: 'missing', hintHidden: true }), t, NOW, format)!
    expect(hidden.text).toBe('Not scanned from this computer yet.')
    expect(hidden.hide).toBeUndefined()
  })
  it('gives the reason of a failed scan as text', () => {
    expect(scannerView(status({ state: 'error', message: '<b>refused</b>' }), t, NOW, format)!.text).toBe('The scan from this computer did not work: <b>refused</b>')
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
    const missing = render(<Scanner view={scannerView(status({ state: 'missing' }), t, NOW, format)!} onRescan={onRescan} onHide={onHide} />)
    // Without the companion the part is one folded line, closed until the user opens it.
    const folded = missing.container.querySelector('details[data-scanner="missing"]')
    expect(folded).not.toBeNull()
    expect(folded!.hasAttribute('open')).toBe(false)
    expect(folded!.querySelector('summary')!.textContent).toBe(en.scannerMissingSummary!.message)
    fireEvent.click(missing.container.querySelector('[data-action="hide-scanner-hint"]')!)
    expect(onHide).toHaveBeenCalledOnce()
  })
})
