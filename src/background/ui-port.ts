/**
 * Open popups keep a port to the background: each is told when its tab's report may have changed (the page
 * reported, a scan or a lookup started or ended), so it shows the change at once instead of polling for it.
 */
import { UI_PORT, type BackgroundPush } from '../messages.ts'
import { browser, extensionOrigin, type Runtime } from '../platform/index.ts'

const uiPorts = new Set<Runtime.Port>()

/** A port opened to the background: kept when one of this extension's pages opened it, else closed. */
export function onUiConnect(port: Runtime.Port): void {
  if (
    port.name !== UI_PORT ||
    port.sender?.id !== browser.runtime.id ||
    !port.sender.url?.startsWith(extensionOrigin())
  ) {
    port.disconnect()
    return
  }
  uiPorts.add(port)
  port.onDisconnect.addListener(() => uiPorts.delete(port))
}

/** Tells every open popup that the answer for `tabId` may have changed (each asks again if it shows that tab). */
export function tellUi(tabId: number): void {
  const message: BackgroundPush = { type: 'bg:tab-changed', tabId }
  for (const port of uiPorts) {
    try {
      port.postMessage(message)
    } catch {
      uiPorts.delete(port)
    }
  }
}
