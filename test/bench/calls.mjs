// What Vigie's background asks of the browser for each page load, and when: `npm run bench:calls` (after
// `npm run build`). Not a timed test: it prints a trace, to see where the background's per-navigation cost
// (bench:load's empty/bare) goes.
//
// The built extension, with its content script emptied (as bench:load's `empty`) unless FULL=1, loads a sign-in page
// RUNS times in fresh tabs, in Firefox ESR over https and in Chromium over http. A prelude module, run before the
// background's own code, wraps every function of the extension API namespaces the background uses (storage, tabs,
// action, webRequest, webNavigation, runtime) and every event listener it adds: each call and each event is logged
// with its start (Date.now() and performance.now()) and how long its promise took. The page notes when its navigation
// started and when its load event came, so each call is placed before or after the load event.
// Printed per browser: per load, the median count of calls and events by name, split before / after the load event,
// and the median time the background spent in its listeners (synchronous part) before the load event.
import { join } from 'node:path'
/* global browser */
import {
  cleanVariants,
  dist,
  emptyContentScript,
  launchChromium,
  launchFirefox,
  median,
  ms,
  navigateFirefox,
  readFixture,
  serve,
  withPrelude,
} from './lib.mjs'

const RUNS = Number(process.env.RUNS ?? 12)
const ONLY = process.env.BROWSERS?.split(',') ?? ['chromium', 'firefox']
const FULL = process.env.FULL === '1'

const PRELUDE = `const ns = typeof browser !== 'undefined' && browser.runtime?.id ? browser : chrome
const log = (globalThis.__calls = [])
const AREAS = ['storage', 'tabs', 'action', 'webRequest', 'webNavigation', 'runtime', 'scripting', 'alarms']
const wrapEvent = (name, event) => {
  const add = event.addListener.bind(event)
  const addListener = (listener, ...rest) =>
    add((...args) => {
      const start = performance.now()
      const at = Date.now()
      try {
        return listener(...args)
      } finally {
        log.push({ name: 'event ' + name, at, sync: performance.now() - start })
      }
    }, ...rest)
  Object.defineProperty(event, 'addListener', { configurable: true, value: addListener })
}
const wrap = (path, target) => {
  for (const key of Object.keys(target)) {
    const value = target[key]
    const name = path + '.' + key
    if (value && typeof value === 'object' && typeof value.addListener === 'function') wrapEvent(name, value)
    else if (typeof value === 'function') {
      const wrapped = (...args) => {
        const entry = { name, at: Date.now() }
        const start = performance.now()
        log.push(entry)
        const result = value.apply(target, args)
        if (result && typeof result.then === 'function')
          result.then(() => (entry.took = performance.now() - start), () => (entry.took = performance.now() - start))
        return result
      }
      Object.defineProperty(target, key, { configurable: true, value: wrapped })
    } else if (value && typeof value === 'object' && path.split('.').length < 3) wrap(name, value)
  }
}
for (const area of AREAS) if (ns[area]) wrap(area, ns[area])
`

/** The build with the prelude, and its content script emptied unless FULL=1. */
const traced = (from) => withPrelude(FULL ? from : emptyContentScript(from), PRELUDE)

const LOAD_TIMES = () => {
  const nav = performance.getEntriesByType('navigation')[0]
  return { start: performance.timeOrigin, load: performance.timeOrigin + nav.loadEventStart }
}

/** Per load: counts of each call before and after its load event (until the next load starts), and listener time. */
function summarise(calls, loads) {
  const perLoad = loads.map((load, i) => {
    const end = loads[i + 1]?.start ?? Infinity
    const mine = calls.filter((c) => c.at >= load.start - 5 && c.at < end - 5)
    const before = mine.filter((c) => c.at <= load.load)
    const count = (xs) => xs.reduce((m, c) => m.set(c.name, (m.get(c.name) ?? 0) + 1), new Map())
    return {
      before: count(before),
      after: count(mine.filter((c) => c.at > load.load)),
      listeners: before.reduce((s, c) => s + (c.sync ?? 0), 0),
      took: before.reduce((s, c) => s + (c.took ?? 0), 0),
    }
  })
  const names = [...new Set(perLoad.flatMap((l) => [...l.before.keys(), ...l.after.keys()]))].sort()
  const rows = names.map((name) => ({
    name,
    before: median(perLoad.map((l) => l.before.get(name) ?? 0)),
    after: median(perLoad.map((l) => l.after.get(name) ?? 0)),
  }))
  return {
    rows: rows.filter((r) => r.before > 0 || r.after > 0),
    listeners: median(perLoad.map((l) => l.listeners)),
    took: median(perLoad.map((l) => l.took)),
  }
}

function print(label, { rows, listeners, took }) {
  console.log(`${label}: per load, median counts (before the load event / after it, until the next load)`)
  for (const r of rows) console.log(`  ${r.name.padEnd(44)} ${String(r.before).padStart(4)} / ${r.after}`)
  console.log(`  in listeners before the load event: ${ms(listeners)} (median, synchronous part)`)
  console.log(`  calls before the load event waited on the browser for ${ms(took)} in all (median, overlapping)`)
}

const server = await serve({ '/login.html': { body: readFixture('test/fixtures/pages/login.html') } })

/** RUNS loads (after two not counted) in fresh tabs made by `newPage`: each one's start and load event. */
async function loadMany(newPage, url) {
  const loads = []
  for (let i = 0; i < RUNS + 2; i++) {
    const page = await newPage()
    await page.goto(`${url}?${i}`, { waitUntil: 'load' })
    await new Promise((r) => setTimeout(r, 300))
    if (i >= 2) loads.push(await page.evaluate(LOAD_TIMES))
    await page.close()
  }
  return loads
}
const what = `${RUNS} loads${FULL ? '' : ', empty content script'}`

try {
  if (ONLY.includes('firefox')) {
    const ff = await launchFirefox(traced(join(dist, 'firefox')), server.ca.caPem)
    try {
      const loads = await loadMany(() => ff.browser.newPage(), `${server.https}/login.html`)
      const control = await ff.browser.newPage()
      await navigateFirefox(control, `${ff.origin}/report.html`)
      const calls = await control.evaluate(async () => (await browser.runtime.getBackgroundPage()).__calls)
      print(`Firefox ESR, https sign-in page, ${what}`, summarise(calls, loads))
    } finally {
      await ff.close()
    }
  }
  if (ONLY.includes('chromium')) {
    const cr = await launchChromium(traced(join(dist, 'chrome')))
    try {
      const worker = await cr.worker()
      const loads = await loadMany(() => cr.context.newPage(), `${server.http}/login.html`)
      const calls = await worker.evaluate(() => globalThis.__calls)
      print(`Chromium, http sign-in page, ${what}`, summarise(calls, loads))
    } finally {
      await cr.close()
    }
  }
} finally {
  cleanVariants()
  await server.close()
}
