/** The popup's view: a function of PopupView. No browser API here. */
import { Account } from './Account.tsx'
import { gradeBand, type FindingView, type Notice as NoticeView, type OnlineView, type PopupView, type SeverityGroup } from './view-model.ts'
import { Scanner } from './Scanner.tsx'
import { ServerRating } from './ServerRating.tsx'

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
            <button type="button" class="online-action" aria-label={line.action.ariaLabel} onClick={() => actions.lookup(line.source)}>
              {line.action.label}
            </button>
            {line.progress !== undefined && <progress max={100} value={line.progress} aria-label={line.text} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

function Notice({ notice }: { notice: NoticeView }) {
  const loud = notice.kind === 'worse' && notice.level !== 'minor'
  return (
    <div class={`notice notice-${notice.kind}${notice.level ? ` notice-${notice.level}` : ''}`} role={loud ? 'alert' : 'status'} data-notice={notice.kind} data-level={notice.level}>
      <p>{notice.text}</p>
      {/* A worse notice lists nothing: the new cards below carry a tag instead of being repeated here. */}
      {notice.kind === 'previous' && notice.items.length > 0 && (
        <ul>
          {notice.items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
    </div>
  )
}

function Finding({ finding, fixLabel, newTag }: { finding: FindingView; fixLabel: string; newTag?: string | undefined }) {
  return (
    <li class={`finding sev-${finding.severity}`} data-finding={finding.id} data-severity={finding.severity} data-new={finding.isNew ? 'true' : undefined}>
      <h3 class="finding-title">
        {finding.title}
        {finding.isNew && newTag && <span class="new-tag">{newTag}</span>}
      </h3>
      <p class="finding-user">{finding.user}</p>
      <div class="finding-foot">
        <details class="finding-fix">
          <summary>{finding.fixLabel ?? fixLabel}</summary>
          <p>{finding.fix}</p>
        </details>
        {finding.source && <span class="finding-source">{finding.source}</span>}
      </div>
    </li>
  )
}

function Groups({ groups, fixLabel, newTag }: { groups: SeverityGroup[]; fixLabel: string; newTag?: string | undefined }) {
  return (
    <>
      {groups.map((group) => (
        <section class="group" key={group.severity} aria-label={group.label}>
          <h2 class={`group-title sev-${group.severity}`}>{group.label}</h2>
          <ul class="findings">
            {group.findings.map((f) => (
              <Finding key={f.id} finding={f} fixLabel={fixLabel} newTag={newTag} />
            ))}
          </ul>
        </section>
      ))}
    </>
  )
}

/** The grade tile: letter, a word, and a shape by band, so no grade rests on colour alone. */
function GradeTile({ view }: { view: Extract<PopupView, { kind: 'report' }> }) {
  const band = gradeBand(view.grade)
  return (
    <div class={`grade grade-${view.grade.replace('+', 'plus').replace('-', 'minus')} band-${band}${view.provisional ? ' provisional' : ''}`} role="img" aria-label={view.gradeLabel}>
      <span class="grade-letter" aria-hidden="true">
        {view.grade}
      </span>
      <span class="grade-word" aria-hidden="true">
        {view.gradeWord}
      </span>
    </div>
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
        <GradeTile view={view} />
        <div class="head-text">
          <h1 class="host">{view.host}</h1>
          <p class="summary">{view.summary}</p>
          {view.provisional && (
            <p class="provisional-note" data-provisional="true">
              {view.provisional}
            </p>
          )}
        </div>
      </header>
      {view.notice && <Notice notice={view.notice} />}
      <p class="coverage">{view.coverage}</p>
      {view.coverageAction && (
        <p class="coverage-action">
          <button type="button" class="link" onClick={actions.openSettings} data-link="enable-ssllabs">
            {view.coverageAction.label}
          </button>{' '}
          <span class="coverage-note">{view.coverageAction.note}</span>
        </p>
      )}
      {view.online && <Online online={view.online} actions={actions} />}
      {view.scanner && !view.scanner.summary && <Scanner view={view.scanner} onRescan={() => actions.lookup('scanner')} onHide={() => actions.lookup('scanner-hint')} />}
      {view.serverRating && <ServerRating view={view.serverRating} />}
      <Groups groups={view.groups} fixLabel={view.fixLabel} newTag={view.newTag} />
      {view.more && (
        <details class="more" data-more="true">
          <summary>{view.more.label}</summary>
          <Groups groups={view.more.groups} fixLabel={view.fixLabel} newTag={view.newTag} />
        </details>
      )}
      {view.scanner?.summary && <Scanner view={view.scanner} onRescan={() => actions.lookup('scanner')} onHide={() => actions.lookup('scanner-hint')} />}
      {view.account && <Account account={view.account} fixLabel={view.fixLabel} />}
      <Footer links={view.links} actions={actions} />
    </div>
  )
}
