/** The options page: a function of OptionsView and its actions. No browser API here. */
import type { Mode, SourceId } from '../../settings.ts'
import type { Strictness } from '../../core/types.ts'
import type { OptionsView } from './view-model.ts'

export interface OptionsActions {
  setStrictness(value: Strictness): void
  setSource(source: SourceId, enabled: boolean, mode: Mode): void
  setEmail(value: string): void
  setProbe(enabled: boolean, mode: Mode): void
  forgetAll(): void
}

function Locked({ label, why }: { label: string; why: string }) {
  return (
    <span class="locked" data-locked="true" title={why}>
      <span aria-hidden="true">🔒</span> {label}. {why}
    </span>
  )
}

export function Options({ view, actions, status }: { view: OptionsView; actions: OptionsActions; status: string }) {
  return (
    <div class="options">
      <h1>{view.title}</h1>
      <fieldset class="card" disabled={view.strictness.locked} data-setting="strictness">
        <legend>
          {view.strictness.legend} {view.strictness.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
        </legend>
        {view.strictness.choices.map((c) => (
          <label class="choice" key={c.value}>
            <input type="radio" name="strictness" value={c.value} checked={view.strictness.value === c.value} onChange={() => actions.setStrictness(c.value)} />
            <span>
              <strong>{c.label}</strong>
              <br />
              <span class="help">{c.help}</span>
            </span>
          </label>
        ))}
        {view.strictness.preview && (
          <p class="preview" data-preview="true">
            {view.strictness.preview}
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
              <input type="checkbox" checked={s.enabled} onChange={(e) => actions.setSource(s.id, e.currentTarget.checked, s.mode)} />
              <strong>{s.switchLabel}</strong> {s.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
            </label>
            <p class="help">{s.sends}</p>
            <label class="mode">
              {view.online.modeLabel}{' '}
              <select value={s.mode} disabled={!s.enabled} onChange={(e) => actions.setSource(s.id, s.enabled, e.currentTarget.value as Mode)}>
                {s.modes.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            </label>
            {s.id === 'ssllabs' && (
              <label class="email">
                {view.email.label} {view.email.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
                <input type="email" value={view.email.value} disabled={view.email.locked} autocomplete="email" onChange={(e) => actions.setEmail(e.currentTarget.value)} />
                <span class="help">{view.email.help}</span>
                {view.email.problem && (
                  <span class="problem" role="alert" data-problem="ssllabs">
                    {view.email.problem}
                  </span>
                )}
              </label>
            )}
          </fieldset>
        ))}
      </section>
      <fieldset class="card" disabled={view.probe.locked} data-setting="probe">
        <legend>
          {view.probe.title} {view.probe.locked && <Locked label={view.lockedLabel} why={view.lockedWhy} />}
        </legend>
        <label class="switch">
          <input type="checkbox" checked={view.probe.enabled} onChange={(e) => actions.setProbe(e.currentTarget.checked, view.probe.mode)} />
          <strong>{view.probe.switchLabel}</strong>
        </label>
        <p class="help">{view.probe.help}</p>
        <label class="mode">
          {view.online.modeLabel}{' '}
          <select value={view.probe.mode} disabled={!view.probe.enabled} onChange={(e) => actions.setProbe(view.probe.enabled, e.currentTarget.value as Mode)}>
            {view.probe.modes.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </label>
      </fieldset>
      <section class="card" aria-labelledby="data-title">
        <h2 id="data-title">{view.data.title}</h2>
        <p data-summary="true">{view.data.summary}</p>
        <button type="button" class="danger" onClick={actions.forgetAll} data-action="forget">
          {view.data.forget}
        </button>
      </section>
      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  )
}
