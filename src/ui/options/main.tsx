/** The options page's adapter: reads and writes settings, asks for a service's permission when it is turned on. */
import { render } from 'preact'
import { browser } from '../../platform/index.ts'
import { loadSettings, saveSetting } from '../../platform/settings.ts'
import { PROBLEMS_KEY, SERVICE_URLS, type SourceId } from '../../settings.ts'
import type { Translate } from '../i18n.ts'
import { Options, type OptionsActions } from './Options.tsx'
import { optionsView, type Problems } from './view-model.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] ?? 'en'
document.title = t('optionsTitle')
const root = document.getElementById('app')!
let status = ''

const originOf = (source: SourceId) => `${new URL(SERVICE_URLS[source]).origin}/*`

async function draw(): Promise<void> {
  const problems = ((await browser.storage.local.get(PROBLEMS_KEY))[PROBLEMS_KEY] ?? {}) as Problems
  render(<Options view={optionsView(await loadSettings(), t, problems)} actions={actions} status={status} />, root)
}

async function saved(work: Promise<unknown>, message = t('optionsSaved')): Promise<void> {
  await work
  status = message
  await draw()
}

const actions: OptionsActions = {
  setStrictness: (value) => void saved(saveSetting('strictness', value)),
  setEmail: (value) => void saved(saveSetting('ssllabsEmail', value.trim())),
  setSource(source, enabled, mode) {
    if (!enabled) {
      void saved(saveSetting(source, { enabled, mode }))
      return
    }
    // Asked inside the click: the browser shows its prompt only for a user gesture.
    void browser.permissions
      .request({ origins: [originOf(source)] })
      .catch(() => false)
      .then((granted) =>
        granted
          ? saved(saveSetting(source, { enabled, mode }))
          : saved(Promise.resolve(), t('optionsPermissionDenied', [t(`sourceName_${source}`)])),
      )
  },
}

void draw()
browser.storage.onChanged.addListener(() => void draw())
