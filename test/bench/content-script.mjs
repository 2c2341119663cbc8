// Measures the content script in real Chromium: `npm run bench:content` (after `npm run build`).
// Not a timed test: it prints figures, comparing the same pages with and without the extension in one run.
// Three browsers side by side: no extension; the built extension with an empty content script (what any content
// script costs: the isolated world, the injection); and Vigie as built.
//  A. main-thread script and task time of a page load (CDP Performance metrics), median of RUNS loads, for: no
//     extension, an empty content script, a content script making one DOM query and sending one message (what any
//     such extension pays), and Vigie;
//  B. the content script's own first scan, run on its own with performance.now() around it, median of RUNS;
//  C. long tasks (over 50 ms) while a page mutates heavily for 3 s;
//  D. the content script bundle, gzipped.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const RUNS = Number(process.env.RUNS ?? 9)
const root = resolve(import.meta.dirname, '../..')
const extension = resolve(root, 'dist/chrome')
const contentJs = readFileSync(join(extension, 'content.js'), 'utf8')

const login = readFileSync(resolve(root, 'test/fixtures/pages/login.html'), 'utf8')
const manyForms = `<!doctype html><title>5000 forms</title><body>${Array.from(
  { length: 5000 },
  (_, i) => `<form method="post" action="/f${i}"><input name="u${i}"><input type="password" name="p${i}"><button>Go</button></form>`,
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
const pages = { '/login.html': login, '/many.html': manyForms, '/mutating.html': mutating }
const server = createServer((req, res) => {
  const body = pages[req.url.split('?')[0]]
  res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html' }).end(body ?? '')
})
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const base = `http://127.0.0.1:${server.address().port}`

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
const fmt = (ms) => `${ms.toFixed(2)} ms`

const emptyScript = mkdtempSync(join(tmpdir(), 'vigie-empty-'))
cpSync(extension, emptyScript, { recursive: true })
writeFileSync(join(emptyScript, 'content.js'), ';\n')
// A content script that makes one DOM query and sends one message: the floor for any extension that reads a page
// and reports it (the isolated world's DOM bindings and messaging are set up on first use).
const messageOnly = mkdtempSync(join(tmpdir(), 'vigie-message-'))
cpSync(extension, messageOnly, { recursive: true })
writeFileSync(
  join(messageOnly, 'content.js'),
  "chrome.runtime.sendMessage({ type: 'bench:noop', n: document.querySelectorAll('input').length }).catch(() => {})\n",
)

async function launch(withExtension) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-'))
  const args = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
  if (withExtension) args.push(`--disable-extensions-except=${withExtension}`, `--load-extension=${withExtension}`)
  const context = await chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium', headless: true, args })
  if (withExtension) await (context.serviceWorkers()[0] ?? context.waitForEvent('serviceworker'))
  return { context, close: async () => { await context.close(); rmSync(dir, { recursive: true, force: true, maxRetries: 5 }) } }
}

async function loadMetrics(context, path) {
  const page = await context.newPage()
  const cdp = await context.newCDPSession(page)
  await cdp.send('Performance.enable')
  await page.goto(`${base}${path}?${Math.random()}`, { waitUntil: 'load' })
  await page.waitForTimeout(800) // the content script runs at document_idle, then sends once
  const { metrics } = await cdp.send('Performance.getMetrics')
  const get = (name) => metrics.find((m) => m.name === name).value * 1000
  const result = { script: get('ScriptDuration'), task: get('TaskDuration') }
  await page.close()
  return result
}

async function firstScan(context, path) {
  // The built content script, run in the page with a stub runtime: its synchronous first scan, timed.
  const page = await context.newPage()
  await page.goto(`${base}${path}`, { waitUntil: 'load' })
  const ms = await page.evaluate((code) => {
    globalThis.chrome = { runtime: { id: 'bench', sendMessage: () => Promise.resolve() } }
    // Run the idle-time scan at once, inside the timed section.
    const idle = window.requestIdleCallback
    window.requestIdleCallback = (fn) => fn()
    const script = new Function(code) // compiled outside the timed section: the scan is what is measured
    const start = performance.now()
    script()
    const ms = performance.now() - start
    window.requestIdleCallback = idle
    return ms
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

const without = await launch(false)
const empty = await launch(emptyScript)
const messaging = await launch(messageOnly)
const withExt = await launch(extension)
try {
  console.log(`Vigie content script, Chromium ${withExt.context.browser()?.version() ?? ''}, ${RUNS} runs, medians`)
  console.log(`D. bundle: ${contentJs.length} B, ${gzipSync(contentJs).length} B gzip (budget 8192 B gzip)`)
  for (const [label, path] of [['typical login page', '/login.html'], ['5,000 forms', '/many.html']]) {
    const a = [], e = [], g = [], b = []
    for (let i = 0; i < RUNS; i++) {
      a.push(await loadMetrics(without.context, path))
      e.push(await loadMetrics(empty.context, path))
      g.push(await loadMetrics(messaging.context, path))
      b.push(await loadMetrics(withExt.context, path))
    }
    const m = (xs, k) => median(xs.map((x) => x[k]))
    console.log(`A. ${label}: script time ${fmt(m(a, 'script'))} no extension, ${fmt(m(e, 'script'))} empty content script, ${fmt(m(g, 'script'))} one query and one message, ${fmt(m(b, 'script'))} Vigie (Vigie beyond that floor: ${fmt(m(b, 'script') - m(g, 'script'))})`)
    console.log(`   main-thread tasks ${fmt(m(a, 'task'))} / ${fmt(m(e, 'task'))} / ${fmt(m(b, 'task'))}; Vigie / no extension = ${(m(b, 'task') / m(a, 'task')).toFixed(2)}, Vigie / empty script = ${(m(b, 'task') / m(e, 'task')).toFixed(2)}`)
    const scans = []
    for (let i = 0; i < RUNS; i++) scans.push(await firstScan(without.context, path))
    console.log(`B. ${label}: first scan ${fmt(median(scans))} (budget ${path === '/login.html' ? '1 ms' : '15 ms'})`)
  }
  const lw = await longTasks(without.context)
  const le = await longTasks(withExt.context)
  const max = (xs) => (xs.length ? Math.max(...xs) : 0)
  console.log(`C. heavy mutation for 3 s: ${lw.length} long tasks without (max ${fmt(max(lw))}), ${le.length} with Vigie (max ${fmt(max(le))})`)
} finally {
  await empty.close()
  await messaging.close()
  rmSync(emptyScript, { recursive: true, force: true })
  rmSync(messageOnly, { recursive: true, force: true })
  await without.close()
  await withExt.close()
  server.close()
}
