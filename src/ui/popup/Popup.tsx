/** The popup's view: a function of PopupView. No browser API here. */
import { Account } from './Account.tsx'
import type { FindingView, Notice as NoticeView, OnlineView, PopupView } from './view-model.ts'

export interface PopupActions {
  lookup(source: string): void
  openReport(): void
  openSettings(): void
}

function Footer({ links, actions }: { links: { report: string; settings: string }; actions: PopupActions }) {
  return (
    <footer class="foot">
      <button type="button" class="link" onClick={actions.openReport} data-link="report">
        {links.report}
      </button>
      <button type="button" class="link" onClick={actions.openSettings} data-link="settings">
        {links.settings}
      </button>
    </footer>
  )
}

function Online({ online, actions }: { online: OnlineView; actions: PopupActions }) {
  return (
    <section class="online" aria-label={online.title}>
      <h2 class="group-title">{online.title}</h2>
      {online.note && <p class="online-note">{online.note}</p>}
      <ul class="online-lines">
        {online.lines.map((line) => (
          <li key={line.source} class={`online-line online-${line.state}`} data-source={line.source} data-state={line.state}>
            <span class="online-text">{line.text}</span>
            {line.progress !== undefined && <progress max={100} value={line.progress} aria-label={line.text} />}
            <button type="button" class="online-action" aria-label={line.action.ariaLabel} onClick={() => actions.lookup(line.source)}>
              {line.action.label}
            </button>
          </li>
        ))}
      </ul>
    </section>
  )
}

function Notice({ notice, label }: { notice: NoticeView; label: string }) {
  return (
    <div class={`notice notice-${notice.kind}`} role={notice.kind === 'worse' ? 'alert' : 'status'} data-notice={notice.kind}>
      <p>{notice.text}</p>
      {notice.items.length > 0 && (
        <>
          {notice.kind === 'worse' && <p class="notice-label">{label}</p>}
          <ul>
            {notice.items.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  )
}

function Finding({ finding, fixLabel }: { finding: FindingView; fixLabel: string }) {
  return (
    <li class={`finding sev-${finding.severity}`} data-finding={finding.id} data-severity={finding.severity}>
      <h3 class="finding-title">{finding.title}</h3>
      <p class="finding-user">{finding.user}</p>
      {finding.source && <p class="finding-source">{finding.source}</p>}
      <details class="finding-fix">
        <summary>{fixLabel}</summary>
        <p>{finding.fix}</p>
      </details>
    </li>
  )
}

const NO_ACTIONS: PopupActions = { lookup: () => {}, openReport: () => {}, openSettings: () => {} }

export function Popup({ view, actions = NO_ACTIONS }: { view: PopupView; actions?: PopupActions }) {
  if (view.kind !== 'report') {
    return (
      <div class="popup" data-state={view.kind}>
        <p class="message">{view.message}</p>
        <Footer links={view.links} actions={actions} />
      </div>
    )
  }
  return (
    <div class="popup" data-state="report" data-grade={view.grade}>
      <header class="head">
        <div class={`grade grade-${view.grade.replace('+', 'plus').replace('-', 'minus')}`} role="img" aria-label={view.gradeLabel}>
          {view.grade}
        </div>
        <div class="head-text">
          <h1 class="host">{view.host}</h1>
          <p class="summary">{view.summary}</p>
        </div>
      </header>
      {view.notice && <Notice notice={view.notice} label={view.newSinceLabel} />}
      <p class="coverage">{view.coverage}</p>
      {view.online && <Online online={view.online} actions={actions} />}
      {view.groups.map((group) => (
        <section class="group" key={group.severity} aria-label={group.label}>
          <h2 class={`group-title sev-${group.severity}`}>{group.label}</h2>
          <ul class="findings">
            {group.findings.map((f) => (
              <Finding key={f.id} finding={f} fixLabel={view.fixLabel} />
            ))}
          </ul>
        </section>
      ))}
      {view.account && <Account account={view.account} fixLabel={view.fixLabel} />}
      <Footer links={view.links} actions={actions} />
    </div>
  )
}
