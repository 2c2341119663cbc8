/** The popup's scanner part as plain data: a pure function of the background's scanner status and the words. */
import type { ScannerStatus } from '../../messages.ts'
import type { Translate } from '../i18n.ts'

export interface ScannerView {
  state: ScannerStatus['state']
  title: string
  text: string
  /** "The server also accepts SSL 3, RC4." when it does. */
  accepts?: string
  /** The Rescan (or Scan, or Try again) button; disabled while a scan runs. */
  action: { label: string; disabled: boolean }
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

export function scannerView(status: ScannerStatus | undefined, t: Translate, now: number, format: ScannerFormat = plain): ScannerView | undefined {
  if (!status) return undefined
  const title = t('scannerTitle')
  const rescan = { label: t('scannerRescan'), disabled: false }
  switch (status.state) {
    case 'ready': {
      const accepts = status.accepts.map((key) => t(`scannerAccepts_${key}`))
      return {
        state: 'ready',
        title,
        text: t('scannerReady', [format.ago(now - (status.at ?? now))]),
        ...(accepts.length > 0 ? { accepts: t('scannerAccepts', [format.list(accepts)]) } : {}),
        action: rescan,
      }
    }
    case 'running':
      return { state: 'running', title, text: t('scannerRunning'), action: { ...rescan, disabled: true } }
    case 'error':
      return { state: 'error', title, text: t('scannerError', [status.message ?? '']), action: rescan }
    case 'missing':
      // Said once, calmly: a note with how to install, which the user can hide; hidden, it is a plain line.
      return status.hintHidden
        ? { state: 'none', title, text: t('scannerNone'), action: { label: t('scannerScan'), disabled: false } }
        : {
            state: 'missing',
            title,
            summary: t('scannerMissingSummary'),
            text: t('scannerMissing'),
            action: { label: t('scannerTryAgain'), disabled: false },
            hide: t('scannerHide'),
          }
    case 'none':
      return { state: 'none', title, text: t('scannerNone'), action: { label: t('scannerScan'), disabled: false } }
  }
}
