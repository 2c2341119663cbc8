/** doctor's judgement, from what it saw: each problem in one line, with the command that fixes it. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { legacyRecord } from '../../../src/companion/apply.ts'
import { userDirs } from '../../../src/companion/browsers.ts'
import { diagnose, formatVerdict, type Observation } from '../../../src/companion/doctor.ts'

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const ctx = {
  os: 'linux' as const,
  installCommand: 'vigie-companion install',
  extensionIds: [] as string[],
  knowsAnId: true,
}
const launcher = '/home/u/.local/share/vigie/vigie-companion'
const manifestPath = '/home/u/.config/chromium/NativeMessagingHosts/dev.vigie.scanner.json'
const manifest = (extra: object = {}) =>
  JSON.stringify({
    name: 'dev.vigie.scanner',
    description: 'x',
    path: launcher,
    type: 'stdio',
    allowed_origins: [`chrome-extension://${ID}/`],
    ...extra,
  })

/** A browser where everything works; each test changes one thing. */
const working = (): Observation => ({
  target: { browser: 'chromium', flatpak: false },
  manifestPath,
  manifest: { text: manifest() },
  launcher: { path: launcher, exists: true, executable: true },
  roundTrip: { ok: true, version: '0.2.0', protocol: 2, ms: 90 },
})

describe('diagnose', () => {
  it('is ready when the manifest is valid and the companion answers hello', () => {
    const verdict = diagnose(working(), ctx)
    expect(verdict).toMatchObject({
      browser: 'chromium',
      ready: true,
      valid: true,
      allowed: [ID],
      launcher,
      problems: [],
    })
    expect(formatVerdict(verdict)[0]).toBe('Chromium: ready (companion 0.2.0, protocol 2, answered in 90 ms)')
  })
  it('says where the manifest is missing, and how to install', () => {
    const verdict = diagnose({ ...working(), manifest: { error: 'missing' }, launcher: null, roundTrip: null }, ctx)
    expect(verdict.ready).toBe(false)
    expect(verdict.problems).toEqual([
      { reason: `no manifest at ${manifestPath}`, fix: 'vigie-companion install --browser chromium' },
    ])
    expect(formatVerdict(verdict)).toEqual([
      'Chromium: not ready',
      `  problem: no manifest at ${manifestPath}`,
      '    fix: vigie-companion install --browser chromium',
    ])
  })
  it('asks for the extension id in the fix when install would know none', () => {
    const verdict = diagnose(
      { ...working(), manifest: { error: 'missing' }, launcher: null, roundTrip: null },
      { ...ctx, knowsAnId: false },
    )
    expect(verdict.problems[0]!.fix).toBe(
      "vigie-companion install --browser chromium --extension-id ID   (ID: Vigie's id, on its setup page and in chrome://extensions)",
    )
  })
  it('says "forbidden" when the manifest does not allow the extension asking, with that id in the fix', () => {
    const other = 'ponmlkjihgfedcbaponmlkjihgfedcba'
    const verdict = diagnose(working(), {
      ...ctx,
      extensionIds: [other],
      installCommand: 'npm run companion:install --',
    })
    expect(verdict.ready).toBe(false)
    expect(verdict.problems).toEqual([
      {
        reason: `the manifest does not allow the extension ${other}: the browser answers "Access to the specified native messaging host is forbidden"`,
        fix: `npm run companion:install -- --browser chromium --extension-id ${other}`,
      },
    ])
  })
  it.each([
    [{ type: 'pipe' }, 'its type is "pipe", not stdio'],
    [{ name: 'other.host' }, 'its name is "other.host", not dev.vigie.scanner'],
    [{ path: 'vigie-companion' }, 'its path "vigie-companion" is not absolute'],
    [{ allowed_origins: [] }, 'it allows no extension'],
    [
      { allowed_origins: ['chrome-extension://*/'] },
      'Chromium ignores the whole manifest for the origin "chrome-extension://*/"',
    ],
  ])('finds an invalid manifest: %j', (change, problem) => {
    const verdict = diagnose({ ...working(), manifest: { text: manifest(change) } }, ctx)
    expect(verdict.valid).toBe(false)
    expect(verdict.ready).toBe(false)
    expect(verdict.problems.map((p) => p.reason)).toContain(`the manifest ${manifestPath}: ${problem}`)
  })
  it('reads a manifest that is not JSON, or lacks a field, without throwing', () => {
    expect(diagnose({ ...working(), manifest: { text: '{nope' } }, ctx).problems[0]!.reason).toBe(
      `the manifest ${manifestPath} is not JSON`,
    )
    expect(
      diagnose({ ...working(), manifest: { text: '{"name":"dev.vigie.scanner"}' } }, ctx).problems[0]!.reason,
    ).toMatch(/lacks path/)
  })
  it("checks Firefox manifests for Vigie's gecko id", () => {
    const firefox = {
      ...working(),
      target: { browser: 'firefox' as const, flatpak: false },
      manifest: {
        text: JSON.stringify({
          name: 'dev.vigie.scanner',
          path: launcher,
          type: 'stdio',
          allowed_extensions: ['other@example.org'],
        }),
      },
    }
    expect(diagnose(firefox, ctx).problems.map((p) => p.reason)).toEqual([
      expect.stringMatching(/it does not allow vigie@vigie.dev$/),
    ])
  })
  it('finds a launcher missing, not executable, silent, or a companion too old', () => {
    expect(
      diagnose({ ...working(), launcher: { path: launcher, exists: false, executable: false }, roundTrip: null }, ctx)
        .problems[0]!.reason,
    ).toBe(`the launcher ${launcher} is missing`)
    expect(
      diagnose({ ...working(), launcher: { path: launcher, exists: true, executable: false }, roundTrip: null }, ctx)
        .problems[0]!.reason,
    ).toBe(`the launcher ${launcher} is not executable`)
    const silent = diagnose(
      { ...working(), roundTrip: { ok: false, error: 'it exited (code 127) without answering: node: not found' } },
      ctx,
    )
    expect(silent.problems[0]!.reason).toBe(
      'the companion did not answer hello: it exited (code 127) without answering: node: not found',
    )
    const old = diagnose({ ...working(), roundTrip: { ok: true, version: '0.1.0', protocol: 1, ms: 80 } }, ctx)
    expect(old.ready).toBe(false)
    expect(old.problems[0]!.reason).toMatch(/speaks protocol 1; Vigie needs 2: update it/)
  })
  it('names a missing Windows registry key', () => {
    const verdict = diagnose(
      {
        ...working(),
        manifestPath: null,
        registryKey: 'Software\\Chromium\\NativeMessagingHosts\\dev.vigie.scanner',
        manifest: { error: 'missing' },
        launcher: null,
        roundTrip: null,
      },
      { ...ctx, os: 'win32' },
    )
    expect(verdict.problems[0]!.reason).toBe(
      'no registry key HKCU\\Software\\Chromium\\NativeMessagingHosts\\dev.vigie.scanner',
    )
  })
})

describe('legacyRecord: an install from before the record', () => {
  const dirs: string[] = []
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))
  it('finds the manifests that name the old launcher, and the companion files, and nothing else', () => {
    const home = mkdtempSync(join(tmpdir(), 'vigie-legacy-'))
    dirs.push(home)
    const folder = join(home, '.local/share/vigie')
    mkdirSync(folder, { recursive: true })
    writeFileSync(join(folder, 'vigie-companion'), '#!/bin/sh\n')
    writeFileSync(join(folder, 'vigie-companion.mjs'), '')
    for (const [dir, path] of <[string, string][]>[
      ['.config/chromium/NativeMessagingHosts', join(folder, 'vigie-companion')],
      ['.config/google-chrome/NativeMessagingHosts', '/opt/other/host'],
    ]) {
      mkdirSync(join(home, dir), { recursive: true })
      writeFileSync(join(home, dir, 'dev.vigie.scanner.json'), JSON.stringify({ path }))
    }
    const record = legacyRecord(folder, userDirs('linux', home, {}, true), undefined)
    expect(record?.parts).toEqual([
      {
        owner: 'companion',
        files: [join(folder, 'vigie-companion'), join(folder, 'vigie-companion.mjs')],
        folders: [folder],
        registry: [],
      },
      {
        owner: 'chromium',
        files: [join(home, '.config/chromium/NativeMessagingHosts/dev.vigie.scanner.json')],
        folders: [],
        registry: [],
      },
    ])
  })
})

describe('applyUninstall', () => {
  it('removes only file names an install writes, whatever the record lists', async () => {
    const { applyUninstall } = await import('../../../src/companion/apply.ts')
    const dir = mkdtempSync(join(tmpdir(), 'vigie-record-'))
    try {
      const ours = join(dir, 'vigie-companion')
      const theirs = join(dir, 'notes.txt')
      writeFileSync(ours, '')
      writeFileSync(theirs, 'keep me')
      const lines = applyUninstall(
        {
          removals: [
            { kind: 'file', path: ours },
            { kind: 'file', path: theirs },
          ],
          record: null,
        },
        join(dir, 'installed.json'),
      )
      expect(lines).toEqual([`removed ${ours}`, `kept ${theirs}: not a file install writes`])
      expect(readFileSync(theirs, 'utf8')).toBe('keep me')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
