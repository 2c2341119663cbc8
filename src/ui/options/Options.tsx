/** The options page: a function of OptionsView and its actions. No browser API here. */
import { useEffect, useRef, useState } from 'preact/hooks'
import type { Mode, SourceId } from '../../settings.ts'
import type { Strictness } from '../../core/types.ts'
import type { OptionsView } from './view-model.ts'
import { CompanionCard } from './CompanionCard.tsx'
import { LockIcon } from '../LockIcon.tsx'

export interface OptionsActions {
  setStrictness(value: Strictness): void
  setSource(source: SourceId, enabled: boolean, mode: Mode): void
  setEmail(value: string): void
  setProbe(enabled: boolean, mode: Mode): void
  forgetAll(): void
}

/** The mark on a setting an administrator fixed: a padlock and a few words (the banner at the top says why). */
function Locked({ label }: { label: string }) {
  return (
    <span class="locked" data-locked="true">
      <LockIcon />
      {label}
    </span>
  )
}

/** A card's heading, with the lock mark beside it (never inside a legend, where it broke the card's border). */
function CardHead({ id, title, locked, label }: { id: string; title: string; locked: boolean; label: string }) {
  return (
    <div class="card-head">
      <h2 id={id}>{title}</h2>
      {locked && <Locked label={label} />}
    </div>
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

/**
 * Forget everything: asks first, then says what it did next to the button (not at the foot of the page). The
 * status line is always in the page, so that screen readers announce the words when they come; the focus moves to
 * the question's first button, and back to Forget everything after it.
 */
function Forget({ data, forgetAll, done }: { data: OptionsView['data']; forgetAll(): void; done: boolean }) {
  const [asking, setAsking] = useState(false)
  const confirm = useRef<HTMLButtonElement>(null)
  const forget = useRef<HTMLButtonElement>(null)
  const moved = useRef(false)
  useEffect(() => {
    if (!moved.current) return
    ;(asking ? confirm : forget).current?.focus()
  }, [asking])
  const ask = (next: boolean) => {
    moved.current = true
    setAsking(next)
  }
  return (
    <div class="forget">
      {asking ? (
        <div class="forget-confirm" role="group" aria-labelledby="forget-question">
          <p id="forget-question">{data.confirm}</p>
          <button
            type="button"
            class="danger"
            data-action="forget-confirm"
            ref={confirm}
            onClick={() => {
              ask(false)
              forgetAll()
            }}
          >
            {data.confirmButton}
          </button>{' '}
          <button type="button" data-action="forget-cancel" onClick={() => ask(false)}>
            {data.cancel}
          </button>
        </div>
      ) : (
        <button type="button" class="danger" onClick={() => ask(true)} data-action="forget" ref={forget}>
          {data.forget}
        </button>
      )}{' '}
      <span class="forget-done" role="status">
        {done && !asking ? data.done : ''}
      </span>
    </div>
  )
}

export function Options({ view, actions, status }: { view: OptionsView; actions: OptionsActions; status: string }) {
  const preview = view.strictness.preview
  const email = view.email
  return (
    <div class="options">
      <h1>{view.title}</h1>
      {view.managed && (
        <div class="managed-banner" data-managed="true">
          <LockIcon />
          <p>
            <strong>{view.managed.title}</strong> {view.managed.text}
          </p>
        </div>
      )}
      {/* Every card is one style: a bordered box with an h2; a card of settings is a fieldset named by its h2. */}
      <fieldset
        class="card"
        disabled={view.strictness.locked}
        data-setting="strictness"
        aria-labelledby="strictness-title"
      >
        <CardHead
          id="strictness-title"
          title={view.strictness.legend}
          locked={view.strictness.locked}
          label={view.lockedLabel}
        />
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
        <CardHead id="online-title" title={view.online.title} locked={false} label={view.lockedLabel} />
        <p class="help">{view.online.intro}</p>
        {view.online.sources.map((s) => (
          <fieldset class="source" key={s.id} disabled={s.locked} data-setting={s.id}>
            <legend class="visually-hidden">{s.name}</legend>
            <div class="switch-row">
              <label class="switch">
                <input
                  type="checkbox"
                  checked={s.enabled}
                  onChange={(e) => actions.setSource(s.id, e.currentTarget.checked, s.mode)}
                />
                <strong>{s.switchLabel}</strong>
              </label>
              {s.locked && <Locked label={view.lockedLabel} />}
            </div>
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
            {s.id === 'ssllabs' && email && (
              <div class="email" data-email="true">
                <div class="switch-row">
                  <label for="ssllabs-email">{email.label}</label>
                  {email.locked && <Locked label={view.lockedLabel} />}
                </div>
                <input
                  id="ssllabs-email"
                  type="email"
                  value={email.value}
                  disabled={email.locked}
                  autocomplete="email"
                  aria-describedby="ssllabs-email-help"
                  onChange={(e) => actions.setEmail(e.currentTarget.value)}
                />
                <div class="help" id="ssllabs-email-help">
                  <p>{email.help}</p>
                  {email.steps && (
                    <ol class="steps">
                      {email.steps.map((step) => (
                        <li key={step}>{step}</li>
                      ))}
                    </ol>
                  )}
                </div>
                {email.problem && (
                  <p class="problem" role="alert" data-problem="ssllabs">
                    {email.problem}
                  </p>
                )}
              </div>
            )}
          </fieldset>
        ))}
      </section>
      <fieldset class="card" disabled={view.probe.locked} data-setting="probe" aria-labelledby="probe-title">
        <CardHead id="probe-title" title={view.probe.title} locked={view.probe.locked} label={view.lockedLabel} />
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
        <CardHead id="data-title" title={view.data.title} locked={false} label={view.lockedLabel} />
        {view.data.summary !== undefined && <p data-summary="true">{view.data.summary}</p>}
        <Forget data={view.data} forgetAll={actions.forgetAll} done={status === view.data.done} />
      </section>
      <p class="status" role="status" aria-live="polite">
        {status === view.data.done ? '' : status}
      </p>
    </div>
  )
}
