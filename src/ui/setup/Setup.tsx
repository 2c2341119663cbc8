/** The companion's setup page: a function of SetupView and two actions. No browser API here. */
import type { ComponentChildren } from 'preact'
import type { CompanionLine, SetupView } from './setup-view.ts'
import './companion-status.css'

export interface SetupActions {
  /** Ask the companion hello now. */
  check(): void
  /** Copy a command to the clipboard; `key` names what was copied, to say so next to it. */
  copy(text: string, key: string): void
}

function Command({
  text,
  id,
  copied,
  view,
  actions,
}: {
  text: string
  id: string
  copied: string | null
  view: SetupView
  actions: SetupActions
}) {
  return (
    <div class="command">
      <code data-command={id}>{text}</code>
      <button type="button" data-copy={id} onClick={() => actions.copy(text, id)}>
        {view.copy}
      </button>
      {copied === id && (
        <span class="copied" role="status">
          {view.copied}
        </span>
      )}
    </div>
  )
}

export function StatusLine({
  line,
  check,
  onCheck,
  children,
}: {
  line: CompanionLine
  check: string
  onCheck(): void
  children?: ComponentChildren
}) {
  return (
    <div class={`companion-status${line.good ? ' good' : ''}`} data-companion={line.state}>
      <p class="companion-status-text" role="status" aria-live="polite">
        {line.text}
      </p>
      <button type="button" data-action="check" onClick={onCheck}>
        {check}
      </button>
      {children}
    </div>
  )
}

export function Setup({ view, actions, copied }: { view: SetupView; actions: SetupActions; copied: string | null }) {
  const { status } = view
  return (
    <div class="setup" data-state="ready">
      <h1>{view.title}</h1>
      <p>{view.intro}</p>
      <StatusLine line={status} check={view.check} onCheck={actions.check}>
        {status.command && <Command text={status.command} id="fix" copied={copied} view={view} actions={actions} />}
      </StatusLine>
      <p class="muted" data-system="true">
        {view.system}
      </p>
      <p class="id">
        {view.idLabel} <code data-extension-id="true">{view.extensionId}</code>
      </p>
      <h2>{view.waysTitle}</h2>
      <ol class="ways">
        {view.ways.map((way) => (
          <li class="way" key={way.id} data-way={way.id}>
            <h3>{way.title}</h3>
            <p class="muted">{way.text}</p>
            <Command text={way.command} id={way.id} copied={copied} view={view} actions={actions} />
          </li>
        ))}
      </ol>
      <p>{view.after}</p>
      <h2>{view.limits.title}</h2>
      <ul class="limits">
        {view.limits.items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </div>
  )
}
