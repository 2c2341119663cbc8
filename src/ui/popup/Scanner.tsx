/** The popup's local scanner part: the companion's state, when the facts were scanned, what else the server accepts. */
import type { ScannerView } from './scanner-view.ts'
import './scanner.css'

/** The page inside the extension that sets the companion up; a link opens it in a tab of its own. */
const SETUP_PAGE = 'setup.html'

function Body({ view, onRescan }: { view: ScannerView; onRescan(): void }) {
  return (
    <>
      <div class={`scanner-line scanner-${view.state}`}>
        <p class="scanner-text" role={view.state === 'running' || view.state === 'waiting' ? 'status' : undefined}>
          {view.text}
        </p>
        {view.action && (
          <button
            type="button"
            class="online-action"
            data-action="rescan"
            disabled={view.action.disabled}
            onClick={onRescan}
          >
            {view.action.label}
          </button>
        )}
      </div>
      {view.command && (
        <p class="scanner-command">
          <code data-command="true">{view.command}</code>
        </p>
      )}
      {view.warning && (
        <p class="scanner-warning" data-warning="proxy">
          {view.warning}
        </p>
      )}
      {view.setup && (
        <a class="scanner-setup" href={SETUP_PAGE} target="_blank" rel="noopener" data-action="setup">
          {view.setup}
        </a>
      )}
    </>
  )
}

export function Scanner({ view, onRescan, onHide }: { view: ScannerView; onRescan(): void; onHide(): void }) {
  // Without the companion: one folded line at the foot of the popup, opened by whoever wants to know more.
  if (view.summary) {
    return (
      <details class="scanner scanner-folded" data-scanner={view.state}>
        <summary>{view.summary}</summary>
        <Body view={view} onRescan={onRescan} />
        {view.hide && (
          <button type="button" class="link scanner-hide" data-action="hide-scanner-hint" onClick={onHide}>
            {view.hide}
          </button>
        )}
      </details>
    )
  }
  return (
    <section class="scanner" aria-label={view.title} data-scanner={view.state}>
      <h2 class="group-title">{view.title}</h2>
      <Body view={view} onRescan={onRescan} />
      {view.accepts && (
        <p class="scanner-accepts" data-accepts="true">
          {view.accepts}
        </p>
      )}
      {view.hide && (
        <button type="button" class="link scanner-hide" data-action="hide-scanner-hint" onClick={onHide}>
          {view.hide}
        </button>
      )}
    </section>
  )
}
