/** The popup's local scanner part: when the facts were scanned from this computer, what else the server accepts. */
import type { ScannerView } from './scanner-view.ts'

export function Scanner({ view, onRescan, onHide }: { view: ScannerView; onRescan(): void; onHide(): void }) {
  // Without the companion: one folded line at the foot of the popup, opened by whoever wants to know more.
  if (view.summary) {
    return (
      <details class="scanner scanner-folded" data-scanner={view.state}>
        <summary>{view.summary}</summary>
        <div class={`scanner-line scanner-${view.state}`}>
          <p class="scanner-text">{view.text}</p>
          <button type="button" class="online-action" data-action="rescan" disabled={view.action.disabled} onClick={onRescan}>
            {view.action.label}
          </button>
        </div>
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
      <div class={`scanner-line scanner-${view.state}`}>
        <p class="scanner-text" role={view.state === 'running' ? 'status' : undefined}>
          {view.text}
        </p>
        <button type="button" class="online-action" data-action="rescan" disabled={view.action.disabled} onClick={onRescan}>
          {view.action.label}
        </button>
      </div>
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
