/** The report page's adapter: asks the background for every host graded, renders, downloads exports. */
import { render } from 'preact'
import * as v from 'valibot'
import { BackgroundToUiSchema, type HostEntry } from '../../messages.ts'
import { browser } from '../../platform/index.ts'
import type { Translate } from '../i18n.ts'
import { Report } from './Report.tsx'
import { exportJson, exportMarkdown, reportView, type Sort, type SortKey } from './view-model.ts'

const t: Translate = (key, subs) => browser.i18n.getMessage(key, subs) || key
const language = browser.i18n.getUILanguage()
document.documentElement.lang = language.split('-')[0] ?? 'en'
document.title = t('reportTitle')
const root = document.getElementById('app')!
const formatDate = (ms: number) => new Date(ms).toLocaleString(language, { dateStyle: 'medium', timeStyle: 'short' })
const version = browser.runtime.getManifest().version

let hosts: HostEntry[] = []
let sort: Sort = { key: 'grade', descending: true }

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

const stamp = () => new Date().toISOString().slice(0, 10)
const actions = {
  sort(key: SortKey) {
    sort = { key, descending: sort.key === key ? !sort.descending : key !== 'host' }
    draw()
  },
  exportJson: () =>
    download(`vigie-report-${stamp()}.json`, 'application/json', exportJson(hosts, t, { version, now: Date.now() })),
  exportMarkdown: () =>
    download(`vigie-report-${stamp()}.md`, 'text/markdown', exportMarkdown(hosts, t, { version, now: Date.now() })),
}

function draw(): void {
  render(
    <Report view={reportView(hosts, sort, t, { now: Date.now(), language, formatDate })} actions={actions} />,
    root,
  )
}

async function load(): Promise<void> {
  const answer = v.safeParse(
    BackgroundToUiSchema,
    await browser.runtime.sendMessage({ type: 'ui:get-hosts' }).catch(() => null),
  )
  hosts = answer.success && answer.output.type === 'bg:hosts' ? answer.output.hosts : []
  draw()
}

void load()
