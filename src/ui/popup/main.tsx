/** The popup's adapter: finds the tab, asks the background for its report, renders. */
import { render } from 'preact'
import * as v from 'valibot'
import {
  BackgroundPushSchema,
  BackgroundToUiSchema,
  UI_PORT,
  UiToBackgroundSchema,
  type BackgroundToUi,
  type UiToBackground,
} from '../../messages.ts'
import { browser } from '../../platform/index.ts'
import type { Translate } from '../i18n.ts'
import { Popup } from './Popup.tsx'
import { popupView, timeAgo, timeUntil } from './view-model.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
const root = document.getElementById('app')!
const language = browser.i18n.getUILanguage()
document.documentElement.lang = language.split('-')[0] ?? 'en'
/** When a service will be asked again: "in 14 minutes". */
const formatDate = (ms: number) => timeUntil(ms, Date.now(), language)
const formatAgo = (ms: number) => timeAgo(ms, Date.now(), language)
const lists = new Intl.ListFormat(language, { type: 'conjunction' })
/** The scanner's age ("2 minutes ago") and lists of what a server also accepts, in the browser's language. */
const scannerFormat = {
  ago: (ms: number) => timeAgo(Date.now() - ms, Date.now(), language),
  list: (items: string[]) => lists.format(items),
}

async function tabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab')
  if (param !== null && /^\d+$/.test(param)) return Number(param)
  const [active] = await browser.tabs.query({ active: true, currentWindow: true })
  return active?.id
}

const NOT_YET: BackgroundToUi = { type: 'bg:no-report', reason: 'not-yet' }

/** True only in the test build (`npm run build:test`, vite.config.ts); the store builds drop what depends on it. */
declare const __VIGIE_TEST_BUILD__: boolean
const TEST_BUILD = typeof __VIGIE_TEST_BUILD__ === 'boolean' && __VIGIE_TEST_BUILD__

/**
 * Test build only: an answer given in the address (`#vigieTestAnswer=<JSON>`), validated like the background's, so
 * the browser tests render every state of the popup at its real size (heights, axe, screenshots) without staging it.
 */
function givenAnswer(): BackgroundToUi | undefined {
  const prefix = '#vigieTestAnswer='
  if (!location.hash.startsWith(prefix)) return undefined
  try {
    const parsed = v.safeParse(BackgroundToUiSchema, JSON.parse(decodeURIComponent(location.hash.slice(prefix.length))))
    return parsed.success ? parsed.output : undefined
  } catch {
    return undefined
  }
}

async function ask(request: UiToBackground): Promise<BackgroundToUi> {
  try {
    const parsed = v.safeParse(BackgroundToUiSchema, await browser.runtime.sendMessage(request))
    return parsed.success ? parsed.output : NOT_YET
  } catch {
    return NOT_YET
  }
}

let current: number | undefined
let timer = 0

function show(answer: BackgroundToUi): void {
  render(
    <Popup
      view={popupView(answer, t, formatDate, formatAgo, { now: Date.now(), format: scannerFormat })}
      actions={actions}
    />,
    root,
  )
  // For the popup benchmark and devtools: when the first answer was on screen.
  if (performance.getEntriesByName('vigie:ready').length === 0) performance.mark('vigie:ready')
  // While the page loads or an assessment runs, look again shortly.
  const busy =
    answer.type === 'bg:report' &&
    (answer.tab.pending ||
      answer.tab.online.sources.some((s) => s.status?.state === 'pending') ||
      answer.tab.scanner?.state === 'running')
  const waiting = answer.type === 'bg:no-report' && answer.reason === 'not-yet'
  clearTimeout(timer)
  if (busy || waiting) timer = window.setTimeout(() => void refresh(), 1500)
}

async function refresh(): Promise<void> {
  const given = TEST_BUILD ? givenAnswer() : undefined
  if (given)
    return render(
      <Popup
        view={popupView(given, t, formatDate, formatAgo, { now: Date.now(), format: scannerFormat })}
        actions={actions}
      />,
      root,
    )
  show(await ask(current === undefined ? { type: 'ui:get-report' } : { type: 'ui:get-report', tabId: current }))
}

const actions = {
  reload: () =>
    void (current === undefined ? Promise.resolve() : browser.tabs.reload(current)).then(() => window.close()),
  openReport: () => void browser.tabs.create({ url: browser.runtime.getURL('report.html') }).then(() => window.close()),
  openSettings: () => void browser.runtime.openOptionsPage().then(() => window.close()),
  lookup(source: string) {
    if (current === undefined) return
    // The scanner part of the popup: Rescan, and hiding the note about installing the companion.
    if (source === 'scanner' || source === 'scanner-hint') {
      const message: UiToBackground =
        source === 'scanner' ? { type: 'ui:rescan', tabId: current } : { type: 'ui:scanner-hint-hide' }
      void ask(message).then(() => refresh())
      return
    }
    const request = v.safeParse(UiToBackgroundSchema, { type: 'ui:lookup', tabId: current, source })
    if (request.success) void ask(request.output).then(show)
  },
}

root.textContent = '' // the static heading of the HTML, until now
// Structure from the first frame: a heading (the extension's name until the host is known) and what comes.
render(
  <div class="popup" data-state="loading">
    <h1 class="host">{t('extName')}</h1>
    <p class="message">{t('popupLoading')}</p>
  </div>,
  root,
)
void tabId().then((id) => {
  current = id
  // The background says when this tab's report may have changed (the page reported, a scan started): shown at once.
  try {
    browser.runtime.connect({ name: UI_PORT }).onMessage.addListener((raw: unknown) => {
      const push = v.safeParse(BackgroundPushSchema, raw)
      if (push.success && push.output.tabId === current) void refresh()
    })
  } catch {
    // Without the port the popup still looks again while something is pending.
  }
  return refresh()
})
