/**
 * The companion's CLI as a user runs it: the bundle built, `install` into a temporary home and a temporary Chromium
 * profile under umask 000, `doctor` (a real round trip through the installed launcher, as the browser starts it),
 * then `uninstall`, which leaves nothing behind.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
// @ts-expect-error: a plain .mjs script without types
import { buildCompanion } from '../../scripts/companion.mjs'

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const root = mkdtempSync(join(tmpdir(), 'vigie-cli-'))
const home = join(root, 'home dir é')
const profile = join(root, 'profile')
let bundle = ''

beforeAll(async () => {
  bundle = (await buildCompanion(join(root, 'build'))) as string
  // A home and a profile exist before anything is installed into them; uninstall must leave them, empty.
  mkdirSync(home)
  mkdirSync(profile)
}, 60_000)
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** Runs the bundle as `vigie-companion ARGS` would run, under umask 000. */
function cli(args: string[]) {
  const started = performance.now()
  const run = spawnSync('/bin/sh', ['-c', 'umask 000; exec "$@"', 'sh', process.execPath, bundle, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NODE_OPTIONS: '' },
  })
  return { ...run, ms: Math.round(performance.now() - started) }
}

/** Every file and folder under `dir`, with its permission bits. */
function tree(dir: string): [string, string][] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((p) => [p, (statSync(join(dir, p)).mode & 0o777).toString(8)])
}

describe('vigie-companion install, doctor, uninstall', () => {
  it('installs for Chromium and Firefox, 0644/0755 whatever the umask, and doctor gets a hello through each launcher', () => {
    const install = cli([
      'install',
      '--home',
      home,
      '--profile',
      profile,
      '--browser',
      'chromium',
      '--browser',
      'firefox',
      '--extension-id',
      ID,
    ])
    expect(install.stderr).toBe('')
    expect(install.status).toBe(0)
    const lines = install.stdout.trim().split('\n')
    expect(lines.at(-1)).toBe(
      `Vigie's companion is installed for Chromium and Firefox. Vigie finds it by itself within a few seconds; if the popup still says it is missing, click "Check again".`,
    )
    expect(lines).toContain(
      `wrote ${profile}/NativeMessagingHosts/dev.vigie.scanner.json (0644)  (Chromium host manifest, allowing ${ID})`,
    )
    expect(tree(home)).toEqual([
      ['.local', '755'],
      ['.local/share', '755'],
      ['.local/share/vigie', '755'],
      ['.local/share/vigie/installed.json', '644'],
      ['.local/share/vigie/vigie-companion', '755'],
      ['.local/share/vigie/vigie-companion.mjs', '644'],
      ['.mozilla', '755'],
      ['.mozilla/native-messaging-hosts', '755'],
      ['.mozilla/native-messaging-hosts/dev.vigie.scanner.json', '644'],
    ])
    expect(tree(profile)).toEqual([
      ['NativeMessagingHosts', '755'],
      ['NativeMessagingHosts/dev.vigie.scanner.json', '644'],
    ])

    const doctor = cli([
      'doctor',
      '--json',
      '--home',
      home,
      '--profile',
      profile,
      '--browser',
      'chromium',
      '--browser',
      'firefox',
    ])
    expect(doctor.status).toBe(0)
    const report = JSON.parse(doctor.stdout) as {
      ready: boolean
      browsers: {
        browser: string
        ready: boolean
        allowed: string[]
        launcher: string
        roundTrip: { ok: boolean; protocol: number; version: string }
        problems: unknown[]
      }[]
    }
    expect(report.ready).toBe(true)
    expect(
      report.browsers.map((b) => [
        b.browser,
        b.ready,
        b.allowed,
        b.launcher,
        b.roundTrip.ok,
        b.roundTrip.protocol,
        b.problems,
      ]),
    ).toEqual([
      ['chromium', true, [ID], `${home}/.local/share/vigie/vigie-companion`, true, 2, []],
      ['firefox', true, ['vigie@vigie.dev'], `${home}/.local/share/vigie/vigie-companion`, true, 2, []],
    ])
    console.log(`companion CLI: install ${install.ms} ms, doctor (2 round trips) ${doctor.ms} ms`)
  })

  it('doctor names what is wrong, and the command that fixes it, when another extension asks', () => {
    const other = 'ponmlkjihgfedcbaponmlkjihgfedcba'
    const doctor = cli([
      'doctor',
      '--home',
      home,
      '--profile',
      profile,
      '--browser',
      'chromium',
      '--extension-id',
      other,
    ])
    expect(doctor.status).toBe(1)
    expect(doctor.stdout).toContain(`problem: the manifest does not allow the extension ${other}`)
    expect(doctor.stdout).toContain(`fix: vigie-companion install --browser chromium --extension-id ${other}`)
  })

  it('uninstall removes everything install wrote, and nothing else', () => {
    const run = cli(['uninstall', '--home', home, '--profile', profile])
    expect(run.status).toBe(0)
    expect(readdirSync(home)).toEqual([])
    expect(readdirSync(profile)).toEqual([])
    const doctor = cli(['doctor', '--home', home, '--profile', profile, '--browser', 'chromium'])
    expect(doctor.status).toBe(1)
    expect(doctor.stdout).toContain(`problem: no manifest at ${profile}/NativeMessagingHosts/dev.vigie.scanner.json`)
  })

  it("copies the bundle itself when started through a wrapper (the npm package's bin), never the wrapper", () => {
    const wrapper = join(root, 'bin', 'vigie-companion.cjs')
    mkdirSync(join(root, 'bin'))
    writeFileSync(wrapper, `import(${JSON.stringify(bundle)})\n`)
    const other = join(root, 'other home')
    const run = spawnSync(process.execPath, [wrapper, 'install', '--home', other, '--browser', 'firefox'], {
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(readFileSync(join(other, '.local/share/vigie/vigie-companion.mjs'))).toEqual(readFileSync(bundle))
  })

  it('answers --version, and exits 2 on a usage error', () => {
    expect(execFileSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' })).toMatch(
      /^vigie-companion \d+\.\d+\.\d+ \(protocol 2, node v/,
    )
    const bad = cli(['install', '--browser', 'lynx'])
    expect(bad.status).toBe(2)
    expect(bad.stderr).toMatch(/unknown browser "lynx"/)
  })
})
