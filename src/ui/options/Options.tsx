/** The options page: a function of OptionsView and its actions. No browser API here. */
import { useState } from 'preact/hooks'
import type { Mode, SourceId } from '../../settings.ts'
import type { Strictness } from '../../core/types.ts'
import type { OptionsView } from './view-model.ts'
import { CompanionCard } from './CompanionCard.tsx'

export interface OptionsActions {
  setStrictness(value: Strictness): void
  setSource(source: SourceId, enabled: boolean, mode: Mode): void
  setEmail(value: string): void
  setProbe(enabled: boolean, mode: Mode): void
  forgetAll(): void
}

/** A padlock drawn in SVG: emoji fonts are missing on many systems. */
function LockIcon() {
  return (
    <svg class="lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      <path d="M4.5 7V5a3.5 3.5 0 0 1 7 0v2" fill="none" stroke="currentColor" stroke-width="1.6" />
      <rect x="2.5" y="7" width="11" height="8" rx="1.5" fill="currentColor" />
    </svg>
  )
}

function Locked({ label, why }: { label: string; why: string }) {
  return (
    <p class="locked" data-locked="true">
      <LockIcon />{' '}
      <span>
        <strong>{label}.</strong> {why}
      </span>
    </p>
  )
}

/** Host names (words with dots) never break at their hyphens: each is kept whole on a line. */
export function HostText({ text }: { text: string }) {
  const parts = text.split(/((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?:\/[^\s)]*)?)/i)
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && part.includes('-') ? (
          <span class="nobreak" key={i}>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  )
}

/** Forget everything: asks first, then says what it did next to the button (not at the foot of the page). */
function Forget({ data, forgetAll, done }: { data: OptionsView['data']; forgetAll(): void; done: boolean }) {
  const [asking, setAsking] = useState(false)
  if (asking) {
    return (
      <div class="forget-confirm" role="group" aria-labelledby="forget-question">
        <p id="forget-question">{data.confirm}</p>
        <button
          type="button"
          class="danger"
          data-action="forget-confirm"
          onClick={() => {
            setAsking(false)
            forgetAll()
          }}
        >
          {data.confirmButton}
        </button>{' '}
        <button type="button" data-action="forget-cancel" onClick={() => setAsking(false)}>
          {data.cancel}
        </button>
      </div>
    )
  }
  return (
    <p class="forget">
      <button type="button" class="danger" onClick={() => setAsking(true)} data-action="forget">
        {data.forget}
      </button>{' '}
      {done && (
        <span class="forget-done" role="status">
          {data.done}
        </span>
      )}
    </p>
  )
}

export function Options({ view, actions, status }: { view: OptionsView; actions: OptionsActions; status: string }) {
  const preview = view.strictness.preview
  return (
    <div class="options">
      <h1>{view.title}</h1>
      <fieldset class="card" disabled={view.strictness.locked} data-setting="strictness">
        <legend>{view.strictness.legend}</legend>
        {view.strictness.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
        {view.strictness.choices.map((c) => (
          <label class={`choice${view.strictness.value === c.value ? ' chosen' : ''}`} key={c.value}>
            <input
              type="radio"
              name="strictness"
              value={c.value}
              checked={view.strictness.value === c.value}
              onChange={() => actions.setStrictness(c.value)}
            />
            <span>
              <strong>{c.label}</strong>
              {c.tag && <span class="tag">{c.tag}</span>}
              <br />
              <span class="help">{c.help}</span>
            </span>
          </label>
        ))}
        {preview && (
          <p class="preview" data-preview="true">
            <HostText text={preview.intro} />{' '}
            {preview.items.map((item, i) => (
              <span key={item.label}>
                <span class={`preview-item${item.current ? ' current' : ''}`}>
                  {item.label} <strong>{item.grade}</strong>
                </span>
                {i < preview.items.length - 1 ? ', ' : ''}
              </span>
            ))}
          </p>
        )}
      </fieldset>
      <section class="card" aria-labelledby="online-title">
        <h2 id="online-title">{view.online.title}</h2>
        <p class="help">{view.online.intro}</p>
        {view.online.sources.map((s) => (
          <fieldset class="source" key={s.id} disabled={s.locked} data-setting={s.id}>
            <legend class="visually-hidden">{s.name}</legend>
            <label class="switch">
              <input
                type="checkbox"
                checked={s.enabled}
                onChange={(e) => actions.setSource(s.id, e.currentTarget.checked, s.mode)}
              />
              <strong>{s.switchLabel}</strong>
            </label>
            {s.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
            <p class="help">
              <HostText text={s.sends} />
            </p>
            <label class="mode">
              {view.online.modeLabel}{' '}
              <select
                value={s.mode}
                disabled={!s.enabled}
                onChange={(e) => actions.setSource(s.id, s.enabled, e.currentTarget.value as Mode)}
              >
                {s.modes.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            {s.id === 'ssllabs' && (
              <div class={`email${view.email.disabled ? ' off' : ''}`}>
                <label for="ssllabs-email">{view.email.label}</label>
                {view.email.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
                <input
                  id="ssllabs-email"
                  type="email"
                  value={view.email.value}
                  disabled={view.email.locked || view.email.disabled}
                  autocomplete="email"
                  aria-describedby="ssllabs-email-help"
                  onChange={(e) => actions.setEmail(e.currentTarget.value)}
                />
                {view.email.offNote && <p class="help off-note">{view.email.offNote}</p>}
                <div class="help" id="ssllabs-email-help">
                  <p>{view.email.help}</p>
                  {view.email.steps && (
                    <ol class="steps">
                      {view.email.steps.map((step) => (
                        <li key={step}>{step}</li>
                      ))}
                    </ol>
                  )}
                </div>
                {view.email.problem && (
                  <p class="problem" role="alert" data-problem="ssllabs">
                    {view.email.problem}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        ))}
      </section>
      <fieldset class="card" disabled={view.probe.locked} data-setting="probe">
        <legend>
          {view.probe.title} {view.probe.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
        </legend>
        <label class="switch">
          <input
            type="checkbox"
            checked={view.probe.enabled}
            onChange={(e) => actions.setProbe(e.currentTarget.checked, view.probe.mode)}
          />
          <strong>{view.probe.switchLabel}</strong>
        </label>
        <p class="help">{view.probe.help}</p>
        <label class="mode">
          {view.online.modeLabel}{' '}
          <select
            value={view.probe.mode}
            disabled={!view.probe.enabled}
            onChange={(e) => actions.setProbe(view.probe.enabled, e.currentTarget.value as Mode)}
          >
            {view.probe.modes.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <CompanionCard />
      <section class="card" aria-labelledby="data-title">
        <h2 id="data-title">{view.data.title}</h2>
        {view.data.summary !== undefined && <p data-summary="true">{view.data.summary}</p>}
        <Forget data={view.data} forgetAll={actions.forgetAll} done={status === view.data.done} />
      </section>
      <p class="status" role="status" aria-live="polite">
        {status === view.data.done ? '' : status}
      </p>
    </div>
  )
}
