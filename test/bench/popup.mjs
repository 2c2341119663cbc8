/* global chrome */
// The popup in real Chromium: time from opening to the report on screen (performance mark "vigie:ready"), median
// of RUNS opens, and the gzipped size of what the popup loads. `npm run bench:popup` after `npm run build`.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
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
const context = await chromium.launchPersistentContext(dir, {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
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
  const times = []
  for (let i = 0; i < RUNS; i++) {
    const popup = await context.newPage()
    await popup.setViewportSize({ width: 360, height: 600 })
    await popup.goto(`chrome-extension://${id}/popup.html?tab=${tabId}`)
    await popup.waitForSelector('[data-grade]')
    times.push(await popup.evaluate(() => performance.getEntriesByName('vigie:ready')[0]?.startTime ?? NaN))
    await popup.close()
  }
  times.sort((a, b) => a - b)
  console.log(
    `popup ready: median ${times[Math.floor(RUNS / 2)].toFixed(1)} ms, worst ${times.at(-1).toFixed(1)} ms over ${RUNS} opens (budget 100 ms)`,
  )
  console.log(`popup bundle: ${total} B gzip (budget 25600 B): ${sizes.map((s) => `${s.file} ${s.gzip} B`).join(', ')}`)
} finally {
  await context.close()
  rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
  server.close()
}
