/**
 * The companion in people's hands and safe by construction (issues #19 and #21), in real browsers: the setup
 * page's live check, the "forbidden" state, a name the browser and the system resolve differently, the cap on
 * automatic scans, and (Firefox) a page reached through a proxy. The companion is today's, installed by the real
 * installer into the test profile or HOME; a recording launcher in front of it keeps every request the browser
 * sent, so the tests read what the extension asked for, not only what the popup says.
 */
import { lookup } from 'node:dns/promises'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { axeViolations, poll, warmUp, type ExtensionBrowser, type Look, type PageHandle } from './harness/types.ts'
import { startSites, type TestSites } from './servers.ts'

/** Where the browser under test reads host manifests: filled in by its launcher before the browser starts. */
export interface CompanionPlaces {
  /** Chromium's --user-data-dir and the extension's id. */
  profile?: string
  extensionId?: string
  /** Firefox's HOME. */
  home?: string
}

export interface CompanionLaunch {
  sites: TestSites
  places: CompanionPlaces
  look?: Look
  /** Firefox: reach https pages through this local proxy. */
  proxyPort?: number
}

export interface CompanionBrowserKit {
  launch(setup: CompanionLaunch): Promise<ExtensionBrowser>
  /** Installs today's companion with the real installer; returns the host manifest it wrote. */
  install(places: CompanionPlaces): string
  /** Leaves the companion installed but not allowing this extension (another id). */
  allowAnother(places: CompanionPlaces, manifest: string): void
}

/** Names the tests' browsers resolve to 127.0.0.1 (Chromium: *.example.test; Firefox: network.dns.localDomains). */
export const REBIND_HOST = 'rebind.example.test'
export const HOP_HOSTS = Array.from({ length: 18 }, (_, i) => `hop${i + 1}.example.test`)
export const PROXIED_HOST = 'proxied.example.test'

/**
 * Puts a launcher in front of the companion that appends every frame the browser sends it to a file, then runs
 * the real one: what the extension asked for, as the companion received it.
 */
function recordRequests(manifestPath: string): {
  requests(): Record<string, unknown>[]
  /** The most requests the companion worked on at once (from a process's start to its reply, marked by the shim). */
  mostAtOnce(): number
  /** Resolves once no companion has started or ended for `forMs` and none runs (or after `timeoutMs`). */
  quiet(forMs: number, timeoutMs: number): Promise<void>
  close(): void
} {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-recorder-'))
  const log = join(dir, 'frames.bin')
  const lives = join(dir, 'lives.txt')
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { path: string }
  // The shim logs each request, marks a process's start, and marks its end when its reply is complete, before the
  // browser gets the reply: so the next request the reply lets through never counts as running at the same time as
  // a process that is only exiting.
  const shim = join(dir, 'record.cjs')
  writeFileSync(
    shim,
    [
      `#!${process.execPath}`,
      "const { spawn } = require('node:child_process')",
      "const { appendFileSync } = require('node:fs')",
      `const [log, lives, host] = ${JSON.stringify([log, lives, manifest.path])}`,
      "appendFileSync(lives, '+\\n')",
      "const child = spawn(host, process.argv.slice(2), { stdio: ['pipe', 'pipe', 'inherit'] })",
      "process.stdin.on('data', (d) => { appendFileSync(log, d); child.stdin.write(d) })",
      "process.stdin.on('end', () => child.stdin.end())",
      "child.stdin.on('error', () => {})",
      "process.stdout.on('error', () => {})",
      'let reply = Buffer.alloc(0)',
      'let ended = false',
      "const end = () => { if (!ended) { ended = true; appendFileSync(lives, '-\\n') } }",
      "child.stdout.on('data', (d) => {",
      '  reply = Buffer.concat([reply, d])',
      '  if (reply.length >= 4 && reply.length >= 4 + reply.readUInt32LE(0)) end()',
      '  process.stdout.write(d)',
      '})',
      "child.on('exit', (code) => { end(); process.exitCode = code ?? 1 })",
      '',
    ].join('\n'),
  )
  chmodSync(shim, 0o755)
  writeFileSync(manifestPath, JSON.stringify({ ...manifest, path: shim }))
  return {
    requests() {
      if (!existsSync(log)) return []
      const bytes = readFileSync(log)
      const out: Record<string, unknown>[] = []
      for (let at = 0; at + 4 <= bytes.length;) {
        const length = bytes.readUInt32LE(at)
        if (at + 4 + length > bytes.length) break // a frame still being written
        out.push(JSON.parse(bytes.subarray(at + 4, at + 4 + length).toString('utf8')) as Record<string, unknown>)
        at += 4 + length
      }
      return out
    },
    mostAtOnce() {
      if (!existsSync(lives)) return 0
      let now = 0
      let most = 0
      for (const mark of readFileSync(lives, 'utf8').split('\n')) {
        if (mark === '+') most = Math.max(most, ++now)
        if (mark === '-') now--
      }
      return most
    },
    async quiet(forMs, timeoutMs) {
      const marks = () => (existsSync(lives) ? readFileSync(lives, 'utf8') : '')
      const end = Date.now() + timeoutMs
      let seen = marks()
      let since = Date.now()
      while (Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100))
        const now = marks()
        if (now !== seen) [seen, since] = [now, Date.now()]
        const running = [...now].filter((c) => c === '+').length - [...now].filter((c) => c === '-').length
        if (running === 0 && Date.now() - since >= forMs) return
      }
    },
    close: () => rmSync(dir, { recursive: true, force: true }),
  }
}

/** A plain HTTP proxy that tunnels CONNECT to 127.0.0.1, whatever name it is asked for (as a real proxy resolves). */
async function startProxy(): Promise<{ port: number; connects: string[]; close(): Promise<void> }> {
  const connects: string[] = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((client) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.once('data', (head) => {
      const line = head.toString('latin1').split('\r\n')[0] ?? ''
      const match = /^CONNECT ([^\s:]+):(\d+) HTTP/.exec(line)
      if (!match) return client.end('HTTP/1.1 405 Method Not Allowed\r\n\r\n')
      connects.push(`${match[1]}:${match[2]}`)
      const upstream = connect(Number(match[2]), '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
        upstream.pipe(client)
        client.pipe(upstream)
      })
      sockets.add(upstream)
      upstream.on('close', () => sockets.delete(upstream))
      upstream.on('error', () => client.destroy())
      client.on('error', () => upstream.destroy())
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return {
    port: (server.address() as AddressInfo).port,
    connects,
    close: () =>
      new Promise((done) => {
        sockets.forEach((s) => s.destroy())
        server.close(() => done())
      }),
  }
}

const COMPANION_STATE = `document.querySelector('[data-companion]')?.getAttribute('data-companion') ?? 'none'`
const SCANNER_STATE = `document.querySelector('[data-scanner]')?.getAttribute('data-scanner') ?? 'none-shown'`

function useCompanionBrowser(kit: CompanionBrowserKit, options: { proxy?: boolean } = {}) {
  const env = {} as {
    sites: TestSites
    browser: ExtensionBrowser
    places: CompanionPlaces
    proxy?: Awaited<ReturnType<typeof startProxy>>
  }
  beforeAll(async () => {
    env.sites = await startSites()
    env.places = {}
    if (options.proxy) env.proxy = await startProxy()
    env.browser = await kit.launch({
      sites: env.sites,
      places: env.places,
      ...(env.proxy ? { proxyPort: env.proxy.port } : {}),
    })
    await warmUp(env.browser, `${env.sites.http}/plain.html`)
  }, 150_000)
  afterAll(async () => {
    await env.browser?.close()
    await env.sites?.close()
    await env.proxy?.close()
  })
  return env
}

/** The https test site under another name, same port. */
const at = (sites: TestSites, host: string, path: string) => `${sites.https.replace('localhost', host)}${path}`

export function companionScenarios(name: string, kit: CompanionBrowserKit): void {
  const firefox = name.toLowerCase().includes('firefox')

  describe(`${name}: setting up the companion`, () => {
    const env = useCompanionBrowser(kit)

    it('the setup page, opened before the companion is installed, turns to "Connected" by itself once it is, without a reload', async () => {
      const { browser, places } = env
      const { page } = await browser.extensionPage('setup.html', 'setup-before-install', '[data-companion="missing"]')
      const text = await page.text()
      expect(text).toContain('Set up Vigie’s companion')
      expect(text).toMatch(firefox ? /vigie@vigie\.dev/ : new RegExp(`--extension-id ${places.extensionId}`))
      expect(text).toMatch(/sudo apt install \.\/vigie-companion_\d+\.\d+\.\d+_all\.deb/)
      expect(text).toMatch(/This computer: Linux \(x86-64\)/)
      expect(await axeViolations(page)).toEqual([])
      await page.evaluateSource('window.__sameDocument = true')
      const manifest = kit.install(places)
      const installed = Date.now()
      const state = await poll(
        () => page.evaluateSource(COMPANION_STATE),
        (s) => s === 'working',
        10_000,
      )
      const tookMs = Date.now() - installed
      console.log(`${name}: the setup page said "Connected" ${tookMs} ms after the companion was installed`)
      // The page asks every second: about a second on a quiet machine (how long is printed above, not asserted).
      expect(state).toBe('working')
      expect(await page.text('[data-companion]')).toMatch(/^Connected: version \d+\.\d+\.\d+/)
      expect(await page.evaluateSource('window.__sameDocument === true')).toBe(true)
      expect(existsSync(manifest)).toBe(true)
      await page.screenshot('setup-connected')
      // The options page shows the companion's state and version, and the way to the setup page.
      const options = await browser.extensionPage('options.html', 'options-companion', '[data-companion="working"]')
      expect(await options.page.text('[data-companion-card]')).toMatch(/Connected: version \d/)
      expect(
        await options.page.evaluate(() =>
          document.querySelector('[data-companion-card] a[data-action="setup"]')?.getAttribute('href'),
        ),
      ).toBe('setup.html')
      await options.page.close()
      await page.close()
    })

    it("a page whose name the browser and the system resolve differently: the scan request names the browser's address", async () => {
      const { browser, places, sites } = env
      // The system cannot resolve the name at all: a companion that looked it up itself would find nothing.
      await expect(lookup(REBIND_HOST)).rejects.toThrow()
      const manifest = kit.install(places)
      const recorder = recordRequests(manifest)
      try {
        const tab = await browser.open(at(sites, REBIND_HOST, '/login.html'))
        const requests = await poll(
          async () => recorder.requests().filter((r) => r.type === 'scan'),
          (r) => r.length > 0,
          10_000,
        )
        const port = Number(new URL(sites.https).port)
        expect(requests).toEqual([{ type: 'scan', host: REBIND_HOST, port, address: '127.0.0.1' }])
        const { page } = await browser.extensionPage(`popup.html?tab=${tab}`, 'scanner-rebind', '[data-scanner]')
        await page.close()
      } finally {
        recorder.close()
      }
    })
  })

  describe(`${name}: a companion that does not allow this copy of Vigie`, () => {
    const env = useCompanionBrowser(kit)

    it(
      firefox
        ? 'says it is not found, or does not allow vigie@vigie.dev (Firefox does not say which)'
        : 'says it is installed but forbidden, with the id to allow and the command',
      async () => {
        const { browser, places } = env
        kit.allowAnother(places, kit.install(places))
        const { page } = await browser.extensionPage(
          'setup.html',
          'setup-forbidden',
          '[data-companion="missing"], [data-companion="forbidden"]',
        )
        const text = await page.text('[data-companion]')
        if (firefox) {
          expect(await page.evaluateSource(COMPANION_STATE)).toBe('missing')
          expect(text).toMatch(/without allowing Vigie’s id vigie@vigie\.dev \(Firefox does not say which\)/)
        } else {
          expect(await page.evaluateSource(COMPANION_STATE)).toBe('forbidden')
          expect(text).toContain(`does not allow this copy of Vigie (id ${places.extensionId})`)
          expect(await page.text('[data-companion] [data-command]')).toBe(
            `npx vigie-companion install --extension-id ${places.extensionId}`,
          )
          // The popup says the same, with no Scan button.
          const tab = await browser.open(`${env.sites.https}/login.html`)
          const popup = await browser.extensionPage(
            `popup.html?tab=${tab}`,
            'scanner-forbidden',
            '[data-scanner="forbidden"]',
          )
          expect(await popup.page.text('[data-scanner] [data-command]')).toBe(
            `npx vigie-companion install --extension-id ${places.extensionId}`,
          )
          expect(await popup.page.text('[data-scanner] [data-action="rescan"]')).toBe('Check again')
          expect(await axeViolations(popup.page)).toEqual([])
          await popup.page.close()
        }
        await page.close()
      },
    )
  })

  describe(`${name}: the cap on automatic scans`, () => {
    const env = useCompanionBrowser(kit)

    it('pages that hop across hosts start no more scans than the cap: one at a time, six a minute; the popup says one waits', async () => {
      const { browser, places, sites } = env
      const recorder = recordRequests(kit.install(places))
      const scans = () => recorder.requests().filter((r) => r.type === 'scan')
      try {
        // One tab hopping across nine hosts: the scans of pages it left are dropped while they wait.
        const hopping = await browser.open(at(sites, HOP_HOSTS[0]!, '/login.html'))
        for (const host of HOP_HOSTS.slice(1, 9)) await browser.navigate(hopping, at(sites, host, '/login.html'))
        await browser.closeTab(hopping)
        // A scan that took its slot before the tab moved on still runs (its request is written after the companion's
        // hello); the rest were dropped. Wait until the companion is quiet before counting.
        await recorder.quiet(1_500, 15_000)
        const afterHops = scans().length
        // Nine tabs opened at once on nine more hosts, all kept open: six scans in the minute, the rest wait.
        const tabs: number[] = []
        for (const host of HOP_HOSTS.slice(9)) tabs.push(await browser.open(at(sites, host, '/login.html')))
        const started = await poll(
          async () => scans().length,
          (n) => n >= 6,
          30_000,
        )
        await new Promise((r) => setTimeout(r, 2_000))
        console.log(
          `${name}: one tab over 9 hosts started ${afterHops} scans; with 9 more tabs, ${scans().length} in all (${started} when first seen)`,
        )
        // One tab over nine hosts: most of its scans were dropped (how many started depends on how fast pages load).
        expect(afterHops).toBeLessThan(9)
        expect(scans().length).toBe(6)
        // One at a time: never two companions running together (hello and scan run one after the other).
        expect(recorder.mostAtOnce()).toBe(1)
        const popup = await browser.extensionPage(`popup.html?tab=${tabs.at(-1)!}`, 'scanner-waiting', '[data-scanner]')
        expect(await popup.page.evaluateSource(SCANNER_STATE)).toBe('waiting')
        expect(await popup.page.text('[data-scanner]')).toMatch(/Waiting its turn/)
        await popup.page.close()
      } finally {
        recorder.close()
      }
    }, 90_000)
  })

  if (firefox) {
    describe(`${name}: a page reached through a proxy`, () => {
      const env = useCompanionBrowser(kit, { proxy: true })

      it('gets no automatic scan; the popup says why, warns plainly, and scans only on request', async () => {
        const { browser, places, sites, proxy } = env as typeof env & { proxy: NonNullable<typeof env.proxy> }
        const recorder = recordRequests(kit.install(places))
        try {
          const tab = await browser.open(at(sites, PROXIED_HOST, '/login.html'))
          expect(proxy.connects.some((c) => c.startsWith(`${PROXIED_HOST}:`))).toBe(true)
          const { page } = await browser.extensionPage(
            `popup.html?tab=${tab}`,
            'scanner-proxied',
            '[data-scanner="proxied"]',
          )
          await new Promise((r) => setTimeout(r, 1_500))
          expect(recorder.requests().filter((r) => r.type === 'scan')).toEqual([])
          expect(await page.text('[data-scanner]')).toMatch(/reached this site through a proxy/)
          expect(await page.text('[data-warning="proxy"]')).toMatch(/would not go through your proxy/)
          expect(await axeViolations(page)).toEqual([])
          await page.click('[data-action="rescan"]')
          const scans = await poll(
            async () => recorder.requests().filter((r) => r.type === 'scan'),
            (r) => r.length > 0,
            10_000,
          )
          // Asked for by the user: no address (the one the browser used was the proxy's), so the request says resolve.
          expect(scans).toEqual([
            { type: 'scan', host: PROXIED_HOST, port: Number(new URL(sites.https).port), resolve: true },
          ])
          await page.close()
        } finally {
          recorder.close()
        }
      })
    })
  }
}

/** The setup page's screenshots in English and French, light and dark (looked at by a person). */
export function setupLookScenarios(name: string, kit: CompanionBrowserKit): void {
  describe(`${name}: the setup page's looks`, () => {
    let sites: TestSites
    beforeAll(async () => {
      sites = await startSites()
    })
    afterAll(async () => {
      await sites?.close()
    })
    for (const locale of ['en', 'fr'] as const) {
      for (const scheme of ['light', 'dark'] as const) {
        it(`in ${locale === 'en' ? 'English' : 'French'}, ${scheme}`, async () => {
          const browser = await kit.launch({ sites, places: {}, look: { locale, scheme } })
          try {
            const { page, text } = await browser.extensionPage(
              'setup.html',
              `setup-${locale}-${scheme}`,
              '[data-companion="missing"]',
            )
            expect(text).toContain(locale === 'fr' ? 'Installer le compagnon de Vigie' : 'Set up Vigie’s companion')
            expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
              scheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(255, 255, 255)',
            )
            expect(await axeViolations(page)).toEqual([])
            await (page as PageHandle).close()
          } finally {
            await browser.close()
          }
        }, 120_000)
      }
    }
  })
}
