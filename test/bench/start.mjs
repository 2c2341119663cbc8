/* global chrome */
// The first page after the browser starts, in Chromium: `npm run bench:start` (after `npm run build`).
// Not a timed test: it prints figures.
//
// 2 × STARTS times (default 3), each a fresh profile: start Chromium with the extension, open a sign-in page over http
// at once, and measure
//   - from the page's load event to its own final grade on the badge (polled in the service worker every 5 ms);
//   - how long a storage.managed.get issued as the worker starts takes (the read Chromium makes slow at start-up);
//   - the popup (in half the starts) or the options page (in the others), opened right after that grade, while
//     that read is still under way: from opening to their first heading, and to their content (the popup's
//     answer, the options' settings).
// With VIGIE_BEFORE=<a dist/ directory>, that build is started as well, alternately, to compare.
import { join } from 'node:path'
import { before, dist, launchChromium, median, ms, readFixture, serve } from './lib.mjs'

const STARTS = Number(process.env.STARTS ?? 3)
const server = await serve({ '/login.html': { body: readFixture('test/fixtures/pages/login.html') } })
const EXPECTED = 'F' // a password form on plain http: F at every strictness

/** Resolves with performance.now() once `selector` matches (checked every frame), from inside the page. */
const whenShown = (selector) =>
  new Promise((resolve) => {
    const check = () => (document.querySelector(selector) ? resolve(performance.now()) : requestAnimationFrame(check))
    check()
  })

async function openAndTime(context, url, heading, content) {
  const page = await context.newPage()
  await page.goto(url, { waitUntil: 'commit' })
  const [h, c] = await Promise.all([page.evaluate(whenShown, heading), page.evaluate(whenShown, content)])
  await page.close()
  return { heading: h, content: c }
}

/**
 * When the tab showing `url` first shows its own EXPECTED grade (Date.now() in the worker), polled from the worker
 * every 5 ms from before the page opens; NaN after 20 s. Light, since it runs on the worker's own thread: the tab is
 * looked for until found, then only its badge text is read, and its colour once the text is right.
 */
const ownBadgeAt = (worker, url) =>
  worker.evaluate(
    async ({ url, expected }) => {
      const end = Date.now() + 20_000
      let tabId
      while (Date.now() < end) {
        tabId ??= (await chrome.tabs.query({})).find((t) => t.url === url)?.id
        // The page's own grade: not the grey one of the host's last visit, shown meanwhile (src/background/badge.ts).
        const own =
          tabId !== undefined &&
          (await chrome.action.getBadgeText({ tabId })) === expected &&
          (await chrome.action.getBadgeBackgroundColor({ tabId })).join() !== '110,119,129,255'
        if (own) return Date.now()
        await new Promise((r) => setTimeout(r, 5))
      }
      return NaN
    },
    { url, expected: EXPECTED },
  )

async function start(extension, ui) {
  const browser = await launchChromium(extension)
  try {
    const worker = await browser.worker()
    const id = new URL(worker.url()).host
    const managed = worker.evaluate(async () => {
      const t0 = performance.now()
      await chrome.storage.managed.get(null).catch(() => {})
      return performance.now() - t0
    })
    const url = `${server.http}/login.html?${Math.random()}`
    // Polls the badge from the worker, from before the page opens until it shows the page's own grade.
    const badgeAt = ownBadgeAt(worker, url)
    const page = browser.context.pages()[0] ?? (await browser.context.newPage())
    await page.goto(url, { waitUntil: 'load' })
    const loadAt = await page.evaluate(
      () => performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventStart,
    )
    const tabId = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url)
    const badge = (await badgeAt) - loadAt
    // One of the two pages per start, opened as soon as the page has its grade, while storage.managed has not
    // answered yet (the other would find the worker warmed). Not before: starting the extension's first page
    // competes with the worker on this 2-core machine, and the badge is timed on its own.
    const popup =
      ui === 'popup'
        ? await openAndTime(
            browser.context,
            `chrome-extension://${id}/popup.html?tab=${tabId}`,
            'h1',
            '.popup:not([data-state="loading"])',
          )
        : null
    const options =
      ui === 'options'
        ? await openAndTime(
            browser.context,
            `chrome-extension://${id}/options.html`,
            'h1',
            '[data-setting="strictness"]',
          )
        : null
    // The same again once the browser has settled: what start-up adds.
    await new Promise((r) => setTimeout(r, 3000))
    const url2 = `${server.http}/login.html?${Math.random()}`
    const badgeAt2 = ownBadgeAt(worker, url2)
    const page2 = await browser.context.newPage()
    await page2.goto(url2, { waitUntil: 'load' })
    const loadAt2 = await page2.evaluate(
      () => performance.timeOrigin + performance.getEntriesByType('navigation')[0].loadEventStart,
    )
    const tabId2 = await worker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url2)
    const badge2 = (await badgeAt2) - loadAt2
    const popup2 = await openAndTime(
      browser.context,
      `chrome-extension://${id}/popup.html?tab=${tabId2}`,
      'h1',
      '.popup:not([data-state="loading"])',
    )
    const options2 = await openAndTime(
      browser.context,
      `chrome-extension://${id}/options.html`,
      'h1',
      '[data-setting="strictness"]',
    )
    return { badge, managed: await managed, popup, options, badge2, popup2, options2 }
  } finally {
    await browser.close()
  }
}

try {
  const builds = { vigie: join(dist, 'chrome'), ...(before ? { before: join(before, 'chrome') } : {}) }
  const results = Object.fromEntries(Object.keys(builds).map((n) => [n, []]))
  for (let i = 0; i < STARTS; i++)
    for (const ui of ['popup', 'options'])
      for (const [name, dir] of Object.entries(builds)) results[name].push(await start(dir, ui))
  console.log(
    `First page after Chromium starts, fresh profile, ${2 * STARTS} starts per build, the popup opened in half of them, the options in the others (medians; every start in brackets)`,
  )
  for (const [name, rs] of Object.entries(results)) {
    const line = (label, xs) => `${label} ${ms(median(xs))} [${xs.map((x) => x.toFixed(0)).join(', ')}]`
    console.log(`${name} (${builds[name]}):`)
    console.log(
      `  ${line(
        'final grade on the badge after the load event:',
        rs.map((r) => r.badge),
      )} (goal ≤ 300 ms)`,
    )
    console.log(
      `  ${line(
        'storage.managed.get at worker start took',
        rs.map((r) => r.managed),
      )}`,
    )
    const popups = rs.filter((r) => r.popup).map((r) => r.popup)
    const options = rs.filter((r) => r.options).map((r) => r.options)
    console.log(
      `  popup:   ${line(
        'heading',
        popups.map((r) => r.heading),
      )}, ${line(
        'content',
        popups.map((r) => r.content),
      )} (goal ≤ 300 ms)`,
    )
    console.log(
      `  options: ${line(
        'heading',
        options.map((r) => r.heading),
      )}, ${line(
        'content',
        options.map((r) => r.content),
      )} (goal ≤ 300 ms)`,
    )
    console.log(
      `  3 s later, a second page: ${line(
        'badge after load',
        rs.map((r) => r.badge2),
      )}; popup ${line(
        'content',
        rs.map((r) => r.popup2.content),
      )}; options ${line(
        'content',
        rs.map((r) => r.options2.content),
      )}`,
    )
  }
} finally {
  await server.close()
}
