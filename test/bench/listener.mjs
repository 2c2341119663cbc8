// Firefox's blocking onHeadersReceived listener: how long it holds an https document back. `npm run bench:listener`
// (after `npm run build`). Not a timed test: it prints figures.
//
// A small sign-in page over https, loaded RUNS times in fresh tabs in each of these Firefox ESR instances (fresh
// profiles trusting a test CA), interleaved in a random order every round:
//   none        no extension;
//   nolistener  Vigie with its onHeadersReceived listener registered without 'blocking' (the same extension
//               minus the hold: a prelude module changes the registration; getSecurityInfo then finds nothing);
//   vigie       the extension as built (plus a prelude that times its blocking listener, below);
//   before      with VIGIE_BEFORE=<a dist/ directory>: that build too.
// For each: the navigation's responseStart, responseEnd, domInteractive and DOMContentLoaded, from its start;
// medians, and the differences of medians with nolistener (95 % bootstrap intervals): what the listener holds back.
import { join } from 'node:path'
/* global browser */
import {
  before,
  cleanVariants,
  difference,
  dist,
  fmtDiff,
  launchFirefox,
  median,
  navigateFirefox,
  ms,
  p90,
  readFixture,
  serve,
  shuffle,
  withoutBlocking,
  withPrelude,
} from './lib.mjs'

const RUNS = Number(process.env.RUNS ?? 40)
const server = await serve({ '/login.html': { body: readFixture('test/fixtures/pages/login.html') } })

/** Vigie whose onHeadersReceived listeners are registered as non-blocking. */
const noListener = withoutBlocking(join(dist, 'firefox'))
/**
 * A build whose blocking listener is timed from its call to its answer (performance.now() in the background, kept
 * in globalThis.__held): the hold as the extension causes it, without the IPC either side.
 */
const timed = (from) =>
  withPrelude(
    from,
    `const event = browser.webRequest.onHeadersReceived
const add = event.addListener.bind(event)
globalThis.__held = []
// Whether each getSecurityInfo call still found the response's security info (the listener does not wait for it).
globalThis.__info = { asked: 0, found: 0, printed: 0 }
const getSecurityInfo = browser.webRequest.getSecurityInfo.bind(browser.webRequest)
Object.defineProperty(browser.webRequest, 'getSecurityInfo', {
  configurable: true,
  value: (...args) => {
    globalThis.__info.asked++
    return getSecurityInfo(...args).then((info) => {
      if (info && info.state) globalThis.__info.found++
      // With every certificate's fingerprint, the background reads each chain once (security-info.ts).
      if (info?.certificates?.length && info.certificates.every((c) => typeof c.fingerprint?.sha256 === 'string'))
        globalThis.__info.printed++
      return info
    })
  },
})
Object.defineProperty(event, 'addListener', {
  configurable: true,
  value: (listener, filter, extra = []) =>
    add((details) => {
      const start = performance.now()
      const answer = listener(details)
      if (!extra.includes('blocking')) return answer
      return Promise.resolve(answer).then((value) => (globalThis.__held.push(performance.now() - start), value))
    }, filter, extra),
})
`,
  )

const builds = {
  none: null,
  nolistener: noListener,
  vigie: timed(join(dist, 'firefox')),
  ...(before ? { before: timed(join(before, 'firefox')) } : {}),
}
const METRICS = ['responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart']

try {
  const browsers = {}
  for (const [name, dir] of Object.entries(builds)) browsers[name] = await launchFirefox(dir, server.ca.caPem)
  const results = Object.fromEntries(Object.keys(builds).map((n) => [n, []]))
  const held = {}
  const loadOnce = async (name, url) => {
    const page = await browsers[name].browser.newPage()
    try {
      await page.goto(url, { waitUntil: 'load' })
      return await page.evaluate((metrics) => {
        const nav = performance.getEntriesByType('navigation')[0]
        return Object.fromEntries(metrics.map((m) => [m, nav[m]]))
      }, METRICS)
    } finally {
      await page.close()
    }
  }
  try {
    for (const name of Object.keys(builds))
      for (let i = 0; i < 3; i++) await loadOnce(name, `${server.https}/login.html?warm${i}`)
    for (let i = 0; i < RUNS; i++) {
      for (const name of shuffle(Object.keys(builds)))
        results[name].push(await loadOnce(name, `${server.https}/login.html?${i}-${name}`))
    }
    // The listener's own time, read from the background of each timed build.
    for (const name of Object.keys(builds).filter((n) => n === 'vigie' || n === 'before')) {
      const control = await browsers[name].browser.newPage()
      await navigateFirefox(control, `${browsers[name].origin}/report.html`)
      held[name] = await control.evaluate(async () => {
        const page = await browser.runtime.getBackgroundPage()
        return { times: page.__held, info: page.__info }
      })
      await control.close()
    }
  } finally {
    for (const b of Object.values(browsers)) await b.close()
  }
  console.log(
    `Firefox blocking listener, https sign-in page, ${RUNS} loads per build, medians (p90), from the navigation's start`,
  )
  for (const name of Object.keys(builds)) {
    console.log(
      `  ${name.padEnd(10)} ${METRICS.map((m) => `${m} ${ms(median(results[name].map((r) => r[m])))} (${ms(p90(results[name].map((r) => r[m])))})`).join(' · ')}`,
    )
  }
  for (const name of Object.keys(builds).filter((n) => n !== 'nolistener')) {
    console.log(
      `  ${name} − nolistener: ${METRICS.map(
        (m) =>
          `${m} ${fmtDiff(
            difference(
              results[name].map((r) => r[m]),
              results.nolistener.map((r) => r[m]),
            ),
          )}`,
      ).join(' · ')}`,
    )
  }
  for (const [name, { times: xs, info }] of Object.entries(held)) {
    console.log(
      `  ${name}: the blocking listener, from its call to its answer, in the background: median ${ms(median(xs))}, p90 ${ms(p90(xs))}, max ${ms(Math.max(...xs))} (${xs.length} documents); getSecurityInfo found the security info ${info.found} times of ${info.asked}, with every certificate's fingerprint ${info.printed} times`,
    )
  }
  console.log('  goal: vigie − nolistener ≤ 10 ms on domInteractive and DOMContentLoaded')
} finally {
  cleanVariants()
  await server.close()
}
