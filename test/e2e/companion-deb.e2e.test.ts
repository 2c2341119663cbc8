/**
 * The Debian package (issue #19): built with the published ids plus this test's own Chrome key, installed with
 * `dpkg -i` (root, as CI runs), found by Chromium and Firefox through the system-wide manifests alone (fresh
 * profiles, a throw-away HOME: no per-user manifest anywhere), then `dpkg -r` leaves nothing behind.
 * This test changes the machine: run it under the e2e lock (BRIEF.md), and it removes the package in afterAll
 * whatever happened.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildDeb, DEB_PREFIX, SYSTEM_MANIFEST_DIRS, VERSION } from '../../scripts/package-companion.mjs'
import { COMPANION_NAME, COMPANION_VERSION } from '../../src/companion/protocol.ts'
import { talk } from '../companion/host.ts'
import { launchChromium } from './harness/chromium.ts'
import { GECKO_ID, launchFirefox } from './harness/firefox.ts'
import { keyedChromeExtension, type KeyedExtension } from './keyed-extension.ts'
import { startSites } from './servers.ts'
import { startWeakServer } from './weak-server.ts'

const PACKAGE = 'vigie-companion'
/** Every place the package may touch, listed before install and after removal. */
const WATCHED = [
  '/etc/opt',
  '/etc/chromium',
  '/usr/lib/mozilla',
  '/usr/lib64/mozilla',
  DEB_PREFIX,
  `/usr/share/doc/${PACKAGE}`,
  `/usr/bin/${PACKAGE}`,
]

function tree(path: string): string[] {
  if (!existsSync(path) && !isLink(path)) return []
  const stat = lstatSync(path)
  const self = `${path} ${stat.isDirectory() ? 'dir' : stat.isSymbolicLink() ? 'link' : 'file'} ${(stat.mode & 0o7777).toString(8)}`
  if (!stat.isDirectory()) return [self]
  return [
    self,
    ...readdirSync(path)
      .sort()
      .flatMap((name) => tree(join(path, name))),
  ]
}
const isLink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink()
  } catch {
    return false
  }
}
const snapshot = () => WATCHED.flatMap(tree)
const installed = () => {
  try {
    return execFileSync('dpkg-query', ['-W', '-f', '${Status}', PACKAGE], { encoding: 'utf8', stdio: 'pipe' }).includes(
      'installed',
    )
  } catch {
    return false
  }
}
/** A launch, a page, a scan through the companion and the popup: 12-15 s alone, twice that on a busy machine. */
const BROWSER_TEST_MS = 90_000
const remove = () => execFileSync('dpkg', ['-r', PACKAGE], { encoding: 'utf8', stdio: 'pipe' })

describe('the Debian package vigie-companion, installed for every user', () => {
  const env = {} as {
    out: string
    deb: string
    keyed: KeyedExtension
    before: string[]
    existed: Map<string, boolean>
    owned: string[]
  }

  beforeAll(async () => {
    // A package left by an interrupted run would make the "before" picture wrong.
    if (installed()) remove()
    env.keyed = keyedChromeExtension()
    env.out = mkdtempSync(join(tmpdir(), 'vigie-deb-'))
    let started = performance.now()
    env.deb = await buildDeb(env.out, { extensionIds: [env.keyed.id] })
    console.log(
      `.deb: ${(statSync(env.deb).size / 1024).toFixed(0)} KiB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    env.before = snapshot()
    // Every path in the package, and whether it was there before (/usr, /etc... were; /usr/lib/vigie-companion not).
    const paths = execFileSync('dpkg-deb', ['-c', env.deb], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[5]!.replace(/^\./, '').replace(/\/$/, '') || '/')
    env.existed = new Map(paths.map((path) => [path, existsSync(path) || isLink(path)]))
    started = performance.now()
    execFileSync('dpkg', ['-i', env.deb], { stdio: 'pipe' })
    console.log(`dpkg -i: ${Math.round(performance.now() - started)} ms`)
    env.owned = execFileSync('dpkg', ['-L', PACKAGE], { encoding: 'utf8' }).trim().split('\n')
  })
  afterAll(() => {
    try {
      if (installed()) remove()
    } finally {
      env.keyed?.remove()
      if (env.out) rmSync(env.out, { recursive: true, force: true })
    }
  })

  it('installs the companion, its command and a host manifest where each browser reads them for every user', async () => {
    expect(env.deb.endsWith(`${PACKAGE}_${VERSION}_all.deb`)).toBe(true)
    const fields = execFileSync('dpkg-deb', ['-f', env.deb, 'Package', 'Architecture', 'Depends'], { encoding: 'utf8' })
    expect(fields).toContain('Architecture: all')
    expect(fields).toMatch(/Depends: nodejs \(>= 18\.\d+\)/)
    for (const [browser, dir] of Object.entries(SYSTEM_MANIFEST_DIRS)) {
      const manifest = JSON.parse(readFileSync(join(dir, `${COMPANION_NAME}.json`), 'utf8')) as Record<string, unknown>
      expect(manifest, browser).toMatchObject({
        name: COMPANION_NAME,
        type: 'stdio',
        path: `${DEB_PREFIX}/vigie-companion`,
      })
      if (browser === 'firefox') expect(manifest.allowed_extensions).toEqual([GECKO_ID])
      else expect(manifest.allowed_origins).toContain(`chrome-extension://${env.keyed.id}/`)
    }
    // The command people type, and the host the browsers start, answer with no PATH to find node by.
    const { replies } = await talk(
      `/usr/bin/${PACKAGE}`,
      [`chrome-extension://${env.keyed.id}/`],
      [{ type: 'hello', id: 1 }],
      { PATH: '/nonexistent' },
    )
    expect(replies).toEqual([expect.objectContaining({ type: 'hello', id: 1, protocol: COMPANION_VERSION })])
  })

  it('doctor finds the system-wide manifests with no per-user one, and the launcher drops NODE_OPTIONS', () => {
    const home = mkdtempSync(join(tmpdir(), 'vigie-deb-home-'))
    try {
      // A HOME of its own (not --home, which keeps doctor to that home): the per-user folders are all empty there.
      // NODE_OPTIONS that would load a missing module: the launcher must drop it, or every round trip fails.
      const run = () =>
        execFileSync(
          `/usr/bin/${PACKAGE}`,
          ['doctor', '--json', '--browser', 'chromium', '--browser', 'firefox', '--extension-id', env.keyed.id],
          {
            encoding: 'utf8',
            env: { PATH: process.env.PATH ?? '', HOME: home, NODE_OPTIONS: '--require /nonexistent/vigie-test.js' },
          },
        )
      const { browsers: verdicts } = JSON.parse(run()) as {
        browsers: { browser: string; ready: boolean; manifest: string }[]
      }
      expect(verdicts.map((v) => [v.browser, v.ready, v.manifest])).toEqual([
        ['chromium', true, `${SYSTEM_MANIFEST_DIRS.chromium}/${COMPANION_NAME}.json`],
        ['firefox', true, `${SYSTEM_MANIFEST_DIRS.firefox}/${COMPANION_NAME}.json`],
      ])
    } finally {
      rmSync(home, { recursive: true, force: true })
    }
  })

  it(
    'Chromium, with a store-like extension id and no per-user manifest, shows the scanner’s findings',
    async () => {
      const weak = await startWeakServer({ leafDigest: 'sha1' })
      const browser = await launchChromium({ extensionDir: env.keyed.dir, env: { NODE_EXTRA_CA_CERTS: weak.caPem } })
      try {
        expect(await browser.worker().then((w) => new URL(w.url()).host)).toBe(env.keyed.id)
        const tab = await browser.open(`${weak.origin}/login.html`)
        const popup = await browser.popup(tab, 'companion-deb', {
          until: (r) => r.findings.some((f) => f.id === 'cert-sha1') && /Scanned from this computer/.test(r.text),
        })
        expect(popup.findings).toContainEqual({ id: 'cert-sha1', severity: 'critical' })
        expect(popup.findings.map((f) => f.id)).toContain('tls-legacy-protocol')
        expect(popup.text).toMatch(/The server also accepts SSL 3, export suites \(FREAK\)/)
      } finally {
        await browser.close()
        await weak.close()
      }
    },
    BROWSER_TEST_MS,
  )

  it(
    'Firefox ESR, with a throw-away HOME, finds it in /usr/lib/mozilla and shows the scanner’s findings',
    async () => {
      const sites = await startSites()
      const weak = await startWeakServer({ leafDigest: 'sha256' })
      let home = ''
      const browser = await launchFirefox({
        caPem: sites.ca.caPem,
        extraCaPems: [weak.caPem],
        env: { NODE_EXTRA_CA_CERTS: weak.caPem },
        prepare: (dir) => void (home = dir),
      })
      try {
        expect(existsSync(join(home, '.mozilla/native-messaging-hosts'))).toBe(false)
        const tab = await browser.open(`${weak.origin}/login.html`)
        const popup = await browser.popup(tab, 'companion-deb', {
          until: (r) =>
            r.findings.some((f) => f.id === 'tls-legacy-protocol') && /Scanned from this computer/.test(r.text),
        })
        expect(popup.text).toMatch(/The server also accepts SSL 3, export suites \(FREAK\)/)
      } finally {
        await browser.close()
        await sites.close()
        await weak.close()
      }
    },
    BROWSER_TEST_MS,
  )

  it('dpkg -r removes every file it installed, the manifests postinst wrote under /etc/opt, its own record, and leaves the rest as it was', () => {
    const started = performance.now()
    remove()
    console.log(`dpkg -r: ${Math.round(performance.now() - started)} ms`)
    expect(installed()).toBe(false)
    // Not even "rc" (removed, configuration kept) in dpkg -l: dpkg forgets the package.
    expect(() => execFileSync('dpkg-query', ['-W', PACKAGE], { stdio: 'pipe' })).toThrow()
    expect(env.owned.length).toBeGreaterThan(10)
    const there = (path: string) => existsSync(path) || isLink(path)
    expect([...env.existed].filter(([path, before]) => there(path) !== before)).toEqual([])
    expect(snapshot()).toEqual(env.before)
  })
})
