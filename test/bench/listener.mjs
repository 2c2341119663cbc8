// Firefox's blocking onHeadersReceived listener: how long it holds an https document back. `npm run bench:listener`
// (after `npm run build`). Not a timed test: it prints figures.
//
// A small sign-in page over https, loaded RUNS times in fresh tabs in each of these Firefox ESR instances (fresh
// profiles trusting a test CA), interleaved in a random order every round:
//   none        no extension;
//   nolistener  Vigie with its onHeadersReceived listener registered without 'blocking' (the same extension
//               minus the hold: a prelude module changes the registration; getSecurityInfo then finds nothing);
//   vigie       the extension as built;
//   before      with VIGIE_BEFORE=<a dist/ directory>: that build too.
// For each: the navigation's responseStart, responseEnd, domInteractive and DOMContentLoaded, from its start;
// medians, and the differences of medians with nolistener (95 % bootstrap intervals): what the listener holds back.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { before, cleanVariants, difference, dist, fmtDiff, launchFirefox, median, ms, p90, readFixture, serve, shuffle, variant } from './lib.mjs'

const RUNS = Number(process.env.RUNS ?? 40)
const server = await serve({ '/login.html': { body: readFixture('test/fixtures/pages/login.html') } })

/** Vigie whose onHeadersReceived listeners are registered as non-blocking. */
const noListener = variant(join(dist, 'firefox'), (dir) => {
  writeFileSync(
    join(dir, 'bench-prelude.js'),
    `const event = browser.webRequest.onHeadersReceived
const add = event.addListener.bind(event)
Object.defineProperty(event, 'addListener', {
  configurable: true,
  value: (listener, filter, extra = []) => add((details) => void listener(details), filter, extra.filter((x) => x !== 'blocking')),
})
`,
  )
  const loader = join(dir, 'service-worker-loader.js')
  writeFileSync(loader, `import './bench-prelude.js';\n${readFileSync(loader, 'utf8')}`)
})

const builds = { none: null, nolistener: noListener, vigie: join(dist, 'firefox'), ...(before ? { before: join(before, 'firefox') } : {}) }
const METRICS = ['responseStart', 'responseEnd', 'domInteractive', 'domContentLoadedEventStart']

try {
  const browsers = {}
  for (const [name, dir] of Object.entries(builds)) browsers[name] = await launchFirefox(dir, server.ca.caPem)
  const results = Object.fromEntries(Object.keys(builds).map((n) => [n, []]))
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
    for (const name of Object.keys(builds)) for (let i = 0; i < 3; i++) await loadOnce(name, `${server.https}/login.html?warm${i}`)
    for (let i = 0; i < RUNS; i++) {
      for (const name of shuffle(Object.keys(builds))) results[name].push(await loadOnce(name, `${server.https}/login.html?${i}-${name}`))
    }
  } finally {
    for (const b of Object.values(browsers)) await b.close()
  }
  console.log(`Firefox blocking listener, https sign-in page, ${RUNS} loads per build, medians (p90), from the navigation's start`)
  for (const name of Object.keys(builds)) {
    console.log(`  ${name.padEnd(10)} ${METRICS.map((m) => `${m} ${ms(median(results[name].map((r) => r[m])))} (${ms(p90(results[name].map((r) => r[m])))})`).join(' · ')}`)
  }
  for (const name of Object.keys(builds).filter((n) => n !== 'nolistener')) {
    console.log(`  ${name} − nolistener: ${METRICS.map((m) => `${m} ${fmtDiff(difference(results[name].map((r) => r[m]), results.nolistener.map((r) => r[m])))}`).join(' · ')}`)
  }
  console.log('  goal: vigie − nolistener ≤ 10 ms on domInteractive and DOMContentLoaded')
} finally {
  cleanVariants()
  await server.close()
}
