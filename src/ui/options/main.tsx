/** The options page's adapter: reads and writes settings. */
import { render } from 'preact'
import { browser } from '../../platform/index.ts'
import { readManaged, readManagedCache, readStored, saveSetting } from '../../platform/settings-storage.ts'
import { PROBLEMS_KEY, resolveSettings } from '../../settings.ts'
import { readProblems } from '../../online/cache-schema.ts'
import type { Translate } from '../i18n.ts'
import { Options, type OptionsActions } from './Options.tsx'
import './companion-card-world.ts'
import * as v from 'valibot'
import { BackgroundToUiSchema, type BackgroundToUi, type UiToBackground } from '../../messages.ts'
import { optionsView, previewTab, type OptionsContext, type Problems } from './view-model.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] ?? 'en'
document.title = t('optionsTitle')
const root = document.getElementById('app')!
let status = ''

async function ask(message: UiToBackground): Promise<BackgroundToUi | null> {
  const parsed = v.safeParse(BackgroundToUiSchema, await browser.runtime.sendMessage(message).catch(() => null))
  return parsed.success ? parsed.output : null
}

/** The web tab the user looked at last, never a private one from a normal window: its grade at each level. */
async function lastWebTab(): Promise<number | undefined> {
  const tabs = await browser.tabs.query({}).catch(() => [])
  const self = await browser.tabs.getCurrent().catch(() => undefined)
  return previewTab(tabs, self?.incognito ?? browser.extension.inIncognitoContext ?? false)
}

async function context(): Promise<OptionsContext> {
  const problems: Problems = readProblems((await browser.storage.local.get(PROBLEMS_KEY))[PROBLEMS_KEY])
  const tab = await lastWebTab()
  const preview = tab === undefined ? null : await ask({ type: 'ui:preview', tabId: tab })
  const data = await ask({ type: 'ui:get-data' })
  return {
    problems,
    ...(preview?.type === 'bg:preview' ? { preview: { host: preview.host, grades: preview.grades } } : {}),
    ...(data?.type === 'bg:data' ? { data: { hosts: data.hosts, online: data.online } } : {}),
  }
}

/**
 * The administrator's values: live once storage.managed answers (in Chromium, seconds after the browser starts),
 * until then the ones seen last time. The page never waits for them: it shows the user's settings at once and
 * draws again, locked where it must be, when they arrive.
 */
let managed: Record<string, unknown> | null = null
let cachedManaged: Record<string, unknown> | null = null
let ctx: OptionsContext = {}

/** True only in the test build (`npm run build:test`, vite.config.ts); the store builds drop what depends on it. */
declare const __VIGIE_TEST_BUILD__: boolean
const TEST_BUILD = typeof __VIGIE_TEST_BUILD__ === 'boolean' && __VIGIE_TEST_BUILD__

/**
 * Test build only: an administrator's values given in the address (`#vigieTestManaged=<JSON>`), read as
 * storage.managed is (resolveSettings validates each), so the browser tests show the locked page in every language
 * and theme without writing a machine-wide policy.
 */
function givenManaged(): Record<string, unknown> | null {
  const prefix = '#vigieTestManaged='
  if (!location.hash.startsWith(prefix)) return null
  try {
    const given: unknown = JSON.parse(decodeURIComponent(location.hash.slice(prefix.length)))
    return typeof given === 'object' && given !== null ? (given as Record<string, unknown>) : null
  } catch {
    return null
  }
}
const testManaged = TEST_BUILD ? givenManaged() : null

async function draw(): Promise<void> {
  const stored = await readStored()
  const settings = resolveSettings(stored, testManaged ?? managed ?? cachedManaged ?? {})
  render(<Options view={optionsView(settings, t, ctx)} actions={actions} status={status} />, root)
  // For the start-up benchmark: when the settings were first on screen.
  if (performance.getEntriesByName('vigie:ready').length === 0) performance.mark('vigie:ready')
}

async function refreshContext(): Promise<void> {
  ctx = await context()
  await draw()
}

async function saved(work: Promise<unknown>, message = t('optionsSaved')): Promise<void> {
  await work
  status = message
  await refreshContext()
}

const actions: OptionsActions = {
  setStrictness: (value) => void saved(saveSetting('strictness', value)),
  setEmail: (value) => void saved(saveSetting('ssllabsEmail', value.trim())),
  // The scanner talks only to the sites' own servers, through the companion: no host permission to ask for.
  setProbe: (enabled, mode) => void saved(saveSetting('probe', { enabled, mode })),
  forgetAll: () => void saved(ask({ type: 'ui:forget-all' }), t('optionsForgotten')),
  setSource(source, enabled, mode) {
    // The switch is the consent: no permission prompt, since the host access every page needs already covers the
    // services' addresses (README, "Permissions, and why").
    void saved(saveSetting(source, { enabled, mode }))
  },
}

root.textContent = '' // the static heading of the HTML, until now
// Structure from the first frame: the heading, and a line saying what comes.
render(
  <div class="options" data-state="loading">
    <h1>{t('optionsTitle')}</h1>
    <p>{t('optionsLoading')}</p>
  </div>,
  root,
)
void readManagedCache()
  .then((last) => (cachedManaged = last))
  .finally(() => void draw())
void readManaged().then((live) => {
  managed = live
  return draw()
})
void refreshContext()
browser.storage.onChanged.addListener((_changes, area) => {
  if (area === 'managed') void readManaged().then((live) => ((managed = live), draw()))
  else void refreshContext()
})
