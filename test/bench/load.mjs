// Page load with and without Vigie, in Chromium and Firefox, in one run: `npm run bench:load` (after `npm run build`).
// Not a timed test: it prints figures.
//
// Three pages (a typical sign-in page, an article page, the 5,000-form page), each loaded RUNS times in fresh tabs in
// each of these browsers, each with a fresh profile, the variants interleaved in a random order in every round:
//   none    no extension;
//   bare    an extension made of an empty content script alone (no background), declared as Vigie declares its
//           own (at document_start): what injecting one costs;
//   idle    the same, declared at document_idle instead: what Vigie's content script cost before it moved to
//           document_start (bare/idle is the saving; see src/content/index.ts);
//   empty   the built extension with an empty content script (the floor any content script pays, with Vigie's
//           background at work: empty/bare is what that background costs a page);
//   control the same as empty, in a browser of its own: control/empty is what two browsers of one build differ
//           by, the noise any other ratio here must be read against;
//   quiet   the same as empty with its network listeners (webRequest) never registered: quiet/bare is what the
//           rest of the background costs a page (the tab events, the settings), empty/quiet what those listeners do;
//   noblock (Firefox) the same as empty with its onHeadersReceived listener not blocking: empty/noblock is what
//           holding an https document for its security info costs;
//   vigie   the extension as built;
//   before  with VIGIE_BEFORE=<a dist/ directory>: that build too (say, the last commit's), to compare;
//   before-empty  that build with an empty content script: before-empty/bare is what its background cost a page,
//           beside empty/bare for this one, in the same run.
// RUNS (default 20) loads per variant and page; VARIANTS=empty,vigie keeps only those, and BROWSERS=chromium only
// that browser: `RUNS=100 VARIANTS=empty,vigie` narrows the one interval the goal is about in the same time.
// INSTANCES (default 3): each variant's browser is launched that many times, fresh, for RUNS / INSTANCES rounds.
// SAVE=<path prefix> writes every load's timings to <prefix>-<browser>.json, to look at again.
// For each page and browser: the load event (loadEventStart) and DOMContentLoaded (domContentLoadedEventStart),
// from the navigation's start, medians and p90; ratios of medians with 95 % bootstrap intervals, and for Vigie the
// median of the per-round ratios (the variants of a round load back to back, so the machine's slow moments
// cancel); in Chromium, the loads that had a long task (over 50 ms) after DOMContentLoaded (Firefox has no
// long-task API).
// Chromium loads the pages over http (it gives extensions nothing of TLS); Firefox over https (where Vigie's
// blocking listener works) and the sign-in page over http too.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  atDocumentIdle,
  bareContentScript,
  before,
  cleanVariants,
  dist,
  emptyContentScript,
  fmtRatio,
  launchChromium,
  launchFirefox,
  median,
  medianOf,
  ms,
  p90,
  pairedRatio,
  ratio,
  readFixture,
  serve,
  shuffle,
  withoutBlocking,
  withoutNetworkListeners,
} from './lib.mjs'

const RUNS = Number(process.env.RUNS ?? 20)
const ONLY = process.env.BROWSERS?.split(',') ?? ['chromium', 'firefox']

const observer = `<script>window.__lt=[];try{new PerformanceObserver((l)=>{for(const e of l.getEntries())window.__lt.push([e.startTime,e.duration])}).observe({type:'longtask'})}catch(e){}</script>`
const withObserver = (html) => html.replace(/<head>/i, `<head>${observer}`)
const manyForms = `<!doctype html><html><head><title>5000 forms</title></head><body>${Array.from(
  { length: 5000 },
  (_, i) =>
    `<form method="post" action="/f${i}"><input name="u${i}"><input type="password" name="p${i}"><button>Go</button></form>`,
).join('')}</body></html>`
const PAGES = {
  '/sign-in.html': { label: 'sign-in page', body: withObserver(readFixture('test/fixtures/bench/login-typical.html')) },
  '/article.html': { label: 'article page', body: withObserver(readFixture('test/fixtures/bench/article.html')) },
  '/forms.html': { label: '5,000-form page', body: withObserver(manyForms) },
}
const server = await serve(PAGES)

/** VARIANTS=empty,vigie measures only those (more loads in the same time, for a tighter interval on one ratio). */
const ONLY_VARIANTS = process.env.VARIANTS?.split(',')

function variantsOf(kind) {
  const dir = kind === 'chromium' ? 'chrome' : 'firefox'
  const built = join(dist, dir)
  const all = {
    none: null,
    bare: bareContentScript(built),
    idle: atDocumentIdle(bareContentScript(built)),
    empty: emptyContentScript(built),
    control: emptyContentScript(built),
    quiet: withoutNetworkListeners(emptyContentScript(built)),
    ...(kind === 'firefox' ? { noblock: withoutBlocking(emptyContentScript(built)) } : {}),
    vigie: built,
    ...(before ? { before: join(before, dir), 'before-empty': emptyContentScript(join(before, dir)) } : {}),
  }
  return ONLY_VARIANTS ? Object.fromEntries(Object.entries(all).filter(([name]) => ONLY_VARIANTS.includes(name))) : all
}

const timing = () => {
  const nav = performance.getEntriesByType('navigation')[0]
  const dcl = nav.domContentLoadedEventStart
  return { load: nav.loadEventStart, dcl, longTasks: (window.__lt ?? []).filter(([start]) => start >= dcl).length }
}

/** One load in a fresh tab: its timings, once the page had 300 ms after load for late scripts and long tasks. */
async function loadOnce(kind, browser, url) {
  if (kind === 'chromium') {
    const page = await browser.context.newPage()
    try {
      await page.goto(url, { waitUntil: 'load' })
      await page.waitForTimeout(300)
      return await page.evaluate(timing)
    } finally {
      await page.close()
    }
  }
  const page = await browser.browser.newPage()
  try {
    await page.goto(url, { waitUntil: 'load' })
    await new Promise((r) => setTimeout(r, 300))
    return await page.evaluate(timing)
  } finally {
    await page.close()
  }
}

function report(kind, label, results, names) {
  console.log(`\n${kind}, ${label}, ${RUNS} loads per variant`)
  for (const metric of ['load', 'dcl']) {
    const xs = (name) => results[name].map((r) => r[metric])
    const row = names.map((n) => `${n} ${ms(median(xs(n)))} (p90 ${ms(p90(xs(n)))})`).join(' · ')
    console.log(`  ${metric === 'load' ? 'load event' : 'DOMContentLoaded'}: ${row}`)
    const pairs = [
      ['idle', 'none'],
      ['bare', 'none'],
      ['empty', 'bare'],
      ['empty', 'none'],
      ['control', 'empty'],
      ['quiet', 'bare'],
      ['empty', 'quiet'],
      ['noblock', 'bare'],
      ['empty', 'noblock'],
      ['vigie', 'none'],
      ['vigie', 'empty'],
      ['before', 'empty'],
      ['vigie', 'before'],
      ['before-empty', 'bare'],
      ['empty', 'before-empty'],
    ].filter((pair) => pair.every((n) => names.includes(n)))
    console.log(`    ${pairs.map(([a, b]) => `${a}/${b} ${fmtRatio(ratio(xs(a), xs(b)))}`).join(' · ')}`)
    const paired = [
      ['control', 'empty'],
      ['empty', 'bare'],
      ['before-empty', 'bare'],
      ['quiet', 'bare'],
      ['noblock', 'bare'],
      ['vigie', 'empty'],
      ['vigie', 'before'],
    ].filter((pair) => pair.every((n) => names.includes(n)))
    if (paired.length > 0)
      console.log(
        `    per round: ${paired.map(([a, b]) => `${a}/${b} ${fmtRatio(pairedRatio(xs(a), xs(b)))}`).join(' · ')}`,
      )
  }
  if (kind === 'chromium') {
    console.log(
      `  loads with a long task after DOMContentLoaded: ${names.map((n) => `${n} ${results[n].filter((r) => r.longTasks > 0).length}/${RUNS}`).join(' · ')}`,
    )
  }
}

/**
 * Where the empty content script's cost goes, in Chromium: each load traced, the page renderer's main-thread events
 * summed by name (self time: less the events nested in them), medians over FLOOR_RUNS loads, none against empty.
 * And the content script's own time before the load event (its evaluation and every call into it, as traced:
 * EvaluateScript and FunctionCall of content.js), empty against vigie (and before): what Vigie's script adds to the
 * floor, with far less noise than the load event itself. Returns the lines to print.
 */
async function floor(browsers, page) {
  const lines = []
  const RUNS_TRACED = Number(process.env.FLOOR_RUNS ?? 10)
  const traced = async (context, url) => {
    const tab = await context.newPage()
    const cdp = await context.newCDPSession(tab)
    const events = []
    cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
    const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
    await cdp.send('Tracing.start', {
      traceConfig: {
        includedCategories: [
          'toplevel',
          'devtools.timeline',
          'v8',
          'blink',
          'blink.user_timing',
          'extensions',
          'loading',
        ],
      },
      transferMode: 'ReportEvents',
    })
    await tab.goto(url, { waitUntil: 'load' })
    const load = await tab.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventStart)
    await cdp.send('Tracing.end')
    await done
    await tab.close()
    // The renderer main thread that parsed this page.
    const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.startsWith(url.split('?')[0]))
    const main = events.filter(
      (e) => parse && e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X' && typeof e.dur === 'number',
    )
    const tasks = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')
    const loadStart =
      events.find((e) => parse && e.pid === parse.pid && e.tid === parse.tid && e.name === 'loadEventStart')?.ts ??
      Infinity
    const own = main
      .filter(
        (e) =>
          (e.name === 'EvaluateScript' || e.name === 'FunctionCall') &&
          e.ts < loadStart &&
          String(e.args?.data?.url ?? '').endsWith('/content.js'),
      )
      .reduce((n, e) => n + e.dur / 1000, 0)
    // Self time: each event's duration less its children's (events nest by time on one thread).
    const byName = {}
    const stack = []
    for (const e of [...main].sort((a, b) => a.ts - b.ts || b.dur - a.dur)) {
      while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop()
      if (stack.length) byName[stack.at(-1).name] = (byName[stack.at(-1).name] ?? 0) - e.dur / 1000
      byName[e.name] = (byName[e.name] ?? 0) + e.dur / 1000
      stack.push(e)
    }
    return { load, busy: tasks.reduce((n, e) => n + e.dur / 1000, 0), byName, own }
  }
  const runs = Object.fromEntries(['none', 'empty', 'vigie', 'before'].filter((n) => browsers[n]).map((n) => [n, []]))
  for (let i = 0; i < RUNS_TRACED; i++)
    for (const name of shuffle(Object.keys(runs)))
      runs[name].push(await traced(browsers[name].context, `${page.url}?trace-${i}-${name}`))
  const med = (name, f) => median(runs[name].map(f))
  if (runs.vigie) {
    const own = (name) =>
      `${name} ${med(name, (r) => r.own).toFixed(2)} ms (p90 ${p90(runs[name].map((r) => r.own)).toFixed(2)} ms)`
    lines.push(
      `\nchromium, the content script's own main-thread time before the load event (${page.label}, ${RUNS_TRACED} traced loads each): ${[
        'empty',
        'vigie',
        'before',
      ]
        .filter((n) => runs[n])
        .map(own)
        .join(' · ')}`,
    )
  }
  if (!runs.none) return lines
  lines.push(
    `\nchromium, where the floor goes (${page.label}, ${RUNS_TRACED} traced loads each, medians; tracing slows every load alike)`,
  )
  lines.push(
    `  load event: none ${ms(med('none', (r) => r.load))}, empty ${ms(med('empty', (r) => r.load))}; renderer main thread busy: none ${ms(med('none', (r) => r.busy))}, empty ${ms(med('empty', (r) => r.busy))}`,
  )
  const names = new Set(
    Object.values(runs)
      .flat()
      .flatMap((r) => Object.keys(r.byName)),
  )
  const diffs = [...names]
    .map((n) => [n, med('empty', (r) => r.byName[n] ?? 0) - med('none', (r) => r.byName[n] ?? 0)])
    .filter(([, d]) => Math.abs(d) >= 0.3)
  diffs.sort((a, b) => b[1] - a[1])
  lines.push(
    `  main-thread self time, empty − none, by event: ${diffs
      .slice(0, 10)
      .map(([n, d]) => `${n} ${d >= 0 ? '+' : ''}${d.toFixed(1)} ms`)
      .join(', ')}`,
  )
  return lines
}

/**
 * Each variant's browser is launched INSTANCES times (fresh profiles), RUNS / INSTANCES rounds each: one browser
 * can be a few per cent faster or slower than another of the same build for as long as it lives, the same on every
 * page, and only fresh browsers sample that.
 */
const INSTANCES = Number(process.env.INSTANCES ?? 3)

async function bench(kind) {
  const variants = variantsOf(kind)
  const names = Object.keys(variants)
  const pages =
    kind === 'chromium'
      ? Object.keys(PAGES).map((path) => ({
          key: `${path} http`,
          url: `${server.http}${path}`,
          label: `${PAGES[path].label} (http)`,
        }))
      : [
          ...Object.keys(PAGES).map((path) => ({
            key: `${path} https`,
            url: `${server.https}${path}`,
            label: `${PAGES[path].label} (https)`,
          })),
          { key: 'sign-in http', url: `${server.http}/sign-in.html`, label: 'sign-in page (http)' },
        ]
  const results = Object.fromEntries(pages.map((p) => [p.key, Object.fromEntries(names.map((n) => [n, []]))]))
  /** The first round of each browser instance. */
  const starts = []
  let round = 0
  let traced = []
  for (let instance = 0; instance < INSTANCES; instance++) {
    const browsers = {}
    try {
      for (const name of names) {
        browsers[name] =
          kind === 'chromium'
            ? await launchChromium(variants[name])
            : await launchFirefox(variants[name], server.ca.caPem)
      }
      // A first load in each, not counted: the browser's own start-up work is not the page's.
      for (const name of names) for (const p of pages) await loadOnce(kind, browsers[name], `${p.url}?warm`)
      starts.push(round)
      for (const end = Math.round((RUNS * (instance + 1)) / INSTANCES); round < end; round++) {
        for (const p of pages) {
          for (const name of shuffle(names))
            results[p.key][name].push(await loadOnce(kind, browsers[name], `${p.url}?${round}-${name}`))
        }
      }
      if (
        instance === INSTANCES - 1 &&
        kind === 'chromium' &&
        names.includes('empty') &&
        (names.includes('none') || names.includes('vigie'))
      ) {
        traced = await floor(browsers, pages[0])
      }
    } finally {
      for (const b of Object.values(browsers)) await b.close()
    }
  }
  for (const p of pages) report(kind, p.label, results[p.key], names)
  summary(kind, pages, results, names, starts)
  for (const line of traced) console.log(line)
  if (process.env.SAVE)
    writeFileSync(
      `${process.env.SAVE}-${kind}.json`,
      JSON.stringify({ runs: RUNS, starts, pages: pages.map((p) => p.key), results }),
    )
}

/**
 * Every page's rounds together: per-round ratios over all pages (one interval, narrower than any page's), and their
 * median in each browser instance (the spread between instances): control, vigie and the before build against
 * empty, and each build's background (empty, before-empty) against the bare content script.
 */
function summary(kind, pages, results, names, starts) {
  const pairs = [
    ['control', 'empty'],
    ['vigie', 'empty'],
    ['empty', 'bare'],
    ['before-empty', 'bare'],
    ['quiet', 'bare'],
    ['empty', 'quiet'],
    ['noblock', 'bare'],
    ['empty', 'noblock'],
  ].filter((pair) => pair.every((n) => names.includes(n)))
  for (const [name, base] of pairs) {
    const rounds = (metric, from = 0, to = RUNS) =>
      pages.flatMap((p) =>
        results[p.key][name].slice(from, to).map((r, i) => r[metric] / results[p.key][base][from + i][metric]),
      )
    const all = (metric) => fmtRatio(medianOf(rounds(metric)))
    const byInstance = starts
      .map((from, i) => median(rounds('load', from, starts[i + 1] ?? RUNS)).toFixed(3))
      .join(', ')
    console.log(
      `\n${kind}, every page's rounds together (${pages.length * RUNS}), ${name}/${base} per round: load event ${all('load')} · DOMContentLoaded ${all('dcl')}; load event by browser instance: ${byInstance}`,
    )
  }
}

try {
  console.log(
    `Page load with and without Vigie (${dist}${before ? `, before: ${before}` : ''}); medians over ${RUNS} loads; [95 % bootstrap interval]`,
  )
  for (const kind of ONLY) await bench(kind)
} finally {
  cleanVariants()
  await server.close()
}
