// Measures the content script in real Chromium: `npm run bench:content` (after `npm run build`).
// Not a timed test: it prints figures, comparing the same pages with and without the extension in one run.
//
// Five browsers side by side, each page loaded RUNS times in each, interleaved:
//   none     no extension;
//   empty    the built extension with an empty content script (what injecting any content script costs);
//   query    a content script making one DOM query and sending nothing;
//   message  a content script making one DOM query and sending one message (the floor for any extension that
//            reads a page and reports it: the isolated world's DOM and messaging set-up is paid on first use);
//   vigie    the extension as built.
// A. the content script's own main-thread time on each page: the trace events the renderer attributes to
//    content.js (its evaluation and every callback of it), as the Performance panel shows them;
//    and the whole page's script and task time (CDP Performance metrics) with and without Vigie;
// B. Vigie's scan alone, in the page's own world where the DOM interfaces are already set up (what Vigie's code
//    costs apart from the isolated world's first-use set-up);
// C. long tasks (over 50 ms) while a page mutates heavily for 3 s;
// D. the content script bundle, gzipped.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const RUNS = Number(process.env.RUNS ?? 11)
const root = resolve(import.meta.dirname, '../..')
const extension = resolve(root, 'dist/chrome')
const contentJs = readFileSync(join(extension, 'content.js'), 'utf8')

const manyForms = `<!doctype html><title>5000 forms</title><body>${Array.from(
  { length: 5000 },
  (_, i) =>
    `<form method="post" action="/f${i}"><input name="u${i}"><input type="password" name="p${i}"><button>Go</button></form>`,
).join('')}</body>`
const mutating = `<!doctype html><title>busy</title><body><div id="root"></div><script>
  const root = document.getElementById('root'); const end = performance.now() + 3000; let n = 0
  function tick() {
    for (let i = 0; i < 200; i++) {
      const f = document.createElement('form'); f.innerHTML = '<input name="a"><input type="' + (n % 2 ? 'password' : 'text') + '">'
      root.append(f); n++
      if (root.childElementCount > 1000) root.firstElementChild.remove()
    }
    if (performance.now() < end) requestAnimationFrame(tick); else document.title = 'done'
  }
  window.__longTasks = []
  new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__longTasks.push(e.duration))).observe({ type: 'longtask' })
  requestAnimationFrame(tick)
</script></body>`
const PAGES = [
  {
    label: 'typical login page (390 elements)',
    path: '/typical.html',
    budget: 1,
    body: readFileSync(resolve(root, 'test/fixtures/bench/login-typical.html'), 'utf8'),
  },
  {
    label: 'bare login form (12 elements)',
    path: '/login.html',
    budget: 1,
    body: readFileSync(resolve(root, 'test/fixtures/pages/login.html'), 'utf8'),
  },
  { label: '5,000 forms', path: '/many.html', budget: 15, body: manyForms },
]
const bodies = Object.fromEntries([...PAGES.map((p) => [p.path, p.body]), ['/mutating.html', mutating]])
const server = createServer((req, res) => {
  const body = bodies[req.url.split('?')[0]]
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html' }).end(body ?? '')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms) => `${ms.toFixed(2)} ms`

/** A copy of the built extension with another content script. */
function variant(code) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-variant-'))
  cpSync(extension, dir, { recursive: true })
  writeFileSync(join(dir, 'content.js'), code)
  return dir
}
const variants = {
  empty: variant(';\n'),
  query: variant("document.documentElement.dataset.benchInputs = document.querySelectorAll('input').length\n"),
  message: variant(
    "chrome.runtime.sendMessage({ type: 'bench:noop', n: document.querySelectorAll('input').length }).catch(() => {})\n",
  ),
}

async function launch(withExtension) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'))
  const args = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ]
  if (withExtension) args.push(`--disable-extensions-except=${withExtension}`, `--load-extension=${withExtension}`)
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    headless: true,
    args,
  })
  if (withExtension) await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'))
  return {
    context,
    close: async () => {
      await context.close()
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
    },
  }
}

/** Main-thread time the renderer attributes to the content script during one load, from a trace. */
async function contentScriptTime(context, path) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  const events = []
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value))
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r))
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline'] },
    transferMode: 'ReportEvents',
  })
  await page.goto(`${base}${path}?${Math.random()}`, { waitUntil: 'load' })
  await page.waitForTimeout(700) // the content script scans just after the load event
  await cdp.send('Tracing.end')
  await complete
  await page.close()
  let ms = 0
  for (const e of events) {
    const url = e.args?.data?.url ?? ''
    if (
      e.ph === 'X' &&
      (e.name === 'EvaluateScript' || e.name === 'FunctionCall') &&
      url.startsWith('chrome-extension://') &&
      url.endsWith('/content.js')
    )
      ms += e.dur / 1000
  }
  return ms
}

async function pageMetrics(context, path) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(`${base}${path}?${Math.random()}`, { waitUntil: 'load' })
  await page.waitForTimeout(700)
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name) => metrics.find((m) => m.name === name).value * 1000
  await page.close()
  return { script: get('ScriptDuration'), task: get('TaskDuration') }
}

async function scanInPageWorld(context, path) {
  // The built content script, run in the page's own world with a stub runtime: its first scan, timed.
  const page = await context.newPage()
  await page.goto(`${base}${path}`, { waitUntil: 'load' })
  const ms = await page.evaluate((code) => {
    globalThis.chrome = { runtime: { id: 'bench', sendMessage: () => Promise.resolve() } }
    const script = new Function(code) // compiled outside the timed section: the scan is what is measured
    const start = performance.now()
    script()
    return performance.now() - start
  }, contentJs)
  await page.close()
  return ms
}

async function longTasks(context) {
  const page = await context.newPage()
  await page.goto(`${base}/mutating.html?${Math.random()}`, { waitUntil: 'load' })
  await page.waitForFunction(() => document.title === 'done', null, { timeout: 20_000 })
  await page.waitForTimeout(500)
  const tasks = await page.evaluate(() => window.__longTasks)
  await page.close()
  return tasks
}

const browsers = {
  none: await launch(false),
  empty: await launch(variants.empty),
  query: await launch(variants.query),
  message: await launch(variants.message),
  vigie: await launch(extension),
}
try {
  console.log(
    `Vigie content script, Chromium ${browsers.vigie.context.browser()?.version() ?? ''}, ${RUNS} loads of each page in each browser, medians`,
  )
  console.log(`D. bundle: ${contentJs.length} B, ${gzipSync(contentJs).length} B gzip (budget 8192 B gzip)`)
  for (const { label, path, budget } of PAGES) {
    const own = { empty: [], query: [], message: [], vigie: [] }
    const whole = { none: [], vigie: [] }
    for (let i = 0; i < RUNS; i++) {
      for (const name of Object.keys(own)) own[name].push(await contentScriptTime(browsers[name].context, path))
      for (const name of Object.keys(whole)) whole[name].push(await pageMetrics(browsers[name].context, path))
    }
    const m = (name) => median(own[name])
    const w = (name, key) => median(whole[name].map((x) => x[key]))
    console.log(
      `A. ${label}: content script main-thread time ${fmt(m('vigie'))} Vigie (budget ${budget} ms); floors: ${fmt(m('empty'))} empty script, ${fmt(m('query'))} one query, ${fmt(m('message'))} one query and one message; Vigie beyond that last floor ${fmt(m('vigie') - m('message'))}`,
    )
    console.log(
      `   whole page: script ${fmt(w('none', 'script'))} without, ${fmt(w('vigie', 'script'))} with Vigie; tasks ${fmt(w('none', 'task'))} without, ${fmt(w('vigie', 'task'))} with (ratio ${(w('vigie', 'task') / w('none', 'task')).toFixed(2)})`,
    )
    const scans = []
    for (let i = 0; i < RUNS; i++) scans.push(await scanInPageWorld(browsers.none.context, path))
    console.log(`B. ${label}: Vigie's scan in the page's own world ${fmt(median(scans))}`)
  }
  const lw = await longTasks(browsers.none.context)
  const le = await longTasks(browsers.vigie.context)
  const max = (xs) => (xs.length ? Math.max(...xs) : 0)
  console.log(
    `C. heavy mutation for 3 s: ${lw.length} long tasks without (max ${fmt(max(lw))}), ${le.length} with Vigie (max ${fmt(max(le))})`,
  )
} finally {
  for (const b of Object.values(browsers)) await b.close()
  for (const dir of Object.values(variants)) rmSync(dir, { recursive: true, force: true })
  server.close()
}
