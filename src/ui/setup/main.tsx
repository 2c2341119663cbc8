/**
 * The setup page's adapter: learns the system, the browser, this extension's id and version, and asks the
 * background to say `hello` to the companion every second while the page is shown (never while hidden), so that
 * the page turns to "Connected" by itself within about a second of the companion being installed.
 */
import { render } from 'preact'
import { browser, browserName } from '../../platform/index.ts'
import { checkCompanion as check } from '../companion-client.ts'
import type { Translate } from '../i18n.ts'
import { Setup } from './Setup.tsx'
import { setupView, type Platform, type SetupContext } from './setup-view.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
document.documentElement.lang = browser.i18n.getUILanguage().split('-')[0] ?? 'en'
document.title = t('setupTitle')
const root = document.getElementById('app')!
const POLL_MS = 1_000

let context: SetupContext | null = null
let copied: string | null = null

function draw(): void {
  if (context) render(<Setup view={setupView(context, t)} actions={actions} copied={copied} />, root)
}

let timer = 0
let busy = false
async function poll(): Promise<void> {
  clearTimeout(timer)
  if (busy || document.visibilityState !== 'visible') return
  busy = true
  try {
    const companion = await check()
    if (context && companion) context = { ...context, companion }
    draw()
  } finally {
    busy = false
    if (document.visibilityState === 'visible') timer = window.setTimeout(() => void poll(), POLL_MS)
  }
}

const actions = {
  check: () => void poll(),
  copy(text: string, key: string) {
    void navigator.clipboard.writeText(text).then(() => {
      copied = key
      draw()
    })
  },
}

document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void poll()
  else clearTimeout(timer)
})

void browser.runtime.getPlatformInfo().then((info) => {
  context = {
    platform: { os: info.os, arch: info.arch } as Platform,
    browser: browserName(),
    extensionId: browser.runtime.id,
    version: browser.runtime.getManifest().version,
    companion: null,
  }
  draw()
  void poll()
})
