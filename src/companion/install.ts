/**
 * Installs and uninstalls the companion for the current user (SPEC.md section 7, PLATFORM.md "Native messaging"):
 * the bundled companion and a small launcher script go to a directory of their own, and each browser gets a host
 * manifest naming that launcher. Run through `npm run companion:install` / `companion:uninstall`
 * (scripts/companion.mjs bundles this file and the companion first).
 */
import { createHash } from 'node:crypto'
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync, rmdirSync, rmSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { COMPANION_NAME } from './protocol.ts'

export const BROWSERS = ['chrome', 'chromium', 'firefox'] as const
export type BrowserId = (typeof BROWSERS)[number]
export const GECKO_ID = 'vigie@vigie.dev'

export interface InstallOptions {
  command: 'install' | 'uninstall'
  browsers: BrowserId[]
  /** A Chromium --user-data-dir: its manifest goes to DIR/NativeMessagingHosts/. */
  profile?: string
  /** Another home directory (Firefox reads $HOME/.mozilla/native-messaging-hosts/). */
  home?: string
  /** Chrome extension ids allowed to talk to the companion. */
  extensionIds: string[]
}

export class UsageError extends Error {}

const USAGE = `usage: npm run companion:install [-- --browser chrome|chromium|firefox] [--profile DIR] [--home DIR] [--extension-id ID]
       npm run companion:uninstall [-- same options]`

export function parseArgs(argv: string[]): InstallOptions {
  const [command, ...rest] = argv
  if (command !== 'install' && command !== 'uninstall') throw new UsageError(USAGE)
  const options: InstallOptions = { command, browsers: [], extensionIds: [] }
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i]!
    const value = rest[i + 1]
    if (flag === '--help' || flag === '-h') throw new UsageError(USAGE)
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value\n${USAGE}`)
    i++
    if (flag === '--browser') {
      if (!(BROWSERS as readonly string[]).includes(value)) throw new UsageError(`unknown browser "${value}": chrome, chromium or firefox`)
      options.browsers.push(value as BrowserId)
    } else if (flag === '--profile') options.profile = resolve(value)
    else if (flag === '--home') options.home = resolve(value)
    else if (flag === '--extension-id') {
      if (!/^[a-p]{32}$/.test(value)) throw new UsageError(`"${value}" is not a Chrome extension id (32 letters a to p)`)
      options.extensionIds.push(value)
    } else throw new UsageError(`unknown option ${flag}\n${USAGE}`)
  }
  if (options.profile && options.browsers.some((b) => b === 'firefox')) throw new UsageError('--profile is for Chrome and Chromium; use --home for Firefox')
  if (options.browsers.length === 0) options.browsers = options.profile ? ['chromium'] : [...BROWSERS]
  return options
}

/** The id Chromium gives an unpacked extension: its absolute path, hashed (components/crx_file/id_util). */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32)
  return [...hex].map((c) => String.fromCharCode('a'.charCodeAt(0) + parseInt(c, 16))).join('')
}

interface Places {
  home: string
  platform: NodeJS.Platform
  env: Record<string, string | undefined>
}

/** Where each browser looks for a user's host manifests (PLATFORM.md). */
export function manifestDir(browser: BrowserId, options: Pick<InstallOptions, 'profile'>, places: Places): string {
  if (options.profile) return join(options.profile, 'NativeMessagingHosts')
  const { home, platform, env } = places
  if (platform === 'darwin') {
    const support = join(home, 'Library/Application Support')
    return join(support, { chrome: 'Google/Chrome/NativeMessagingHosts', chromium: 'Chromium/NativeMessagingHosts', firefox: 'Mozilla/NativeMessagingHosts' }[browser])
  }
  if (browser === 'firefox') return join(home, '.mozilla/native-messaging-hosts')
  // Chrome and Chromium keep their user data under $XDG_CONFIG_HOME (~/.config by default).
  const config = env.XDG_CONFIG_HOME && !options.profile && places.home === homedir() ? env.XDG_CONFIG_HOME : join(home, '.config')
  return join(config, browser === 'chrome' ? 'google-chrome/NativeMessagingHosts' : 'chromium/NativeMessagingHosts')
}

/** Where the bundled companion and its launcher live: beside the test profile, or in the user's data directory. */
export function companionDir(options: Pick<InstallOptions, 'profile'>, places: Places): string {
  if (options.profile) return join(options.profile, 'vigie-companion')
  if (places.platform === 'darwin') return join(places.home, 'Library/Application Support/Vigie')
  const data = places.env.XDG_DATA_HOME && places.home === homedir() ? places.env.XDG_DATA_HOME : join(places.home, '.local/share')
  return join(data, 'vigie')
}

/** A quoted word for /bin/sh. */
const sh = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** The browser starts this with its own PATH, not the user's shell's: it names node by its absolute path. */
export function launcherScript(nodePath: string, entry: string): string {
  return `#!/bin/sh\n# Vigie's companion, started by the browser (native messaging). Written by npm run companion:install.\nexec ${sh(nodePath)} ${sh(entry)} "$@"\n`
}

export function hostManifest(browser: BrowserId, launcher: string, extensionIds: string[]): Record<string, unknown> {
  const base = { name: COMPANION_NAME, description: "Vigie's local TLS scanner", path: launcher, type: 'stdio' }
  return browser === 'firefox'
    ? { ...base, allowed_extensions: [GECKO_ID] }
    : { ...base, allowed_origins: extensionIds.map((id) => `chrome-extension://${id}/`) }
}

export interface Written {
  path: string
  what: string
}

/** Installs: the bundle and launcher, then one manifest per browser. Returns what was written where. */
export function install(options: InstallOptions, bundle: string, places: Places, nodePath = process.execPath): Written[] {
  const written: Written[] = []
  const dir = companionDir(options, places)
  mkdirSync(dir, { recursive: true })
  const entry = join(dir, 'vigie-companion.mjs')
  copyFileSync(bundle, entry)
  written.push({ path: entry, what: 'the companion, bundled in one file' })
  const launcher = join(dir, 'vigie-companion')
  writeFileSync(launcher, launcherScript(nodePath, entry))
  chmodSync(launcher, 0o755)
  written.push({ path: launcher, what: `launcher: runs ${nodePath}` })
  for (const browser of options.browsers) {
    const file = join(manifestDir(browser, options, places), `${COMPANION_NAME}.json`)
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify(hostManifest(browser, launcher, options.extensionIds), null, 2) + '\n')
    const who = browser === 'firefox' ? GECKO_ID : options.extensionIds.join(', ') || 'no extension id'
    written.push({ path: file, what: `${browser} host manifest, for ${who}` })
  }
  return written
}

/** Uninstalls: the manifests of the chosen browsers, and the companion's directory once no manifest names it. */
export function uninstall(options: InstallOptions, places: Places): Written[] {
  const removed: Written[] = []
  const dir = companionDir(options, places)
  for (const browser of options.browsers) {
    const file = join(manifestDir(browser, options, places), `${COMPANION_NAME}.json`)
    if (!existsSync(file)) continue
    rmSync(file, { force: true })
    removed.push({ path: file, what: `${browser} host manifest` })
    // The manifests' directory goes too when nothing else is left in it (rmdir refuses a non-empty one).
    try {
      rmdirSync(dirname(file))
    } catch {
      // Other hosts' manifests live there: keep it.
    }
  }
  const stillUsed = BROWSERS.some((b) => {
    if (options.profile && b === 'firefox') return false
    const file = join(manifestDir(b, options, places), `${COMPANION_NAME}.json`)
    return existsSync(file) && readFileSync(file, 'utf8').includes(JSON.stringify(join(dir, 'vigie-companion')))
  })
  if (!stillUsed && existsSync(dir)) {
    rmSync(dir, { recursive: true, force: true })
    removed.push({ path: dir, what: 'the companion and its launcher' })
  }
  return removed
}

/** The command line: prints what it wrote or removed, where. Returns the exit status. */
export function main(argv: string[], bundle: string, chromeDist: string, out = console.log, err = console.error): number {
  let options: InstallOptions
  try {
    options = parseArgs(argv)
  } catch (error) {
    err(error instanceof Error ? error.message : String(error))
    return 2
  }
  if (process.platform === 'win32') {
    err('Windows needs registry keys for native messaging hosts; this installer knows Linux and macOS only.')
    return 1
  }
  const places: Places = { home: options.home ?? homedir(), platform: process.platform, env: process.env }
  if (options.command === 'uninstall') {
    const removed = uninstall(options, places)
    if (removed.length === 0) out('Nothing to remove: the companion was not installed there.')
    for (const r of removed) out(`removed ${r.path}  (${r.what})`)
    return 0
  }
  const usesChrome = options.browsers.some((b) => b !== 'firefox')
  if (usesChrome && options.extensionIds.length === 0) {
    if (!existsSync(chromeDist)) {
      err(`Chrome needs the extension's id: pass --extension-id ID (see chrome://extensions), or run npm run build first to allow the unpacked ${chromeDist}`)
      return 2
    }
    options.extensionIds.push(unpackedExtensionId(chromeDist))
    out(`Chrome/Chromium: allowing the unpacked extension in ${chromeDist} (id ${options.extensionIds[0]}); pass --extension-id for another.`)
  }
  for (const w of install(options, bundle, places)) out(`wrote ${w.path}  (${w.what})`)
  out("The browser starts the companion when Vigie asks: click Rescan in Vigie's popup.")
  return 0
}
