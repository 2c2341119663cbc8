/** The first-run page's adapter: the browser and the words, then render. */
import { render } from 'preact'
import { browser, browserName } from '../../platform/index.ts'
import type { Translate } from '../i18n.ts'
import { Welcome } from './Welcome.tsx'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] ?? 'en'
document.title = t('welcomeTitle')
render(
  <Welcome view={{ browser: browserName() === 'firefox' ? 'firefox' : 'chrome', t }} />,
  document.getElementById('app')!,
)
