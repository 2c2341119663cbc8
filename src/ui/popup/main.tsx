/** The popup's adapter: finds the tab, asks the background for its report, renders. */
import { render } from 'preact'
import * as v from 'valibot'
import { BackgroundToUiSchema, type BackgroundToUi, type UiToBackground } from '../../messages.ts'
import { browser } from '../../platform/index.ts'
import type { Translate } from '../i18n.ts'
import { Popup } from './Popup.tsx'
import { popupView } from './view-model.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
const root = document.getElementById('app')!
const language = browser.i18n.getUILanguage()
document.documentElement.lang = language.split('-')[0] ?? 'en'
const formatDate = (ms: number) => new Date(ms).toLocaleDateString(language, { dateStyle: 'medium' })

async function tabId(): Promise<number | undefined> {
  const param = new URLSearchParams(location.search).get('tab')
  if (param !== null && /^\d+$/.test(param)) return Number(param)
  const [active] = await browser.tabs.query({ active: true, currentWindow: true })
  return active?.id
}

async function load(): Promise<BackgroundToUi> {
  const id = await tabId()
  const request: UiToBackground = id === undefined ? { type: 'ui:get-report' } : { type: 'ui:get-report', tabId: id }
  const parsed = v.safeParse(BackgroundToUiSchema, await browser.runtime.sendMessage(request))
  return parsed.success ? parsed.output : { type: 'bg:no-report', reason: 'not-yet' }
}

render(<Popup view={popupView(null, t)} />, root)
load()
  .catch((): BackgroundToUi => ({ type: 'bg:no-report', reason: 'not-yet' }))
  .then((answer) => render(<Popup view={popupView(answer, t, formatDate)} />, root))
