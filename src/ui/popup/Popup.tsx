/** The popup's view: a function of PopupView. No browser API here. */
import { useState } from 'preact/hooks'
import { Account, AccountSources } from './Account.tsx'
import {
  gradeBand,
  type FindingView,
  type Notice as NoticeView,
  type OnlineView,
  type PopupView,
  type SeverityGroup,
} from './view-model.ts'
import { Scanner } from './Scanner.tsx'
import { ServerRating } from './ServerRating.tsx'
import { LockIcon } from '../LockIcon.tsx'

export interface PopupActions {
  lookup(source: string): void
  openReport(): void
  openSettings(): void
  /** Reloads the tab (an empty popup: the page loaded before Vigie was there). */
  reload(): void
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
          <li
            key={line.source}
            class={`online-line online-${line.state}${line.tone ? ` online-${line.tone}` : ''}`}
            data-source={line.source}
            data-state={line.state}
          >
            <span class="online-text" id={`online-${line.source}`}>
              {line.text}
            </span>
            {line.action && (
              <button
                type="button"
                class="online-action"
                aria-describedby={`online-${line.source}`}
                data-action={line.action.kind}
                onClick={() =>
                  line.action?.kind === 'settings' ? actions.openSettings() : actions.lookup(line.source)
                }
              >
                {line.action.label}
              </button>
            )}
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
    <div
      class={`notice notice-${notice.kind}${notice.level ? ` notice-${notice.level}` : ''}`}
      role={loud ? 'alert' : 'status'}
      data-notice={notice.kind}
      data-level={notice.level}
    >
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

/**
 * One finding. Serious ones, and those that decide the grade, are cards with their sentence in full; the others
 * fold to their title, the sentence one click away. "What the site should fix" names its finding to screen readers.
 */
function Finding({
  finding,
  fixLabel,
  newTag,
}: {
  finding: FindingView
  fixLabel: string
  newTag?: string | undefined
}) {
  const titleId = `finding-${finding.id}`
  const fix = (
    <div class="finding-foot">
      <details class="finding-fix">
        <summary aria-describedby={titleId}>{finding.fixLabel ?? fixLabel}</summary>
        <p>{finding.fix}</p>
      </details>
      {finding.source && <span class="finding-source">{finding.source}</span>}
    </div>
  )
  const tag = finding.isNew && newTag && <span class="new-tag">{newTag}</span>
  if (!finding.full) {
    return (
      <li
        class={`finding finding-minor sev-${finding.severity}`}
        data-finding={finding.id}
        data-severity={finding.severity}
        data-new={finding.isNew ? 'true' : undefined}
      >
        <details class="finding-more">
          <summary>
            <span class="finding-title" id={titleId}>
              {finding.title}
            </span>
            {tag}
          </summary>
          <p class="finding-user">{finding.user}</p>
          {fix}
        </details>
      </li>
    )
  }
  return (
    <li
      class={`finding sev-${finding.severity}`}
      data-finding={finding.id}
      data-severity={finding.severity}
      data-new={finding.isNew ? 'true' : undefined}
    >
      <h3 class="finding-title" id={titleId}>
        {finding.title}
        {tag}
      </h3>
      <p class="finding-user">{finding.user}</p>
      {fix}
    </li>
  )
}

/** Each group's own shape, so no group rests on colour alone: a stop sign, a triangle, a circle. */
function GroupIcon({ group }: { group: SeverityGroup['group'] }) {
  return (
    <svg class="group-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {group === 'before' && <path d="M5 1h6l4 4v6l-4 4H5l-4-4V5z" />}
      {group === 'worth' && <path d="M8 1.5 15 14.5H1z" />}
      {group === 'operators' && <circle cx="8" cy="8" r="6.5" />}
    </svg>
  )
}

function Groups({
  groups,
  fixLabel,
  newTag,
  idPrefix = '',
}: {
  groups: SeverityGroup[]
  fixLabel: string
  newTag?: string | undefined
  idPrefix?: string
}) {
  return (
    <>
      {groups.map((group) => (
        // Not a landmark: the folded part repeats a group's heading, and two regions may not share a name.
        <div class={`group group-${group.group}`} key={group.group} data-group={group.group}>
          <h2 class="group-title" id={`${idPrefix}group-${group.group}`}>
            <GroupIcon group={group.group} />
            {group.label}
          </h2>
          <ul class="findings">
            {group.findings.map((f) => (
              <Finding key={f.id} finding={f} fixLabel={fixLabel} newTag={newTag} />
            ))}
          </ul>
        </div>
      ))}
    </>
  )
}

/** The grade tile: letter, a word, and a shape by band, so no grade rests on colour alone. */
function GradeTile({ view }: { view: Extract<PopupView, { kind: 'report' }> }) {
  const band = gradeBand(view.grade)
  return (
    <div
      class={`grade grade-${view.grade.replace('+', 'plus').replace('-', 'minus')} band-${band}${view.provisional ? ' provisional' : ''}`}
      role="img"
      aria-label={view.gradeLabel}
    >
      <span class="grade-letter" aria-hidden="true">
        {view.grade}
      </span>
      <span class="grade-word" aria-hidden="true">
        {view.gradeWord}
      </span>
    </div>
  )
}

/** The folded findings behind a toggle that says what it does both ways: "Show 2 more", then "Show fewer". */
function More({
  more,
  fixLabel,
  newTag,
}: {
  more: NonNullable<Extract<PopupView, { kind: 'report' }>['more']>
  fixLabel: string
  newTag?: string | undefined
}) {
  const [open, setOpen] = useState(false)
  return (
    <div class="more" data-more={open ? 'open' : 'closed'}>
      {/* In the page while folded (hidden): every finding keeps its data-finding element (SPEC.md section 6). */}
      <div class="more-groups" hidden={!open}>
        <Groups groups={more.groups} fixLabel={fixLabel} newTag={newTag} idPrefix="more-" />
      </div>
      <button type="button" class="link more-toggle" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? more.lessLabel : more.label}
      </button>
    </div>
  )
}

const NO_ACTIONS: PopupActions = { lookup: () => {}, openReport: () => {}, openSettings: () => {}, reload: () => {} }

export function Popup({ view, actions = NO_ACTIONS }: { view: PopupView; actions?: PopupActions }) {
  if (view.kind !== 'report') {
    return (
      <div class="popup" data-state={view.kind}>
        <h1 class="empty-heading">{view.kind === 'empty' ? view.heading : view.message}</h1>
        {view.kind === 'empty' && <p class="message">{view.message}</p>}
        {view.kind === 'empty' && view.reload && (
          <button type="button" class="button" data-action="reload" onClick={actions.reload}>
            {view.reload}
          </button>
        )}
        <Footer links={view.links} actions={actions} />
      </div>
    )
  }
  const band = gradeBand(view.grade)
  const account = view.account && <Account account={view.account} fixLabel={view.fixLabel} />
  // What the server also accepts goes under the technical details: the scanner's line stays one line.
  const { accepts, ...scannerLine } = view.scanner ?? {}
  const scanner = view.scanner && (
    <Scanner
      view={{ ...view.scanner, accepts: undefined, ...scannerLine }}
      onRescan={() => actions.lookup('scanner')}
      onHide={() => actions.lookup('scanner-hint')}
    />
  )
  return (
    <div class="popup" data-state="report" data-grade={view.grade}>
      <header class="head">
        <GradeTile view={view} />
        <div class="head-text">
          <h1 class={`verdict verdict-${band}`}>{view.summary}</h1>
          {view.reason && <p class="reason">{view.reason}</p>}
          <p class="host">{view.host}</p>
          {view.managedLevel && (
            <p class="managed-level" data-managed-level="true">
              <LockIcon />
              {view.managedLevel}
            </p>
          )}
          {view.provisional && (
            <p class="provisional-note" data-provisional="true">
              {view.provisional}
            </p>
          )}
        </div>
      </header>
      {view.notice && <Notice notice={view.notice} />}
      {view.accountFirst && account}
      <Groups groups={view.groups} fixLabel={view.fixLabel} newTag={view.newTag} />
      {view.more && <More more={view.more} fixLabel={view.fixLabel} newTag={view.newTag} />}
      {!view.accountFirst && account}
      {view.online && <Online online={view.online} actions={actions} />}
      {scanner}
      {view.serverRating && <ServerRating view={view.serverRating} />}
      <details class="tech" data-tech="">
        <summary>{view.coverageSummary}</summary>
        <p class="coverage">{view.coverage}</p>
        {view.coverageAction && (
          <p class="coverage-action">
            <button type="button" class="link" onClick={actions.openSettings} data-link="enable-ssllabs">
              {view.coverageAction.label}
            </button>{' '}
            <span class="coverage-note">{view.coverageAction.note}</span>
          </p>
        )}
        {accepts && (
          <p class="scanner-accepts" data-accepts="true">
            {accepts}
          </p>
        )}
        {view.account && <AccountSources account={view.account} />}
      </details>
      <Footer links={view.links} actions={actions} />
    </div>
  )
}
