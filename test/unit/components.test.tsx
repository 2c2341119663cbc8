// @vitest-environment happy-dom
/** The preact components render their view and call their actions; no browser API is involved. */
import { fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup } from '@testing-library/preact'
import { Options } from '../../src/ui/options/Options.tsx'
import { Popup } from '../../src/ui/popup/Popup.tsx'
import type { PopupView } from '../../src/ui/popup/view-model.ts'
import { Report } from '../../src/ui/report/Report.tsx'
import type { ReportView } from '../../src/ui/report/view-model.ts'
import type { OptionsView } from '../../src/ui/options/view-model.ts'

afterEach(cleanup)

const popupView: PopupView = {
  kind: 'report',
  links: { report: 'All sites', settings: 'Settings' },
  grade: 'F',
  gradeLabel: 'Grade F',
  host: 'shop.example',
  summary: 'Unsafe',
  coverage: 'Plain http',
  fixLabel: 'What the site should fix',
  newSinceLabel: 'New since then:',
  groups: [
    {
      severity: 'critical',
      label: 'Critical',
      findings: [{ id: 'http-login-form', severity: 'critical', title: 'Password field', user: "Don't type", fix: 'Use https', source: '' }],
    },
  ],
  online: { title: 'Online checks', lines: [{ source: 'ssllabs', state: 'not-asked', text: 'SSL Labs: not asked yet', action: { label: 'Look up', ariaLabel: 'Ask SSL Labs' } }] },
}

describe('Popup', () => {
  it('carries the contract attributes', () => {
    const { container } = render(<Popup view={popupView} />)
    expect(container.querySelector('[data-grade="F"]')).not.toBeNull()
    expect(container.querySelector('[data-finding="http-login-form"][data-severity="critical"]')).not.toBeNull()
  })
  it('names the grade for screen readers', () => {
    render(<Popup view={popupView} />)
    expect(screen.getByRole('img', { name: 'Grade F' }).textContent).toBe('F')
  })
  it('keeps the fix one click away', () => {
    render(<Popup view={popupView} />)
    expect(screen.getByText('What the site should fix').tagName).toBe('SUMMARY')
  })
  it('asks for a lookup, and opens the report and the settings', () => {
    const actions = { lookup: vi.fn(), openReport: vi.fn(), openSettings: vi.fn() }
    render(<Popup view={popupView} actions={actions} />)
    fireEvent.click(screen.getByRole('button', { name: 'Ask SSL Labs' }))
    fireEvent.click(screen.getByRole('button', { name: 'All sites' }))
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    expect(actions.lookup).toHaveBeenCalledWith('ssllabs')
    expect(actions.openReport).toHaveBeenCalledOnce()
    expect(actions.openSettings).toHaveBeenCalledOnce()
  })
})

const reportView: ReportView = {
  title: 'Sites',
  intro: '',
  columns: [
    { key: 'host', label: 'Site', sort: 'none', sortLabel: 'Sort by Site' },
    { key: 'grade', label: 'Grade', sort: 'descending', sortLabel: 'Sort by Grade' },
    { key: 'findings', label: 'Main findings' },
  ],
  rows: [
    {
      host: 'a.example',
      grade: 'F',
      level: 'standard',
      date: 'today',
      main: 'Password field',
      findings: [{ id: 'http-login-form', severity: 'critical', severityLabel: 'Critical', title: 'Password field' }],
      expandLabel: 'Show a.example',
    },
  ],
  exportJson: 'JSON',
  exportMarkdown: 'Markdown',
  noneLabel: 'None',
}

describe('Report', () => {
  it('expands a row to its findings', () => {
    const { container } = render(<Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />)
    expect(container.querySelector('[data-finding]')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Show a.example' }))
    expect(container.querySelector('[data-finding="http-login-form"]')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Show a.example' }).getAttribute('aria-expanded')).toBe('true')
  })
  it('sorts and exports', () => {
    const actions = { sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }
    render(<Report view={reportView} actions={actions} />)
    fireEvent.click(screen.getByRole('button', { name: 'Sort by Site' }))
    fireEvent.click(screen.getByRole('button', { name: 'JSON' }))
    fireEvent.click(screen.getByRole('button', { name: 'Markdown' }))
    expect(actions.sort).toHaveBeenCalledWith('host')
    expect(actions.exportJson).toHaveBeenCalledOnce()
    expect(actions.exportMarkdown).toHaveBeenCalledOnce()
  })
})

const optionsView: OptionsView = {
  title: 'Settings',
  strictness: { legend: 'Strictness', value: 'standard', choices: [{ value: 'relaxed', label: 'Relaxed' }, { value: 'standard', label: 'Standard' }, { value: 'strict', label: 'Strict' }], locked: false },
  online: { title: 'Online', intro: '', modeLabel: 'When', sources: [] },
  probe: {
    title: 'Scan from this computer',
    switchLabel: 'Scan servers',
    help: '',
    enabled: true,
    mode: 'login',
    modes: [{ value: 'on-demand', label: 'On demand' }, { value: 'login', label: 'Login' }, { value: 'always', label: 'Always' }],
    locked: false,
  },
  email: { label: 'Email', help: '', value: '', locked: false },
  lockedLabel: 'Locked',
  lockedWhy: 'Policy',
  data: { title: 'Data', summary: '0 sites', forget: 'Forget everything' },
}

describe('Options', () => {
  it('sets the strictness and forgets everything', () => {
    const actions = { setStrictness: vi.fn(), setSource: vi.fn(), setEmail: vi.fn(), setProbe: vi.fn(), forgetAll: vi.fn() }
    render(<Options view={optionsView} actions={actions} status="" />)
    fireEvent.click(screen.getByRole('radio', { name: /Strict/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Forget everything' }))
    expect(actions.setStrictness).toHaveBeenCalledWith('strict')
    expect(actions.forgetAll).toHaveBeenCalledOnce()
  })
  it('switches the local scanner and its mode', () => {
    const actions = { setStrictness: vi.fn(), setSource: vi.fn(), setEmail: vi.fn(), setProbe: vi.fn(), forgetAll: vi.fn() }
    const { container } = render(<Options view={optionsView} actions={actions} status="" />)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Scan servers' }))
    expect(actions.setProbe).toHaveBeenCalledWith(false, 'login')
    const select = container.querySelector('[data-setting="probe"] select') as HTMLSelectElement
    select.value = 'always'
    fireEvent.change(select)
    expect(actions.setProbe).toHaveBeenLastCalledWith(true, 'always')
  })
  it('disables a locked scanner setting', () => {
    const { container } = render(<Options view={{ ...optionsView, probe: { ...optionsView.probe, locked: true } }} actions={{ setStrictness: vi.fn(), setSource: vi.fn(), setEmail: vi.fn(), setProbe: vi.fn(), forgetAll: vi.fn() }} status="" />)
    expect((container.querySelector('[data-setting="probe"]') as HTMLFieldSetElement).disabled).toBe(true)
  })
  it('disables a locked setting', () => {
    const { container } = render(<Options view={{ ...optionsView, strictness: { ...optionsView.strictness, locked: true } }} actions={{ setStrictness: vi.fn(), setSource: vi.fn(), setEmail: vi.fn(), setProbe: vi.fn(), forgetAll: vi.fn() }} status="" />)
    expect((container.querySelector('[data-setting="strictness"]') as HTMLFieldSetElement).disabled).toBe(true)
    expect(screen.getByText(/Locked/)).toBeTruthy()
  })
})
