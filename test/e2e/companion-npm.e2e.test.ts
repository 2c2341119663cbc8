/**
 * The npm package in Chromium (issue #19): what a person with Node and a store-installed Vigie does. The test build
 * gets a store-like id (a manifest key made at test time, not the unpacked id), the package is installed offline
 * into an empty prefix, and its command installs the companion into the test profile for that id; then the popup
 * shows the scanner's findings on the weak server.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installOffline } from '../support/npm.ts'
import { packNpm } from '../../scripts/package-companion.mjs'
import { COMPANION_NAME } from '../../src/companion/protocol.ts'
import { launchChromium } from './harness/chromium.ts'
import { keyedChromeExtension, type KeyedExtension } from './keyed-extension.ts'
import { startWeakServer, type WeakServer } from './weak-server.ts'

describe('Chromium with a store-like id and the companion from the npm package', () => {
  const env = {} as { out: string; prefix: string; home: string; keyed: KeyedExtension; weak: WeakServer }

  beforeAll(async () => {
    env.keyed = keyedChromeExtension()
    env.out = mkdtempSync(join(tmpdir(), 'vigie-npm-e2e-'))
    env.prefix = mkdtempSync(join(tmpdir(), 'vigie-prefix-'))
    env.home = mkdtempSync(join(tmpdir(), 'vigie-home-'))
    const tgz = await packNpm(env.out)
    installOffline(tgz, env.prefix)
    env.weak = await startWeakServer({ leafDigest: 'sha1' })
  })
  afterAll(async () => {
    await env.weak?.close()
    env.keyed?.remove()
    for (const dir of [env.out, env.prefix, env.home]) if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('shows the scanner’s findings on the weak server', async () => {
    let printed = ''
    const browser = await launchChromium({
      extensionDir: env.keyed.dir,
      env: { NODE_EXTRA_CA_CERTS: env.weak.caPem },
      prepare: (profile) => {
        printed = execFileSync(
          join(env.prefix, 'bin/vigie-companion'),
          [
            'install',
            '--browser',
            'chromium',
            '--profile',
            profile,
            '--extension-id',
            env.keyed.id,
            '--home',
            env.home,
          ],
          { encoding: 'utf8' },
        )
        const manifest = JSON.parse(
          readFileSync(join(profile, 'NativeMessagingHosts', `${COMPANION_NAME}.json`), 'utf8'),
        ) as { path: string; allowed_origins: string[] }
        expect(manifest.allowed_origins).toContain(`chrome-extension://${env.keyed.id}/`)
        // The browser starts a copy in a stable place, never the package's own file, which npm may remove or move.
        expect(manifest.path.startsWith(env.prefix)).toBe(false)
        expect(existsSync(manifest.path)).toBe(true)
      },
    })
    try {
      expect(printed).toContain(join('NativeMessagingHosts', `${COMPANION_NAME}.json`))
      expect(await browser.worker().then((w) => new URL(w.url()).host)).toBe(env.keyed.id)
      const tab = await browser.open(`${env.weak.origin}/login.html`)
      const popup = await browser.popup(tab, 'companion-npm', {
        until: (r) => r.findings.some((f) => f.id === 'cert-sha1') && /Scanned from this computer/.test(r.text),
      })
      expect(popup.findings).toContainEqual({ id: 'cert-sha1', severity: 'critical' })
      expect(popup.findings.map((f) => f.id)).toContain('tls-legacy-protocol')
      expect(popup.text).toMatch(/The server also accepts SSL 3, export suites \(FREAK\)/)
    } finally {
      await browser.close()
    }
  }, 90_000)
})
