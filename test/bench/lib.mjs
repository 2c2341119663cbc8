// Shared by the benchmarks: statistics, local http/https servers with a test CA, browsers with fresh profiles,
// and copies of the built extension changed for comparison. Not a test: benchmarks print figures.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer as createHttp } from 'node:http'
import { createServer as createHttps } from 'node:https'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { makeCa as makeTestCa } from '../support/ca.mjs'

export const root = resolve(import.meta.dirname, '../..')
/** The builds to measure: dist/ by default; VIGIE_DIST=/some/dist measures another build (an older commit's). */
export const dist = resolve(process.env.VIGIE_DIST ?? join(root, 'dist'))
/** A second build measured side by side with the first, as "before" (e.g. a copy of dist/ built from main). */
export const before = process.env.VIGIE_BEFORE ? resolve(process.env.VIGIE_BEFORE) : null
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium'
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr'

// ---- statistics ----
export const sorted = (xs) => [...xs].sort((a, b) => a - b)
export function quantile(xs, q) {
  const s = sorted(xs)
  if (s.length === 0) return NaN
  const i = (s.length - 1) * q
  const lo = Math.floor(i)
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (i - lo)
}
export const median = (xs) => quantile(xs, 0.5)
export const p90 = (xs) => quantile(xs, 0.9)

/** A seeded generator, so that a run's intervals do not move when printed twice. */
function random(seed = 42) {
  let s = seed >>> 0
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32
}
const resample = (xs, rnd) => xs.map(() => xs[Math.floor(rnd() * xs.length)])

/** Ratio of medians a/b with a 95 % percentile-bootstrap interval (each sample resampled on its own). */
export function ratio(a, b, iterations = 2000) {
  const rnd = random()
  const rs = []
  for (let i = 0; i < iterations; i++) rs.push(median(resample(a, rnd)) / median(resample(b, rnd)))
  return { value: median(a) / median(b), low: quantile(rs, 0.025), high: quantile(rs, 0.975) }
}
/**
 * The median of the per-round ratios a[i]/b[i], with a 95 % bootstrap interval that resamples whole rounds: the
 * variants of one round load one after another, so a slow moment of the machine slows them alike and cancels out.
 */
export function pairedRatio(a, b, iterations = 2000) {
  return medianOf(
    a.map((x, i) => x / b[i]),
    iterations,
  )
}
/** The median of xs with a 95 % percentile-bootstrap interval. */
export function medianOf(xs, iterations = 2000) {
  const rnd = random()
  const ms = []
  for (let i = 0; i < iterations; i++) ms.push(median(resample(xs, rnd)))
  return { value: median(xs), low: quantile(ms, 0.025), high: quantile(ms, 0.975) }
}
/** Difference of medians a-b with a 95 % bootstrap interval. */
export function difference(a, b, iterations = 2000) {
  const rnd = random()
  const ds = []
  for (let i = 0; i < iterations; i++) ds.push(median(resample(a, rnd)) - median(resample(b, rnd)))
  return { value: median(a) - median(b), low: quantile(ds, 0.025), high: quantile(ds, 0.975) }
}
export const fmtRatio = (r) => `${r.value.toFixed(3)}× [${r.low.toFixed(3)}–${r.high.toFixed(3)}]`
export const fmtDiff = (d) =>
  `${d.value >= 0 ? '+' : ''}${d.value.toFixed(1)} ms [${d.low.toFixed(1)} – ${d.high.toFixed(1)}]`
export const ms = (x) => `${x.toFixed(1)} ms`

export function shuffle(xs, rnd = Math.random) {
  const a = [...xs]
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1))
    ;[a[i], a[j]] = [a[j], a[i]]
  }
  return a
}

// ---- servers ----
/** A test CA and a leaf for 127.0.0.1 / localhost (test/support/ca.mjs, as the browser tests make theirs). */
export function makeCa() {
  const ca = makeTestCa({ name: 'Vigie Bench CA', days: 2, prefix: 'vigie-bench-ca-' })
  const leaf = ca.issue('leaf', { days: 1 })
  return { dir: ca.dir, caPem: ca.rootFile, key: leaf.key, cert: leaf.cert + ca.rootPem }
}

/** Serves `pages` ({ '/path': { body, headers } }) over http and https on 127.0.0.1. */
export async function serve(pages) {
  const ca = makeCa()
  const handler = (req, res) => {
    const page = pages[(req.url ?? '/').split('?')[0]]
    if (!page) return void res.writeHead(404).end()
    res
      .writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        ...(page.headers ?? {}),
      })
      .end(page.body)
  }
  const http = createHttp(handler)
  const https = createHttps({ key: ca.key, cert: ca.cert }, handler)
  const listen = (s) => new Promise((r) => s.listen(0, '127.0.0.1', () => r(s.address().port)))
  const [hp, sp] = await Promise.all([listen(http), listen(https)])
  return {
    http: `http://127.0.0.1:${hp}`,
    https: `https://localhost:${sp}`,
    ca,
    async close() {
      http.closeAllConnections()
      https.closeAllConnections()
      await Promise.all([new Promise((r) => http.close(r)), new Promise((r) => https.close(r))])
      rmSync(ca.dir, { recursive: true, force: true })
    },
  }
}

// ---- variants of the built extension ----
const made = []
/** A copy of a built extension (dist/chrome or dist/firefox), changed by `edit(dir)`. */
export function variant(from, edit) {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-variant-'))
  cpSync(from, dir, { recursive: true })
  edit(dir)
  made.push(dir)
  return dir
}
/** The extension with an empty content script: what injecting any content script costs. */
export const emptyContentScript = (from) => variant(from, (dir) => writeFileSync(join(dir, 'content.js'), ';\n'))
/**
 * An extension with nothing but an empty content script, declared as Vigie declares its own (no background, no
 * permission): the floor of injecting a content script alone, apart from any background work.
 */
export function bareContentScript(from) {
  return variant(from, (dir) => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))
    writeFileSync(join(dir, 'content.js'), ';\n')
    const bare = {
      manifest_version: 3,
      name: 'Bench: empty content script',
      version: '1.0',
      content_scripts: manifest.content_scripts,
      host_permissions: manifest.host_permissions,
      ...(manifest.browser_specific_settings
        ? {
            browser_specific_settings: {
              gecko: { ...manifest.browser_specific_settings.gecko, id: 'bench-bare@vigie.dev' },
            },
          }
        : {}),
    }
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(bare))
    rmSync(join(dir, '_locales'), { recursive: true, force: true }) // no default_locale here
  })
}
/** The same extension with its content script declared at document_idle (the default) rather than as built. */
export function atDocumentIdle(from) {
  return variant(from, (dir) => {
    const path = join(dir, 'manifest.json')
    const manifest = JSON.parse(readFileSync(path, 'utf8'))
    for (const script of manifest.content_scripts) script.run_at = 'document_idle'
    writeFileSync(path, JSON.stringify(manifest))
  })
}
/** A copy of a built extension whose background first runs `prelude` (a module, before the extension's own code). */
export const withPrelude = (from, prelude) =>
  variant(from, (dir) => {
    writeFileSync(join(dir, 'bench-prelude.js'), prelude)
    const loader = join(dir, 'service-worker-loader.js')
    writeFileSync(loader, `import './bench-prelude.js';\n${readFileSync(loader, 'utf8')}`)
  })
/** The extension with its network listeners (webRequest) never registered: what the rest of its background costs. */
export const withoutNetworkListeners = (from) =>
  withPrelude(
    from,
    `const ns = typeof browser !== 'undefined' && browser.runtime?.id ? browser : chrome
for (const event of Object.values(ns.webRequest))
  if (event && typeof event.addListener === 'function')
    Object.defineProperty(event, 'addListener', { configurable: true, value: () => {} })
`,
  )
/**
 * Firefox: the extension with its onHeadersReceived listeners registered without 'blocking' (getSecurityInfo then
 * finds nothing): the same background minus the hold of the https document.
 */
export const withoutBlocking = (from) =>
  withPrelude(
    from,
    `const event = browser.webRequest.onHeadersReceived
const add = event.addListener.bind(event)
Object.defineProperty(event, 'addListener', {
  configurable: true,
  value: (listener, filter, extra = []) => add((details) => void listener(details), filter, extra.filter((x) => x !== 'blocking')),
})
`,
  )
export function cleanVariants() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
}

// ---- browsers ----
export async function launchChromium(extensionDir, { args = [] } = {}) {
  const { chromium } = await import('playwright-core')
  const dir = mkdtempSync(join(tmpdir(), 'vigie-bench-profile-'))
  const flags = [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...args,
  ]
  if (extensionDir) flags.push(`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`)
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: flags })
  return {
    context,
    async worker() {
      return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'))
    },
    async close() {
      await context.close().catch(() => {})
      rmSync(dir, { recursive: true, force: true, maxRetries: 5 })
    },
  }
}

/** The add-on id a Firefox build declares (one definition: src/companion/ids.ts, written into the manifest). */
function geckoIdOf(extensionDir) {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8'))
  return manifest.browser_specific_settings.gecko.id
}

/** Firefox ESR over WebDriver BiDi with a fresh profile that trusts the CA; the extension installed if given. */
export async function launchFirefox(extensionDir, caPem, uuid = '6c1f3b6e-3f5e-4c55-9d3c-0a11e1b2c3d4') {
  const { default: puppeteer } = await import('puppeteer-core')
  const profile = mkdtempSync(join(tmpdir(), 'vigie-bench-firefox-'))
  execFileSync('certutil', ['-N', '-d', `sql:${profile}`, '--empty-password'])
  if (caPem) execFileSync('certutil', ['-A', '-d', `sql:${profile}`, '-n', 'Vigie bench CA', '-t', 'C,,', '-i', caPem])
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify(extensionDir ? { [geckoIdOf(extensionDir)]: uuid } : {}),
      'dom.security.https_first': false,
      'browser.shell.checkDefaultBrowser': false,
      // Timings to the tenth of a millisecond rather than whole ones.
      'privacy.reduceTimerPrecision': false,
    },
  })
  if (extensionDir) await browser.installExtension(extensionDir)
  return {
    browser,
    origin: `moz-extension://${uuid}`,
    async close() {
      await browser.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true, maxRetries: 5 })
    },
  }
}

/** moz-extension pages: page.goto never resolves for them; BiDi navigate on the frame does. */
export async function navigateFirefox(page, url) {
  await page.mainFrame().browsingContext.navigate(url, 'complete')
}

export const readFixture = (path) => readFileSync(join(root, path), 'utf8')
