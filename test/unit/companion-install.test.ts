/** The installer writes what each browser reads, where it reads it, and takes it all away again. */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { install, main, manifestDir, parseArgs, uninstall, UsageError } from '../../src/companion/install.ts'

const dirs: string[] = []
const temp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigie-install-'))
  dirs.push(dir)
  return dir
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const places = (home: string) => ({ home, platform: 'linux' as const, env: {} })

describe('parseArgs', () => {
  it('installs for Chrome, Chromium and Firefox by default', () => {
    expect(parseArgs(['install']).browsers).toEqual(['chrome', 'chromium', 'firefox'])
  })
  it('takes a Chromium profile, a Firefox home and extension ids', () => {
    expect(parseArgs(['install', '--browser', 'chromium', '--profile', '/p', '--extension-id', ID])).toEqual({
      command: 'install', browsers: ['chromium'], profile: '/p', extensionIds: [ID],
    })
    expect(parseArgs(['uninstall', '--browser', 'firefox', '--home', '/h'])).toMatchObject({ browsers: ['firefox'], home: '/h' })
  })
  it.each([
    [['frobnicate']],
    [['install', '--browser', 'safari']],
    [['install', '--extension-id', 'not-an-id']],
    [['install', '--profile']],
    [['install', '--colour', 'red']],
    [['install', '--browser', 'firefox', '--profile', '/p']],
  ])('refuses %j with a usage error', (argv) => expect(() => parseArgs(argv)).toThrow(UsageError))
})

describe('manifestDir', () => {
  it('follows each browser on Linux and macOS', () => {
    const linux = places('/home/u')
    expect(manifestDir('chrome', {}, linux)).toBe('/home/u/.config/google-chrome/NativeMessagingHosts')
    expect(manifestDir('chromium', {}, linux)).toBe('/home/u/.config/chromium/NativeMessagingHosts')
    expect(manifestDir('firefox', {}, linux)).toBe('/home/u/.mozilla/native-messaging-hosts')
    expect(manifestDir('chromium', { profile: '/tmp/p' }, linux)).toBe('/tmp/p/NativeMessagingHosts')
    expect(manifestDir('firefox', {}, { ...linux, platform: 'darwin' })).toBe('/home/u/Library/Application Support/Mozilla/NativeMessagingHosts')
  })
})

describe('install and uninstall', () => {
  function fakeBundle(dir: string): string {
    const bundle = join(dir, 'bundle.mjs')
    // Answers one ping frame the way the companion does, so the launcher can be run for real.
    writeFileSync(bundle, "process.stdout.write(Buffer.from([2,0,0,0,0x7b,0x7d])); process.stdin.on('end', () => process.exit(0)); process.stdin.resume()\n")
    return bundle
  }

  it('writes an executable launcher naming node by its absolute path, and manifests that point at it', () => {
    const home = temp()
    const written = install({ command: 'install', browsers: ['chromium', 'firefox'], home, extensionIds: [ID] }, fakeBundle(temp()), places(home), '/opt/node/bin/node')
    const launcher = join(home, '.local/share/vigie/vigie-companion')
    expect(written.map((w) => w.path)).toEqual([
      join(home, '.local/share/vigie/vigie-companion.mjs'),
      launcher,
      join(home, '.config/chromium/NativeMessagingHosts/dev.vigie.scanner.json'),
      join(home, '.mozilla/native-messaging-hosts/dev.vigie.scanner.json'),
    ])
    expect(statSync(launcher).mode & 0o111).toBe(0o111)
    expect(readFileSync(launcher, 'utf8')).toContain(`exec '/opt/node/bin/node' '${home}/.local/share/vigie/vigie-companion.mjs' "$@"`)
    const chromium = JSON.parse(readFileSync(written[2]!.path, 'utf8'))
    expect(chromium).toEqual({ name: 'dev.vigie.scanner', description: "Vigie's local TLS scanner", path: launcher, type: 'stdio', allowed_origins: [`chrome-extension://${ID}/`] })
    const firefox = JSON.parse(readFileSync(written[3]!.path, 'utf8'))
    expect(firefox.allowed_extensions).toEqual(['vigie@vigie.dev'])
    expect(firefox.path).toBe(launcher)

    const removed = uninstall({ command: 'uninstall', browsers: ['chromium', 'firefox'], home, extensionIds: [] }, places(home))
    expect(removed.map((r) => r.path)).toEqual([written[2]!.path, written[3]!.path, join(home, '.local/share/vigie')])
    expect(written.some((w) => existsSync(w.path))).toBe(false)
    expect(existsSync(join(home, '.mozilla/native-messaging-hosts'))).toBe(false)
  })

  it('keeps the companion while another browser still uses it', () => {
    const home = temp()
    install({ command: 'install', browsers: ['chromium', 'firefox'], home, extensionIds: [ID] }, fakeBundle(temp()), places(home))
    writeFileSync(join(home, '.mozilla/native-messaging-hosts/other.app.json'), '{}')
    uninstall({ command: 'uninstall', browsers: ['firefox'], home, extensionIds: [] }, places(home))
    expect(existsSync(join(home, '.local/share/vigie/vigie-companion'))).toBe(true)
    // Another program's manifest stays, and so does its directory.
    expect(existsSync(join(home, '.mozilla/native-messaging-hosts/other.app.json'))).toBe(true)
  })

  it('puts a test profile\'s companion inside the profile, and the launcher runs it', () => {
    const profile = temp()
    install({ command: 'install', browsers: ['chromium'], profile, extensionIds: [ID] }, fakeBundle(temp()), places(temp()))
    const launcher = join(profile, 'vigie-companion/vigie-companion')
    expect(JSON.parse(readFileSync(join(profile, 'NativeMessagingHosts/dev.vigie.scanner.json'), 'utf8')).path).toBe(launcher)
    // Run from another directory with an empty PATH: the launcher needs none.
    const out = execFileSync(launcher, ['chrome-extension://x/'], { cwd: '/', env: { PATH: '' }, input: '' })
    expect([...out]).toEqual([2, 0, 0, 0, 0x7b, 0x7d])
  })

  it('prints a usage error and exits 2 on a bad option', () => {
    const errors: string[] = []
    expect(main(['install', '--browser', 'lynx'], '/nonexistent', '/nonexistent', () => {}, (l) => errors.push(l))).toBe(2)
    expect(errors.join()).toMatch(/unknown browser "lynx"/)
  })
})
