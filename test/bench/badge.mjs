/* global chrome, browser */
// The badge's letter and colour, sampled while a tab goes back and forth between two pages of one host with
// different grades: `npm run bench:badge` (after `npm run build`). Not a timed test: it prints figures.
//
// The badge is read as fast as the browser answers (text and colour asked together, so nothing of Vigie's comes
// between the two reads: from the service worker in Chromium, from an extension page in Firefox). A sample is
// wrong when it shows a letter in a colour that is not that grade's (or the grey of a last visit's grade).
// Chromium and Firefox; with VIGIE_BEFORE=<a dist/ directory>, that build as well.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, dist, launchChromium, launchFirefox, navigateFirefox, readFixture, root, serve } from './lib.mjs'

const ROUNDS = Number(process.env.ROUNDS ?? 20)
const server = await serve({
  '/good.html': {
    body: readFixture('test/fixtures/pages/login.html'),
    headers: { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' },
  },
  '/login.html': { body: readFixture('test/fixtures/pages/login.html') },
})
// One host for both pages: the second shows the first's grade in grey until its own grade is known.
const http = server.http.replace('127.0.0.1', 'localhost')
const PAGES = [`${server.https}/good.html`, `${http}/login.html`]

// The colours Vigie gives each grade, read from its source.
const source = readFileSync(join(root, 'src/background/badge.ts'), 'utf8')
const hex = (h) =>
  [1, 3, 5]
    .map((i) => parseInt(h.slice(i, i + 2), 16))
    .concat(255)
    .join(',')
const colours = Object.fromEntries(
  [...source.matchAll(/'?([A-F][+-]?)'?: '(#[0-9a-f]{6})'/g)].map((m) => [m[1], hex(m[2])]),
)
const grey = hex(/PREVIOUS_COLOUR = '(#[0-9a-f]{6})'/.exec(source)[1])
const wrong = ([text, colour]) => text !== '' && colour !== colours[text] && colour !== grey

/** Runs in the worker or an extension page: samples the tab's badge until globalThis.__stop. */
const sampler = async (tabId) => {
  // Not before the first grade is on the badge (an older build may wait seconds for storage.managed).
  const first = Date.now()
  while (
    Date.now() - first < 20_000 &&
    (await (globalThis.browser ?? globalThis.chrome).action.getBadgeText({ tabId })) === ''
  )
    await new Promise((r) => setTimeout(r, 20))
  const api = globalThis.browser ?? globalThis.chrome
  const samples = []
  globalThis.__stop = false
  while (!globalThis.__stop && samples.length < 200_000) {
    // The text, the colour and the text again, asked together: when the browser resets the badge (it does when the
    // tab navigates) between two of them, the texts differ and the sample is dropped as torn.
    const [text, colour, again] = await Promise.all([
      api.action.getBadgeText({ tabId }),
      api.action.getBadgeBackgroundColor({ tabId }),
      api.action.getBadgeText({ tabId }),
    ])
    if (text === again) samples.push([text, colour.join(',')])
  }
  // Consecutive duplicates say nothing more: keep the changes.
  return {
    count: samples.length,
    changes: samples.filter((s, i) => i === 0 || s[0] !== samples[i - 1][0] || s[1] !== samples[i - 1][1]),
  }
}

async function chromiumRun(extension) {
  const b = await launchChromium(extension, { args: ['--ignore-certificate-errors'] })
  try {
    const worker = await b.worker()
    const page = await b.context.newPage()
    await page.goto(PAGES[1], { waitUntil: 'load' })
    const tabId = await worker.evaluate(
      async (u) => (await chrome.tabs.query({})).find((t) => t.url?.startsWith(u))?.id,
      PAGES[1],
    )
    const sampling = worker.evaluate(sampler, tabId)
    await worker.evaluate(async (id) => {
      while ((await chrome.action.getBadgeText({ tabId: id })) === '') await new Promise((r) => setTimeout(r, 20))
    }, tabId)
    for (let i = 0; i < ROUNDS; i++)
      for (const url of PAGES) {
        await page.goto(`${url}?${i}`, { waitUntil: 'load' })
        await page.waitForTimeout(250)
      }
    await worker.evaluate(() => (globalThis.__stop = true))
    return await sampling
  } finally {
    await b.close()
  }
}

async function firefoxRun(extension) {
  const b = await launchFirefox(extension, server.ca.caPem)
  try {
    const control = await b.browser.newPage()
    await navigateFirefox(control, `${b.origin}/report.html`)
    const page = await b.browser.newPage()
    await page.goto(PAGES[1], { waitUntil: 'load' })
    const tabId = await control.evaluate(
      async (u) => (await browser.tabs.query({})).find((t) => t.url?.startsWith(u))?.id,
      PAGES[1],
    )
    const sampling = control.evaluate(sampler, tabId)
    await control.evaluate(async (id) => {
      while ((await browser.action.getBadgeText({ tabId: id })) === '') await new Promise((r) => setTimeout(r, 20))
    }, tabId)
    for (let i = 0; i < ROUNDS; i++)
      for (const url of PAGES) {
        await page.goto(`${url}?${i}`, { waitUntil: 'load' })
        await new Promise((r) => setTimeout(r, 250))
      }
    await control.evaluate(() => (globalThis.__stop = true))
    return await sampling
  } finally {
    await b.close()
  }
}

try {
  console.log(`Badge letter and colour, ${ROUNDS} rounds of two pages of one host (F over http, A+ over https)`)
  for (const [kind, run, dir] of [
    ['chromium', chromiumRun, 'chrome'],
    ['firefox', firefoxRun, 'firefox'],
  ].filter(([k]) => (process.env.BROWSERS ?? 'chromium,firefox').includes(k))) {
    for (const [name, base] of [['vigie', dist], ...(before ? [['before', before]] : [])]) {
      const { count, changes } = await run(join(base, dir))
      const bad = changes.filter(wrong)
      const shown = [...new Set(changes.map(([t, c]) => `${t || '∅'} ${c}`))]
      console.log(
        `${kind} ${name}: ${count} samples, ${changes.length} changes, ${bad.length} showing a letter in another grade's colour${bad.length ? `: ${[...new Set(bad.map(([t, c]) => `${t} in rgba(${c})`))].join(', ')}` : ''}`,
      )
      if (process.env.VERBOSE)
        console.log(
          `  states seen: ${shown.join(' | ')}\n  sequence: ${changes.map(([t, c]) => `${t || '∅'}/${c.split(',')[0]}`).join(' ')}`,
        )
    }
  }
} finally {
  await server.close()
}
