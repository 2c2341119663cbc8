/** The popup's scanner part as plain data: a pure function of the background's scanner status and the words. */
import type { ScannerStatus } from '../../messages.ts'
import type { Translate } from '../i18n.ts'

export interface ScannerView {
  /**
   * What `data-scanner` says: the companion's state while it does not work (checking, missing, forbidden, outdated,
   * broken), else the scan's (none, running, waiting, ready, error), or why no scan starts by itself (no-address,
   * proxied).
   */
  state: string
  title: string
  text: string
  /** "The server also accepts SSL 3, RC4." when it does. */
  accepts?: string
  /** A command to run, shown as code (the companion to allow this extension, or to update). */
  command?: string
  /** A plain warning shown before the button (a scan that would not go through the user's proxy). */
  warning?: string
  /**
   * The button: Rescan, Scan, Scan anyway, or "Check again" while no companion is known to answer (then it only asks
   * the companion `hello`: there is no Scan button before one answers). Absent: nothing to click (no address).
   */
  action?: { label: string; disabled: boolean }
  /** The link to the setup page, while the companion does not work. */
  setup?: string
  /** Set when the part is folded into one line (the companion is not installed): that line. */
  summary?: string
  /** The note about installing the companion can be hidden for good. */
  hide?: string
}

/** How the adapter writes times and lists in the browser's language; injected so this stays pure. */
export interface ScannerFormat {
  /** "2 minutes ago" */
  ago(ms: number): string
  /** "SSL 3, TLS 1.0 and RC4" */
  list(items: string[]): string
}

const plain: ScannerFormat = {
  ago: (ms) => `${Math.max(0, Math.round(ms / 60_000))} min ago`,
  list: (items) => items.join(', '),
}

/** The command that allows this extension's id (`install` is idempotent: it rewrites the manifests with the id). */
export const allowCommand = (id: string) => `npx vigie-companion install --extension-id ${id}`
/** The command that replaces an old companion with the newest. */
export const UPDATE_COMMAND = 'npx vigie-companion@latest install'

/** While no companion answers: what is wrong, how to fix it, "Check again" and the setup page. */
function companionView(status: ScannerStatus, t: Translate, title: string): ScannerView | undefined {
  const { companion } = status
  const check = { label: t('scannerCheckAgain'), disabled: false }
  const setup = t('scannerSetup')
  switch (companion.state) {
    case 'working':
      return undefined
    case 'unknown':
      return { state: 'checking', title, text: t('scannerChecking'), action: check, setup }
    case 'missing':
      // Said once, calmly: a folded note with how to set it up, which the user can hide; hidden, a plain line.
      return status.hintHidden
        ? { state: 'none', title, text: t('scannerNone'), action: check, setup }
        : {
            state: 'missing',
            title,
            summary: t('scannerMissingSummary'),
            text: t('scannerMissing'),
            action: check,
            setup,
            hide: t('scannerHide'),
          }
    case 'forbidden': {
      const id = companion.extensionId ?? ''
      return {
        state: 'forbidden',
        title,
        text: t('scannerForbidden', [id]),
        command: allowCommand(id),
        action: check,
        setup,
      }
    }
    case 'outdated':
      return {
        state: 'outdated',
        title,
        text: companion.version ? t('scannerOutdated', [companion.version]) : t('scannerOutdatedUnknown'),
        command: UPDATE_COMMAND,
        action: check,
        setup,
      }
    case 'broken':
      return { state: 'broken', title, text: t('scannerBroken', [companion.message ?? '']), action: check, setup }
  }
}

export function scannerView(
  status: ScannerStatus | undefined,
  t: Translate,
  now: number,
  format: ScannerFormat = plain,
): ScannerView | undefined {
  if (!status) return undefined
  const title = t('scannerTitle')
  const notWorking = companionView(status, t, title)
  if (notWorking) return notWorking
  const rescan = { label: t('scannerRescan'), disabled: false }
  const scanFirst = { label: t('scannerScan'), disabled: false }
  let view: ScannerView
  switch (status.state) {
    case 'ready': {
      const accepts = status.accepts.map((key) => t(`scannerAccepts_${key}`))
      view = {
        state: 'ready',
        title,
        text: t('scannerReady', [format.ago(now - (status.at ?? now))]),
        ...(accepts.length > 0 ? { accepts: t('scannerAccepts', [format.list(accepts)]) } : {}),
        action: rescan,
      }
      break
    }
    case 'running':
      return { state: 'running', title, text: t('scannerRunning'), action: { ...rescan, disabled: true } }
    case 'waiting':
      // Held by the cap on automatic scans; the user may still ask for this one now.
      return {
        state: 'waiting',
        title,
        text: t('scannerWaiting'),
        action: { label: t('scannerScanNow'), disabled: false },
      }
    case 'error':
      view = { state: 'error', title, text: t('scannerError', [status.message ?? '']), action: rescan }
      break
    case 'none':
      view = { state: 'none', title, text: t('scannerNone'), action: scanFirst }
      break
  }
  if (status.route === 'no-address') {
    // Nothing to click: a scan may reach only the address the browser used, and a reload gives it.
    const { action: _none, ...rest } = view
    return status.state === 'ready'
      ? { ...rest, text: `${rest.text} ${t('scannerNoAddress')}` }
      : { ...rest, state: 'no-address', text: t('scannerNoAddress') }
  }
  if (status.route === 'proxied') {
    return {
      ...view,
      state: status.state === 'ready' ? 'ready' : 'proxied',
      text: status.state === 'ready' ? view.text : t('scannerProxied'),
      warning: t('scannerProxyWarning'),
      action: { label: t('scannerScanAnyway'), disabled: false },
    }
  }
  return view
}
