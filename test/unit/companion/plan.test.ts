/**
 * The install plans, exactly, for each system: folders, files with their text and mode, registry commands. Windows
 * and macOS cannot run here, so their plans are checked to the byte, for a user whose name holds a space and a
 * letter outside ASCII (cmd.exe reads a .cmd in the console's code page: that name must never be written in it).
 */
import { describe, expect, it } from 'vitest'
import { detectTargets, manifestFolder, userDirs, type Target } from '../../../src/companion/browsers.ts'
import { GECKO_ID } from '../../../src/companion/ids.ts'
import { CLEARED_VARIABLES, cmdLauncher, shellLauncher } from '../../../src/companion/launcher.ts'
import {
  companionFolder,
  mergeRecord,
  parseRegQuery,
  planInstall,
  planUninstall,
  regAdd,
  regDelete,
  staleFiles,
  type InstallRecord,
  type Runtime,
  type Step,
} from '../../../src/companion/plan.ts'

const ID = 'abcdefghijklmnopabcdefghijklmnop'
const ALL: Target[] = (['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'] as const).map((browser) => ({
  browser,
  flatpak: false,
}))
const unset = `unset ${CLEARED_VARIABLES.join(' ')}`

/** Each step as one comparable line, the text aside. */
const summary = (steps: Step[]) =>
  steps.map((s) =>
    s.kind === 'folder'
      ? `folder ${s.path}`
      : s.kind === 'registry'
        ? `registry ${s.key} = ${s.value}`
        : `${s.kind} ${s.path} 0${s.mode.toString(8)}${s.kind === 'copy' ? ` from ${s.from}` : ''}`,
  )
const textOf = (steps: Step[], path: string) => {
  const step = steps.find((s) => s.kind === 'write' && s.path === path)
  if (step?.kind !== 'write') throw new Error(`no file ${path} in the plan`)
  return step.text
}

describe('Windows plan', () => {
  const home = 'C:\\Users\\Zoë Dupont'
  const env = {
    LOCALAPPDATA: `${home}\\AppData\\Local`,
    APPDATA: `${home}\\AppData\\Roaming`,
    XDG_CONFIG_HOME: '/nope',
  }
  const dirs = userDirs('win32', home, env, false)
  const folder = companionFolder(dirs, {})
  const npx: Runtime = {
    kind: 'script',
    node: 'C:\\Program Files\\nodejs\\node.exe',
    script: `${home}\\AppData\\Local\\npm-cache\\_npx\\5f1e\\node_modules\\vigie-companion\\vigie-companion.mjs`,
  }

  it('copies the companion to %LOCALAPPDATA%\\Vigie, writes a .cmd launcher, one manifest per browser and its HKCU key', () => {
    expect(folder).toBe('C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie')
    const plan = planInstall({ dirs, targets: ALL, extensionIds: [ID], folder, runtime: npx, version: '0.2.0' })
    const steps = plan.parts.flatMap((p) => p.steps)
    expect(summary(steps)).toEqual([
      'folder C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie',
      `copy C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\vigie-companion.mjs 0644 from ${npx.script}`,
      'write C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\vigie-companion.cmd 0644',
      ...[
        ['chrome', 'Software\\Google\\Chrome\\NativeMessagingHosts'],
        ['chromium', 'Software\\Chromium\\NativeMessagingHosts'],
        ['edge', 'Software\\Microsoft\\Edge\\NativeMessagingHosts'],
        ['brave', 'Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts'],
        ['vivaldi', 'Software\\Vivaldi\\NativeMessagingHosts'],
        ['firefox', 'Software\\Mozilla\\NativeMessagingHosts'],
      ].flatMap(([browser, key]) => [
        `write C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\dev.vigie.scanner.${browser}.json 0644`,
        `registry ${key}\\dev.vigie.scanner = C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\dev.vigie.scanner.${browser}.json`,
      ]),
    ])
    expect(plan.record).toBe('C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\installed.json')
    // The launcher: CRLF, every path quoted, ours through %~dp0 (the name "Zoë Dupont" is never written in it).
    expect(textOf(steps, `${folder}\\vigie-companion.cmd`)).toBe(
      [
        '@echo off',
        "rem Vigie's companion 0.2.0, started by the browser (native messaging). Written by vigie-companion install.",
        'rem Drops what would load other code into Node or weaken its TLS checks; keeps what only adds trusted roots.',
        'setlocal DisableDelayedExpansion',
        'set "NODE_OPTIONS="',
        'set "NODE_PATH="',
        'set "NODE_REPL_EXTERNAL_MODULE="',
        'set "NODE_ICU_DATA="',
        'set "NODE_REDIRECT_WARNINGS="',
        'set "NODE_V8_COVERAGE="',
        'set "NODE_TLS_REJECT_UNAUTHORIZED="',
        'set "OPENSSL_CONF="',
        'set "OPENSSL_ENGINES="',
        'set "OPENSSL_MODULES="',
        '"C:\\Program Files\\nodejs\\node.exe" "%~dp0vigie-companion.mjs" %*',
        '',
      ].join('\r\n'),
    )
    // The manifests: JSON (UTF-8, so the name is safe there), the launcher's absolute path with backslashes.
    expect(JSON.parse(textOf(steps, `${folder}\\dev.vigie.scanner.edge.json`))).toEqual({
      name: 'dev.vigie.scanner',
      description: "Vigie's local TLS scanner",
      path: 'C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\vigie-companion.cmd',
      type: 'stdio',
      allowed_origins: [`chrome-extension://${ID}/`],
    })
    expect(JSON.parse(textOf(steps, `${folder}\\dev.vigie.scanner.firefox.json`))).toMatchObject({
      allowed_extensions: [GECKO_ID],
    })
  })

  it('writes the registry with reg.exe arguments, each passed as it is (no shell)', () => {
    const value = `${folder}\\dev.vigie.scanner.chrome.json`
    expect(regAdd('Software\\Google\\Chrome\\NativeMessagingHosts\\dev.vigie.scanner', value)).toEqual([
      'add',
      'HKCU\\Software\\Google\\Chrome\\NativeMessagingHosts\\dev.vigie.scanner',
      '/ve',
      '/t',
      'REG_SZ',
      '/d',
      'C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie\\dev.vigie.scanner.chrome.json',
      '/f',
    ])
    expect(regDelete('Software\\Mozilla\\NativeMessagingHosts\\dev.vigie.scanner')).toEqual([
      'delete',
      'HKCU\\Software\\Mozilla\\NativeMessagingHosts\\dev.vigie.scanner',
      '/f',
    ])
    expect(
      parseRegQuery(
        `\r\nHKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\dev.vigie.scanner\r\n    (Default)    REG_SZ    ${value}\r\n\r\n`,
      ),
    ).toBe(value)
    expect(parseRegQuery('ERROR: The system was unable to find the specified registry key or value.')).toBeNull()
  })

  it('runs a single executable copied beside the launcher, and names a Node under the profile through %USERPROFILE%', () => {
    const sea = planInstall({
      dirs,
      targets: [ALL[0]!],
      extensionIds: [ID],
      folder,
      runtime: { kind: 'sea', executable: `${home}\\Downloads\\vigie-companion-win-x64.exe` },
      version: '0.2.0',
    })
    const steps = sea.parts.flatMap((p) => p.steps)
    expect(summary(steps).slice(0, 2)).toEqual([
      'folder C:\\Users\\Zoë Dupont\\AppData\\Local\\Vigie',
      `copy ${folder}\\vigie-companion.exe 0755 from ${home}\\Downloads\\vigie-companion-win-x64.exe`,
    ])
    expect(textOf(steps, `${folder}\\vigie-companion.cmd`).split('\r\n').at(-2)).toBe('"%~dp0vigie-companion.exe" %*')

    const nvm = cmdLauncher(
      { runtime: `${home}\\AppData\\Roaming\\nvm\\v20.20.2\\node.exe`, script: `${folder}\\vigie-companion.mjs` },
      folder,
      home,
      '0.2.0',
    )
    expect(nvm).not.toMatch(/Zoë|chcp/)
    expect(nvm.split('\r\n').at(-2)).toBe(
      '"%USERPROFILE%\\AppData\\Roaming\\nvm\\v20.20.2\\node.exe" "%~dp0vigie-companion.mjs" %*',
    )
  })

  it('switches cmd to UTF-8 only when a non-ASCII path must be written as it is, and doubles %', () => {
    const odd = cmdLauncher(
      { runtime: 'D:\\Outils\\Nœud 100%\\node.exe', script: `${folder}\\vigie-companion.mjs` },
      folder,
      home,
      '0.2.0',
    ).split('\r\n')
    expect(odd[1]).toBe('chcp 65001 >nul')
    expect(odd.at(-2)).toBe('"D:\\Outils\\Nœud 100%%\\node.exe" "%~dp0vigie-companion.mjs" %*')
  })

  it('detects the browsers from their user data folders', () => {
    const present = new Set([
      `${home}\\AppData\\Local\\Microsoft\\Edge\\User Data`,
      `${home}\\AppData\\Roaming\\Mozilla\\Firefox`,
    ])
    expect(detectTargets(dirs, (p) => present.has(p))).toEqual([
      { browser: 'edge', flatpak: false },
      { browser: 'firefox', flatpak: false },
    ])
  })
})

describe('macOS plan', () => {
  const home = '/Users/Zoë Dupont'
  const dirs = userDirs('darwin', home, { XDG_CONFIG_HOME: '/elsewhere' }, false)
  const folder = companionFolder(dirs, {})
  const runtime: Runtime = {
    kind: 'script',
    node: '/opt/homebrew/Cellar/node/25.1.0/bin/node',
    script: '/opt/homebrew/lib/node_modules/vigie-companion/vigie-companion.mjs',
  }

  it("writes every browser's manifest under ~/Library/Application Support, naming a launcher in Vigie's own folder", () => {
    expect(folder).toBe('/Users/Zoë Dupont/Library/Application Support/Vigie')
    const plan = planInstall({ dirs, targets: ALL, extensionIds: [ID], folder, runtime, version: '0.2.0' })
    const steps = plan.parts.flatMap((p) => p.steps)
    const support = '/Users/Zoë Dupont/Library/Application Support'
    expect(summary(steps)).toEqual([
      `folder ${support}/Vigie`,
      `copy ${support}/Vigie/vigie-companion.mjs 0644 from ${runtime.kind === 'script' && runtime.script}`,
      `write ${support}/Vigie/vigie-companion 0755`,
      ...['Google/Chrome', 'Chromium', 'Microsoft Edge', 'BraveSoftware/Brave-Browser', 'Vivaldi', 'Mozilla'].flatMap(
        (b) => [
          `folder ${support}/${b}/NativeMessagingHosts`,
          `write ${support}/${b}/NativeMessagingHosts/dev.vigie.scanner.json 0644`,
        ],
      ),
    ])
    expect(textOf(steps, `${support}/Vigie/vigie-companion`)).toBe(
      [
        '#!/bin/sh',
        "# Vigie's companion 0.2.0, started by the browser (native messaging). Written by vigie-companion install.",
        '# Drops what would load other code into Node or weaken its TLS checks; keeps what only adds trusted roots.',
        unset,
        `exec '/opt/homebrew/Cellar/node/25.1.0/bin/node' '/Users/Zoë Dupont/Library/Application Support/Vigie/vigie-companion.mjs' "$@"`,
        '',
      ].join('\n'),
    )
    expect(
      JSON.parse(textOf(steps, `${support}/Microsoft Edge/NativeMessagingHosts/dev.vigie.scanner.json`)).path,
    ).toBe(`${support}/Vigie/vigie-companion`)
    expect(plan.skipped).toEqual([])
  })

  it('refuses Flatpak targets, which are Linux only', () => {
    const plan = planInstall({
      dirs,
      targets: [{ browser: 'chromium', flatpak: true }],
      extensionIds: [ID],
      folder,
      runtime,
      version: '0.2.0',
    })
    expect(plan.installed).toEqual([])
    expect(plan.skipped[0]!.reason).toMatch(/Linux/)
  })
})

describe('Linux plan', () => {
  const home = '/home/zoë dupont'
  const sea: Runtime = { kind: 'sea', executable: '/home/zoë dupont/Downloads/vigie-companion-linux-x64' }
  const script: Runtime = {
    kind: 'script',
    node: '/usr/bin/node',
    script: '/home/zoë dupont/.npm/_npx/5f1e/node_modules/vigie-companion/vigie-companion.mjs',
  }

  it('follows XDG_CONFIG_HOME and XDG_DATA_HOME for the real home, never for --home', () => {
    const env = { XDG_CONFIG_HOME: '/home/zoë dupont/cfg', XDG_DATA_HOME: '/home/zoë dupont/data' }
    const real = userDirs('linux', home, env, false)
    expect(companionFolder(real, {})).toBe('/home/zoë dupont/data/vigie')
    expect(manifestFolder({ browser: 'brave', flatpak: false }, real)).toBe(
      '/home/zoë dupont/cfg/BraveSoftware/Brave-Browser/NativeMessagingHosts',
    )
    const other = userDirs('linux', '/tmp/h', env, true)
    expect(companionFolder(other, {})).toBe('/tmp/h/.local/share/vigie')
    expect(manifestFolder({ browser: 'edge', flatpak: false }, other)).toBe(
      '/tmp/h/.config/microsoft-edge/NativeMessagingHosts',
    )
    expect(manifestFolder({ browser: 'firefox', flatpak: false }, other)).toBe('/tmp/h/.mozilla/native-messaging-hosts')
    // A Chromium --user-data-dir has its own folder; with it alone, the companion lives beside it.
    expect(manifestFolder({ browser: 'chromium', flatpak: false }, other, '/tmp/p')).toBe('/tmp/p/NativeMessagingHosts')
    expect(companionFolder(other, { profile: '/tmp/p' })).toBe('/tmp/p/vigie-companion')
    expect(companionFolder(other, { profile: '/tmp/p', home: '/tmp/h' })).toBe('/tmp/h/.local/share/vigie')
  })

  it('gives a Flatpak browser its own copy of the single executable inside its sandbox', () => {
    const dirs = userDirs('linux', home, {}, false)
    const folder = companionFolder(dirs, {})
    const plan = planInstall({
      dirs,
      targets: [
        { browser: 'chromium', flatpak: true },
        { browser: 'firefox', flatpak: true },
      ],
      extensionIds: [ID],
      folder,
      runtime: sea,
      version: '0.2.0',
    })
    const app = (id: string) => `/home/zoë dupont/.var/app/${id}`
    expect(plan.parts.map((p) => p.owner)).toEqual(['chromium-flatpak', 'firefox-flatpak'])
    expect(summary(plan.parts[0]!.steps)).toEqual([
      `folder ${app('org.chromium.Chromium')}/data/vigie`,
      `copy ${app('org.chromium.Chromium')}/data/vigie/vigie-companion-sea 0755 from ${sea.kind === 'sea' && sea.executable}`,
      `write ${app('org.chromium.Chromium')}/data/vigie/vigie-companion 0755`,
      `folder ${app('org.chromium.Chromium')}/config/chromium/NativeMessagingHosts`,
      `write ${app('org.chromium.Chromium')}/config/chromium/NativeMessagingHosts/dev.vigie.scanner.json 0644`,
    ])
    expect(summary(plan.parts[1]!.steps).at(-1)).toBe(
      `write ${app('org.mozilla.firefox')}/.mozilla/native-messaging-hosts/dev.vigie.scanner.json 0644`,
    )
    expect(textOf(plan.parts[0]!.steps, `${app('org.chromium.Chromium')}/data/vigie/vigie-companion`)).toContain(
      `exec '${app('org.chromium.Chromium')}/data/vigie/vigie-companion-sea' "$@"`,
    )
    expect(
      JSON.parse(
        textOf(
          plan.parts[1]!.steps,
          `${app('org.mozilla.firefox')}/.mozilla/native-messaging-hosts/dev.vigie.scanner.json`,
        ),
      ).path,
    ).toBe(`${app('org.mozilla.firefox')}/data/vigie/vigie-companion`)
  })

  it('skips a Flatpak browser when the companion needs Node, and a Chromium browser with no id to allow', () => {
    const dirs = userDirs('linux', home, {}, false)
    const folder = companionFolder(dirs, {})
    const flatpak = planInstall({
      dirs,
      targets: [
        { browser: 'chrome', flatpak: true },
        { browser: 'firefox', flatpak: false },
      ],
      extensionIds: [ID],
      folder,
      runtime: script,
      version: '0.2.0',
    })
    expect(flatpak.installed).toEqual([{ browser: 'firefox', flatpak: false }])
    expect(flatpak.skipped[0]!.reason).toMatch(/single executable/)
    const noId = planInstall({
      dirs,
      targets: [{ browser: 'chrome', flatpak: false }],
      extensionIds: [],
      folder,
      runtime: script,
      version: '0.2.0',
    })
    expect(noId.parts).toEqual([])
    expect(noId.skipped[0]!.reason).toMatch(/--extension-id/)
  })

  it('detects browsers by their user folder, their program, or their Flatpak folder', () => {
    const dirs = userDirs('linux', home, {}, false)
    const present = new Set([
      '/home/zoë dupont/.config/vivaldi',
      '/usr/bin/firefox-esr',
      '/home/zoë dupont/.var/app/com.brave.Browser',
    ])
    expect(detectTargets(dirs, (p) => present.has(p))).toEqual([
      { browser: 'vivaldi', flatpak: false },
      { browser: 'firefox', flatpak: false },
      { browser: 'brave', flatpak: true },
    ])
  })

  it('quotes the launcher for sh, whatever the path holds', () => {
    expect(
      shellLauncher({ runtime: "/opt/it's node/bin/node", script: '/home/zoë dupont/x.mjs' }, '1').split('\n')[4],
    ).toBe(`exec '/opt/it'\\''s node/bin/node' '/home/zoë dupont/x.mjs' "$@"`)
  })
})

describe('the record and uninstall', () => {
  const record: InstallRecord = {
    format: 1,
    version: '0.2.0',
    folder: '/h/.local/share/vigie',
    parts: [
      {
        owner: 'companion',
        files: ['/h/.local/share/vigie/vigie-companion.mjs', '/h/.local/share/vigie/vigie-companion'],
        folders: ['/h/.local/share/vigie'],
        registry: [],
      },
      {
        owner: 'chromium',
        files: ['/h/.config/chromium/NativeMessagingHosts/dev.vigie.scanner.json'],
        folders: ['/h/.config/chromium/NativeMessagingHosts'],
        registry: [],
      },
      {
        owner: 'firefox',
        files: ['/h/.mozilla/native-messaging-hosts/dev.vigie.scanner.json'],
        folders: ['/h/.mozilla', '/h/.mozilla/native-messaging-hosts'],
        registry: [],
      },
    ],
  }

  it('removes exactly what was recorded, files first, then the folders it made, deepest first', () => {
    expect(planUninstall(record, null)).toEqual({
      removals: [
        { kind: 'file', path: '/h/.local/share/vigie/vigie-companion.mjs' },
        { kind: 'file', path: '/h/.local/share/vigie/vigie-companion' },
        { kind: 'file', path: '/h/.config/chromium/NativeMessagingHosts/dev.vigie.scanner.json' },
        { kind: 'file', path: '/h/.mozilla/native-messaging-hosts/dev.vigie.scanner.json' },
        { kind: 'folder', path: '/h/.config/chromium/NativeMessagingHosts' },
        { kind: 'folder', path: '/h/.mozilla/native-messaging-hosts' },
        { kind: 'folder', path: '/h/.local/share/vigie' },
        { kind: 'folder', path: '/h/.mozilla' },
      ],
      record: null,
    })
  })

  it('keeps the companion while another browser uses it', () => {
    const plan = planUninstall(record, ['firefox'])
    expect(plan.removals.map((r) => ('path' in r ? r.path : r.key))).toEqual([
      '/h/.mozilla/native-messaging-hosts/dev.vigie.scanner.json',
      '/h/.mozilla/native-messaging-hosts',
      '/h/.mozilla',
    ])
    expect(plan.record?.parts.map((p) => p.owner)).toEqual(['companion', 'chromium'])
    // The last browser takes the companion with it.
    expect(planUninstall(plan.record!, ['chromium']).record).toBeNull()
  })

  it('deletes the registry keys it wrote', () => {
    const win: InstallRecord = {
      ...record,
      parts: [
        {
          owner: 'edge',
          files: ['C:\\V\\dev.vigie.scanner.edge.json'],
          folders: [],
          registry: ['Software\\Microsoft\\Edge\\NativeMessagingHosts\\dev.vigie.scanner'],
        },
      ],
    }
    expect(planUninstall(win, null).removals).toContainEqual({
      kind: 'registry',
      key: 'Software\\Microsoft\\Edge\\NativeMessagingHosts\\dev.vigie.scanner',
    })
  })

  it('a new install replaces its own parts, keeps the others, and drops what the old one wrote and the new one does not', () => {
    const sea: InstallRecord = {
      ...record,
      parts: [
        {
          owner: 'companion',
          files: ['/h/.local/share/vigie/vigie-companion-sea', '/h/.local/share/vigie/vigie-companion'],
          folders: [],
          registry: [],
        },
      ],
    }
    const merged = mergeRecord(record, sea)
    expect(merged.parts.map((p) => p.owner)).toEqual(['chromium', 'firefox', 'companion'])
    expect(merged.parts[2]!.folders).toEqual(['/h/.local/share/vigie'])
    expect(staleFiles(record, sea)).toEqual(['/h/.local/share/vigie/vigie-companion.mjs'])
  })
})
