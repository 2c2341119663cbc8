/**
 * The background's wiring: every listener is registered synchronously here, so that an event wakes the Chrome
 * service worker or the Firefox event page, and each hands its event to the module that does the work: the network
 * (web-request.ts), the content scripts' reports (frames.ts), the tab lifecycle (tabs.ts), the extension pages'
 * messages (router.ts) and their ports (ui-port.ts), the settings; all of them feed the pipeline (pipeline.ts).
 */
import * as v from 'valibot'
import { ContentToBackgroundSchema, UiToBackgroundSchema } from '../messages.ts'
import { browser, browserName, extensionOrigin, type Runtime } from '../platform/index.ts'
import { debug, watchDebugSwitch } from './debug.ts'
import { onFrameFacts } from './frames.ts'
import { refreshAll, refreshSoon } from './pipeline.ts'
import { onUiMessage } from './router.ts'
import { onSettingsChanged } from './live-settings.ts'
import { onTabRemoved, onTabUpdated } from './tabs.ts'
import { onUiConnect } from './ui-port.ts'
import { registerWebRequest } from './web-request.ts'
import './welcome.ts' // opens the first-run page on install

// The debug log's switch, as the user left it (vigieDebug in the background's console).
void watchDebugSwitch()

registerWebRequest((tabId) => refreshSoon(tabId))

browser.runtime.onConnect.addListener(onUiConnect)

browser.runtime.onMessage.addListener((raw: unknown, sender: Runtime.MessageSender) => {
  // Only this extension's own scripts may talk to the background.
  if (sender.id !== browser.runtime.id) return undefined
  const fromExtensionPage = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin())
  if (fromExtensionPage) {
    const parsed = v.safeParse(UiToBackgroundSchema, raw)
    return parsed.success ? onUiMessage(parsed.output, sender) : undefined
  }
  const parsed = v.safeParse(ContentToBackgroundSchema, raw)
  if (parsed.success && sender.tab)
    void onFrameFacts(parsed.output, sender).catch((error: unknown) =>
      debug('frames', "a frame's report could not be kept", error),
    )
  return undefined
})

// Firefox can filter the tab changes: only those tabs.ts reads (the URL, the loading status) wake the background,
// not each title and favicon of every page (bench:calls: 8 events a page load without it). Chrome has no filter.
if (browserName() === 'firefox') browser.tabs.onUpdated.addListener(onTabUpdated, { properties: ['status', 'url'] })
else browser.tabs.onUpdated.addListener(onTabUpdated)
browser.tabs.onRemoved.addListener(onTabRemoved)

// A new strictness applies to every open tab at once: the user's, an administrator's, or the administrator's
// values arriving after the first pages were graded without them.
onSettingsChanged(() => void refreshAll())
