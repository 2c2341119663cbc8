// @vitest-environment happy-dom
/** The preact components render their view and call their actions; no browser API is involved. */
import { fireEvent, render, screen } from '@testing-library/preact'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { cleanup } from '@testing-library/preact'
import { Options } from '../../../src/ui/options/Options.tsx'
import { Popup } from '../../../src/ui/popup/Popup.tsx'
import type { PopupView } from '../../../src/ui/popup/view-model.ts'
import { Report } from '../../../src/ui/report/Report.tsx'
import type { ReportView } from '../../../src/ui/report/view-model.ts'
import type { OptionsView } from '../../../src/ui/options/view-model.ts'

afterEach(cleanup)

const popupView: PopupView = {
  kind: 'report',
  links: { report: 'All sites', settings: 'Settings' },
  grade: 'F',
  gradeLabel: 'Grade F',
  gradeWord: 'Unsafe',
  host: 'shop.example',
  summary: "Don't type a password here",
  reason: 'It would travel unencrypted.',
  coverage: 'Plain http',
  coverageSummary: 'What Vigie checked',
  fixLabel: 'What the site should fix',
  newSinceLabel: 'New since then:',
  groups: [
    {
      group: 'before',
      label: 'Before you type a password',
      findings: [
        {
          id: 'http-login-form',
          severity: 'critical',
          title: 'Password field',
          user: "Don't type",
          fix: 'Use https',
          source: '',
          full: true,
        },
      ],
    },
  ],
  online: {
    title: 'Online checks',
    lines: [
      {
        source: 'ssllabs',
        state: 'not-asked',
        text: 'SSL Labs: not asked yet',
        action: { label: 'Look up', kind: 'lookup' },
      },
    ],
  },
}

describe('Popup', () => {
  it('carries the contract attributes', () => {
    const { container } = render(<Popup view={popupView} />)
    expect(container.querySelector('[data-grade="F"]')).not.toBeNull()
    expect(container.querySelector('[data-finding="http-login-form"][data-severity="critical"]')).not.toBeNull()
  })
  it('says under the host when the organisation set the level, with a padlock', () => {
    const { container } = render(
      <Popup view={{ ...popupView, managedLevel: 'Graded at the Strict level, set by your organisation.' }} />,
    )
    const line = container.querySelector('[data-managed-level]')!
    expect(line.textContent).toBe('Graded at the Strict level, set by your organisation.')
    expect(line.previousElementSibling!.className).toBe('host')
    expect(line.querySelector('svg[aria-hidden="true"]')).not.toBeNull()
  })
  it('names the grade for screen readers', () => {
    render(<Popup view={popupView} />)
    expect(screen.getByRole('img', { name: 'Grade F' }).textContent).toBe('FUnsafe')
  })
  it('gives D and F, A and A+ different shapes and words', () => {
    const shape = (grade: 'A+' | 'A' | 'D' | 'F') => {
      const { container, unmount } = render(<Popup view={{ ...popupView, grade }} />)
      const className = container.querySelector('[role="img"]')!.className
      unmount()
      return className.split(' ').find((c) => c.startsWith('band-'))
    }
    expect(shape('F')).not.toBe(shape('D'))
    expect(shape('A+')).not.toBe(shape('A'))
  })
  it('marks a provisional grade in words and in shape', () => {
    const { container } = render(
      <Popup
        view={{
          ...popupView,
          grade: 'A+',
          gradeLabel: 'Grade A+, provisional',
          provisional: 'Provisional: SSL Labs is still checking',
        }}
      />,
    )
    expect(screen.getByRole('img', { name: 'Grade A+, provisional' }).classList.contains('provisional')).toBe(true)
    expect(container.querySelector('[data-provisional]')!.textContent).toBe('Provisional: SSL Labs is still checking')
  })
  it('folds the less serious findings behind a toggle that then says "Show fewer"', () => {
    const more = {
      label: 'Show 1 more',
      lessLabel: 'Show fewer',
      groups: [
        {
          group: 'operators' as const,
          label: "For the site's operators",
          findings: [
            {
              id: 'cert-not-ev' as const,
              severity: 'info' as const,
              title: 'No company name',
              user: 'EV',
              fix: 'Nothing',
              source: '',
              fixLabel: "For the site's operator",
            },
          ],
        },
      ],
    }
    const { container } = render(<Popup view={{ ...popupView, more }} />)
    const toggle = screen.getByRole('button', { name: 'Show 1 more' })
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    // Folded: in the page (every finding keeps its data-finding element, SPEC.md section 6) but hidden.
    expect(container.querySelector('[data-finding="cert-not-ev"]')!.closest('[hidden]')).not.toBeNull()
    fireEvent.click(toggle)
    expect(toggle.textContent).toBe('Show fewer')
    expect(toggle.getAttribute('aria-expanded')).toBe('true')
    expect(container.querySelector('[data-finding="cert-not-ev"] .finding-fix summary')!.textContent).toBe(
      "For the site's operator",
    )
    expect(container.querySelector('[data-finding="cert-not-ev"]')!.closest('[hidden]')).toBeNull()
    fireEvent.click(toggle)
    expect(container.querySelector('[data-finding="cert-not-ev"]')!.closest('[hidden]')).not.toBeNull()
  })
  it('ties each "What the site should fix" to its finding for screen readers', () => {
    const { container } = render(<Popup view={popupView} />)
    const summary = container.querySelector('[data-finding="http-login-form"] .finding-fix summary')!
    const describedBy = summary.getAttribute('aria-describedby')
    expect(describedBy).toBeTruthy()
    expect(container.querySelector(`#${describedBy}`)!.textContent).toBe('Password field')
  })
  it('makes the verdict the headline, the host under it, and no severity word a heading', () => {
    const { container } = render(<Popup view={popupView} />)
    expect(container.querySelector('h1')!.textContent).toBe("Don't type a password here")
    expect(container.querySelector('.head-text')!.textContent).toContain('shop.example')
    const headings = [...container.querySelectorAll('h1, h2, h3')].map((h) => h.textContent)
    expect(headings).toContain('Before you type a password')
    for (const word of ['Critical', 'High', 'Medium', 'Low', 'Information']) expect(headings).not.toContain(word)
  })
  it('gives an empty popup a heading and, when the page loaded before Vigie, a Reload button', () => {
    const actions = { lookup: vi.fn(), openReport: vi.fn(), openSettings: vi.fn(), reload: vi.fn() }
    render(
      <Popup
        view={{
          kind: 'empty',
          heading: 'Not graded yet',
          message: 'Reload it',
          reload: 'Reload the page',
          links: popupView.links,
        }}
        actions={actions}
      />,
    )
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Not graded yet')
    fireEvent.click(screen.getByRole('button', { name: 'Reload the page' }))
    expect(actions.reload).toHaveBeenCalledOnce()
  })
  it('offers the settings, not Refresh, when the settings fix an online error, and nothing while backing off', () => {
    const actions = { lookup: vi.fn(), openReport: vi.fn(), openSettings: vi.fn(), reload: vi.fn() }
    const online = {
      title: 'Online checks',
      lines: [
        {
          source: 'ssllabs',
          state: 'error' as const,
          tone: 'fix' as const,
          text: 'SSL Labs needs your email',
          action: { label: 'Open settings', kind: 'settings' as const },
        },
        { source: 'observatory', state: 'error' as const, tone: 'outage' as const, text: 'Down for maintenance' },
      ],
    }
    const { container } = render(<Popup view={{ ...popupView, online }} actions={actions} />)
    fireEvent.click(screen.getByRole('button', { name: 'Open settings' }))
    expect(actions.openSettings).toHaveBeenCalledOnce()
    expect(container.querySelector('[data-source="observatory"] button')).toBeNull()
    expect(container.querySelector('[data-source="observatory"]')!.classList.contains('online-outage')).toBe(true)
  })
  it('opens the settings from the Chrome coverage line', () => {
    const actions = { lookup: vi.fn(), openReport: vi.fn(), openSettings: vi.fn(), reload: vi.fn() }
    render(
      <Popup
        view={{ ...popupView, coverageAction: { label: 'Check them with SSL Labs…', note: 'Sends to Qualys' } }}
        actions={actions}
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Check them with SSL Labs…' }))
    expect(actions.openSettings).toHaveBeenCalledOnce()
  })
  it('tags a new card rather than listing it again in the notice', () => {
    const groups = [{ ...popupView.groups[0]!, findings: [{ ...popupView.groups[0]!.findings[0]!, isNew: true }] }]
    const { container } = render(
      <Popup
        view={{
          ...popupView,
          groups,
          newTag: 'New',
          notice: { kind: 'worse', level: 'major', text: 'Worse', items: ['Password field'] },
        }}
      />,
    )
    expect(container.querySelector('[data-notice] ul')).toBeNull()
    expect(container.querySelector('[data-finding="http-login-form"][data-new="true"] .new-tag')!.textContent).toBe(
      'New',
    )
  })
  it('says a small drop quietly, a big one as an alert', () => {
    const { container, rerender } = render(
      <Popup view={{ ...popupView, notice: { kind: 'worse', level: 'minor', text: 'A little lower', items: [] } }} />,
    )
    expect(container.querySelector('[data-notice="worse"]')!.getAttribute('role')).toBe('status')
    rerender(<Popup view={{ ...popupView, notice: { kind: 'worse', level: 'major', text: 'Worse', items: [] } }} />)
    expect(container.querySelector('[data-notice="worse"]')!.getAttribute('role')).toBe('alert')
  })
  it('keeps the fix one click away', () => {
    render(<Popup view={popupView} />)
    expect(screen.getByText('What the site should fix').tagName).toBe('SUMMARY')
  })
  it('asks for a lookup, and opens the report and the settings', () => {
    const actions = { lookup: vi.fn(), openReport: vi.fn(), openSettings: vi.fn(), reload: vi.fn() }
    render(<Popup view={popupView} actions={actions} />)
    fireEvent.click(screen.getByRole('button', { name: 'Look up' }))
    fireEvent.click(screen.getByRole('button', { name: 'All sites' }))
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }))
    expect(actions.lookup).toHaveBeenCalledWith('ssllabs')
    expect(actions.openReport).toHaveBeenCalledOnce()
    expect(actions.openSettings).toHaveBeenCalledOnce()
  })
})

const loginFinding: ReportView['rows'][number]['findings'][number] = {
  id: 'http-login-form',
  severity: 'critical',
  group: 'before',
  title: 'Password field',
  user: 'Your password would travel unencrypted.',
  fix: 'Serve the page over https.',
  source: 'Seen by your browser',
  link: {
    href: 'https://developer.mozilla.org/en-US/docs/Web/Security/Insecure_passwords',
    label: 'Read more on developer.mozilla.org',
  },
}

const reportView: ReportView = {
  title: 'Sites',
  intro: '',
  rule: 'The worst of its pages.',
  fixLabel: 'What the site should fix:',
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
      date: '3 hr. ago',
      dateTime: '2026-06-01T00:00:00.000Z',
      dateFull: '1 Jun 2026, 00:00',
      main: ['Password field'],
      findings: [loginFinding],
      groups: [{ group: 'before', label: 'Before you type a password', findings: [loginFinding] }],
      pagesNote: 'The worst of 2 pages graded.',
      expandLabel: 'Show a.example',
    },
  ],
  exportJson: 'JSON',
  exportMarkdown: 'Markdown',
  noneLabel: 'None',
}

describe('Report', () => {
  it('keeps the expand arrow and the host in one button, and shows no internal ids', () => {
    const { container } = render(
      <Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />,
    )
    const button = screen.getByRole('button', { name: 'Show a.example' })
    expect(button.textContent).toBe('a.example')
    fireEvent.click(button)
    expect(container.querySelector('[data-finding="http-login-form"]')!.textContent).not.toContain('http-login-form')
  })
  it('lets a host name wrap only after a dot, never inside a label', () => {
    const row = { ...reportView.rows[0]!, host: 'login.my-long-provider.example.com' }
    const { container } = render(
      <Report
        view={{ ...reportView, rows: [row] }}
        actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }}
      />,
    )
    const labels = [...container.querySelectorAll('.host > span')].map((s) => s.textContent)
    expect(labels).toEqual(['login.', 'my-long-provider.', 'example.', 'com'])
    expect(container.querySelectorAll('.host wbr')).toHaveLength(3)
  })
  it('keeps a port with the last label of its host name', () => {
    const row = { ...reportView.rows[0]!, host: 'login.example.co.uk:8443' }
    const { container } = render(
      <Report
        view={{ ...reportView, rows: [row] }}
        actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }}
      />,
    )
    const labels = [...container.querySelectorAll('.host > span')].map((s) => s.textContent)
    expect(labels).toEqual(['login.', 'example.', 'co.', 'uk:8443'])
  })
  it('uses one sort marker style for every sortable column', () => {
    const { container } = render(
      <Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />,
    )
    const markers = [...container.querySelectorAll('th button.sort')].map(
      (b) => b.querySelector('[aria-hidden]')!.textContent,
    )
    expect(markers).toEqual(['▲▼', '▲▼'])
  })
  it('disables the exports of an empty report', () => {
    render(
      <Report
        view={{ ...reportView, rows: [], empty: 'No site graded yet.', exportDisabled: 'Nothing to export yet.' }}
        actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }}
      />,
    )
    expect((screen.getByRole('button', { name: 'JSON' }) as HTMLButtonElement).disabled).toBe(true)
    expect((screen.getByRole('button', { name: 'Markdown' }) as HTMLButtonElement).disabled).toBe(true)
  })
  it('expands a row to its findings', () => {
    const { container } = render(
      <Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />,
    )
    expect(container.querySelector('[data-finding]')).toBeNull()
    fireEvent.click(screen.getByRole('button', { name: 'Show a.example' }))
    expect(container.querySelector('[data-finding="http-login-form"]')).not.toBeNull()
    expect(screen.getByRole('button', { name: 'Show a.example' }).getAttribute('aria-expanded')).toBe('true')
  })
  it('expands a row to the sentence, the fix, the source and a link of each finding, in plain groups', () => {
    const { container } = render(
      <Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Show a.example' }))
    const item = container.querySelector('[data-finding="http-login-form"]')!
    expect(item.textContent).toContain('Your password would travel unencrypted.')
    expect(item.textContent).toContain('What the site should fix: Serve the page over https.')
    expect(item.textContent).toContain('Seen by your browser')
    const link = item.querySelector('a')!
    expect(link.getAttribute('href')).toBe('https://developer.mozilla.org/en-US/docs/Web/Security/Insecure_passwords')
    expect(link.getAttribute('rel')).toBe('noopener noreferrer')
    expect(item.closest('.detail-group')!.querySelector('h2')!.textContent).toBe('Before you type a password')
    expect(container.querySelector('.details')!.textContent).toContain('The worst of 2 pages graded.')
    expect(container.querySelector('[data-rule]')!.textContent).toBe('The worst of its pages.')
  })
  it('shows a short relative date, with the full date for the machine and on hover', () => {
    const { container } = render(
      <Report view={reportView} actions={{ sort: vi.fn(), exportJson: vi.fn(), exportMarkdown: vi.fn() }} />,
    )
    const time = container.querySelector('td.date time')!
    expect(time.textContent).toBe('3 hr. ago')
    expect(time.getAttribute('datetime')).toBe('2026-06-01T00:00:00.000Z')
    expect(time.getAttribute('title')).toBe('1 Jun 2026, 00:00')
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
  strictness: {
    legend: 'Strictness',
    value: 'standard',
    choices: [
      { value: 'relaxed', label: 'Relaxed' },
      { value: 'standard', label: 'Standard' },
      { value: 'strict', label: 'Strict' },
    ],
    locked: false,
  },
  online: { title: 'Online', intro: '', modeLabel: 'When', sources: [] },
  probe: {
    title: 'Scan from this computer',
    switchLabel: 'Scan servers',
    help: '',
    enabled: true,
    mode: 'login',
    modes: [
      { value: 'on-demand', label: 'On demand' },
      { value: 'login', label: 'Login' },
      { value: 'always', label: 'Always' },
    ],
    locked: false,
  },
  email: { label: 'Email', help: '', value: '', locked: false },
  lockedLabel: 'Locked',
  data: {
    title: 'Data',
    summary: '0 sites',
    forget: 'Forget everything',
    confirm: 'Forget all?',
    confirmButton: 'Yes, forget everything',
    cancel: 'Cancel',
    done: 'Forgotten.',
  },
}

describe('Options', () => {
  it('sets the strictness and forgets everything', () => {
    const actions = {
      setStrictness: vi.fn(),
      setSource: vi.fn(),
      setEmail: vi.fn(),
      setProbe: vi.fn(),
      forgetAll: vi.fn(),
    }
    render(<Options view={optionsView} actions={actions} status="" />)
    fireEvent.click(screen.getByRole('radio', { name: /Strict/ }))
    fireEvent.click(screen.getByRole('button', { name: 'Forget everything' }))
    expect(actions.setStrictness).toHaveBeenCalledWith('strict')
    // It asks first: a cancel forgets nothing.
    expect(actions.forgetAll).not.toHaveBeenCalled()
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    fireEvent.click(screen.getByRole('button', { name: 'Forget everything' }))
    fireEvent.click(screen.getByRole('button', { name: 'Yes, forget everything' }))
    expect(actions.forgetAll).toHaveBeenCalledOnce()
  })
  it('says what Forget everything did next to its button', () => {
    const { container } = render(
      <Options
        view={optionsView}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status="Forgotten."
      />,
    )
    expect(
      container.querySelector('.forget [data-action="forget"] + .forget-done, .forget .forget-done')!.textContent,
    ).toBe('Forgotten.')
  })
  it('draws the lock as SVG inside the fieldset, and frames the chosen level', () => {
    const { container } = render(
      <Options
        view={{ ...optionsView, strictness: { ...optionsView.strictness, locked: true } }}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    const locked = container.querySelector('[data-setting="strictness"] [data-locked]')!
    expect(locked.closest('legend')).toBeNull()
    expect(locked.querySelector('svg')).not.toBeNull()
    expect(locked.textContent).not.toMatch(/\u{1F512}/u)
    expect(container.querySelector('.choice.chosen input[value="standard"]')).not.toBeNull()
  })
  it('shows the SSL Labs email only while SSL Labs is on, with steps a person can follow', () => {
    const ssllabs = {
      id: 'ssllabs' as const,
      name: 'SSL Labs',
      switchLabel: 'Use SSL Labs',
      enabled: true,
      mode: 'on-demand' as const,
      modes: [],
      sends: 'Sends to api.ssllabs.com',
      locked: false,
    }
    const actions = {
      setStrictness: vi.fn(),
      setSource: vi.fn(),
      setEmail: vi.fn(),
      setProbe: vi.fn(),
      forgetAll: vi.fn(),
    }
    const on = {
      ...optionsView,
      online: { ...optionsView.online, sources: [ssllabs] },
      email: { ...optionsView.email!, steps: ['One', 'Two', 'Three'] },
    }
    const { container, rerender } = render(<Options view={on} actions={actions} status="" />)
    expect((screen.getByLabelText('Email') as HTMLInputElement).disabled).toBe(false)
    expect([...container.querySelectorAll('.steps li')].map((li) => li.textContent)).toEqual(['One', 'Two', 'Three'])
    const { email: _, ...off } = { ...on, online: { ...on.online, sources: [{ ...ssllabs, enabled: false }] } }
    rerender(<Options view={off} actions={actions} status="" />)
    expect(container.querySelector('#ssllabs-email')).toBeNull()
    expect(container.querySelector('.steps')).toBeNull()
  })
  it('says "Managed by your organisation" once at the top, and marks each locked setting outside any legend', () => {
    const view: OptionsView = {
      ...optionsView,
      managed: { title: 'Managed by your organisation.', text: 'Padlocked settings come from policy.' },
      strictness: { ...optionsView.strictness, locked: true },
      probe: { ...optionsView.probe, locked: true },
    }
    const actions = {
      setStrictness: vi.fn(),
      setSource: vi.fn(),
      setEmail: vi.fn(),
      setProbe: vi.fn(),
      forgetAll: vi.fn(),
    }
    const { container } = render(<Options view={view} actions={actions} status="" />)
    const banner = container.querySelector('[data-managed]')!
    expect(banner.textContent).toMatch(/Managed by your organisation/)
    expect(container.querySelector('h1')!.nextElementSibling).toBe(banner)
    expect(container.textContent!.match(/Padlocked settings come from policy/g)).toHaveLength(1)
    const marks = [...container.querySelectorAll('[data-locked]')]
    expect(marks.map((m) => m.closest('[data-setting]')!.getAttribute('data-setting'))).toEqual(['strictness', 'probe'])
    for (const mark of marks) {
      expect(mark.closest('legend')).toBeNull()
      expect(mark.textContent).toBe('Locked')
    }
    expect(container.querySelectorAll('legend:not(.visually-hidden)')).toHaveLength(0)
  })
  it('gives every card one style: a box with an h2', () => {
    const { container } = render(
      <Options
        view={optionsView}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    const cards = [...container.querySelectorAll('.card')]
    expect(cards.length).toBeGreaterThanOrEqual(4)
    for (const card of cards) {
      expect(card.querySelector(':scope > .card-head > h2')).not.toBeNull()
      expect(container.querySelector(`#${card.getAttribute('aria-labelledby')}`)!.tagName).toBe('H2')
    }
  })
  it('moves the focus to the question, then back to Forget everything', () => {
    render(
      <Options
        view={optionsView}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    fireEvent.click(screen.getByRole('button', { name: 'Forget everything' }))
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Yes, forget everything' }))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Forget everything' }))
  })
  it('keeps host names whole instead of breaking them at a hyphen', () => {
    const observatory = {
      id: 'observatory' as const,
      name: 'HTTP Observatory',
      switchLabel: 'Use the HTTP Observatory',
      enabled: false,
      mode: 'on-demand' as const,
      modes: [],
      sends: 'Sends the host name to observatory-api.mdn.mozilla.net, which scans',
      locked: false,
    }
    const { container } = render(
      <Options
        view={{ ...optionsView, online: { ...optionsView.online, sources: [observatory] } }}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    expect(container.querySelector('.nobreak')!.textContent).toBe('observatory-api.mdn.mozilla.net')
  })
  it('switches the local scanner and its mode', () => {
    const actions = {
      setStrictness: vi.fn(),
      setSource: vi.fn(),
      setEmail: vi.fn(),
      setProbe: vi.fn(),
      forgetAll: vi.fn(),
    }
    const { container } = render(<Options view={optionsView} actions={actions} status="" />)
    fireEvent.click(screen.getByRole('checkbox', { name: 'Scan servers' }))
    expect(actions.setProbe).toHaveBeenCalledWith(false, 'login')
    const select = container.querySelector('[data-setting="probe"] select') as HTMLSelectElement
    select.value = 'always'
    fireEvent.change(select)
    expect(actions.setProbe).toHaveBeenLastCalledWith(true, 'always')
  })
  it('disables a locked scanner setting', () => {
    const { container } = render(
      <Options
        view={{ ...optionsView, probe: { ...optionsView.probe, locked: true } }}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    expect((container.querySelector('[data-setting="probe"]') as HTMLFieldSetElement).disabled).toBe(true)
  })
  it('disables a locked setting', () => {
    const { container } = render(
      <Options
        view={{ ...optionsView, strictness: { ...optionsView.strictness, locked: true } }}
        actions={{
          setStrictness: vi.fn(),
          setSource: vi.fn(),
          setEmail: vi.fn(),
          setProbe: vi.fn(),
          forgetAll: vi.fn(),
        }}
        status=""
      />,
    )
    expect((container.querySelector('[data-setting="strictness"]') as HTMLFieldSetElement).disabled).toBe(true)
    expect(screen.getByText(/Locked/)).toBeTruthy()
  })
})
