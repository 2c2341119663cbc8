/* global chrome */
// The popup in real Chromium: time from opening to the report on screen (performance mark "vigie:ready"), median
// of RUNS opens, beside a floor opened in turn with it: an extension page of the same copy of the build whose one
// module script marks "vigie:ready" at once (what any extension page costs here before Vigie's code does anything).
// And the gzipped size of what the popup loads. `npm run bench:popup` after `npm run build`.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { chromium } from 'playwright-core'

const RUNS = Number(process.env.RUNS ?? 15)
const root = resolve(import.meta.dirname, '../..')
const extension = resolve(root, 'dist/chrome')

// What popup.html loads: its scripts and stylesheets, and the chunks they import.
const html = readFileSync(join(extension, 'popup.html'), 'utf8')
const files = new Set([...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]))
for (const file of [...files]) {
  for (const m of readFileSync(join(extension, file), 'utf8').matchAll(
    /from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g,
  )) {
    files.add(join(file.replace(/[^/]+$/, ''), m[1] ?? m[2]))
  }
}
const sizes = [...files].map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(extension, f))).length }))
const total = sizes.reduce((n, s) => n + s.gzip, 0)

const login = readFileSync(resolve(root, 'test/fixtures/pages/login.html'), 'utf8')
const server = createServer((q, r) => r.writeHead(200, { 'Content-Type': 'text/html' }).end(login))
await new Promise((r) => server.listen(0, '127.0.0.1', r))
const dir = mkdtempSync(join(tmpdir(), 'vigie-popup-'))
// A copy of the build with the floor page added (the build itself is never touched).
const loaded = join(dir, 'extension')
cpSync(extension, loaded, { recursive: true })
writeFileSync(
  join(loaded, 'floor.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title><script type="module" src="/floor.js"></script></head><body><main id="app" data-grade>F</main></body></html>',
)
writeFileSync(join(loaded, 'floor.js'), "performance.mark('vigie:ready')\n")
const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', `--disable-extensions-except=${loaded}`, `--load-extension=${loaded}`],
})
try {
  const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
  const id = new URL(sw.url()).host
  const page = await context.newPage()
  await page.goto(`http://127.0.0.1:${server.address().port}/login.html`)
  await page.waitForTimeout(1000)
  const tabId = await sw.evaluate(
    async () => (await chrome.tabs.query({})).find((t) => t.url?.includes('login.html'))?.id,
  )
  const open = async (path) => {
    const page = await context.newPage()
    await page.setViewportSize({ width: 360, height: 600 })
    await page.goto(`chrome-extension://${id}/${path}`)
    await page.waitForSelector('[data-grade]')
    const ready = await page.evaluate(() => performance.getEntriesByName('vigie:ready')[0]?.startTime ?? NaN)
    await page.close()
    return ready
  }
  const times = { popup: [], floor: [] }
  const ratios = []
  for (let i = 0; i < RUNS; i++) {
    // In turn, in a random order each round: the machine's slow moments fall on both.
    const order = Math.random() < 0.5 ? ['popup', 'floor'] : ['floor', 'popup']
    const round = {}
    for (const which of order) round[which] = await open(which === 'popup' ? `popup.html?tab=${tabId}` : 'floor.html')
    times.popup.push(round.popup)
    times.floor.push(round.floor)
    ratios.push(round.popup / round.floor)
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const spread = (xs) => `${Math.min(...xs).toFixed(1)}-${Math.max(...xs).toFixed(1)}`
  console.log(
    `popup ready: median ${med(times.popup).toFixed(1)} ms (${spread(times.popup)}) over ${RUNS} opens; floor (an empty extension page): median ${med(times.floor).toFixed(1)} ms (${spread(times.floor)})`,
  )
  console.log(
    `popup above the floor: median ${(med(times.popup) - med(times.floor)).toFixed(1)} ms; per-round ratio popup/floor median ${med(ratios).toFixed(2)}× (${spread(ratios)})`,
  )
  console.log(`popup bundle: ${total} B gzip (budget 25600 B): ${sizes.map((s) => `${s.file} ${s.gzip} B`).join(', ')}`)
} finally {
  await context.close()
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
  server.close()
}
