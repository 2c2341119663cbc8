/**
 * Where each browser reads its native messaging host manifests, per system, and how to tell it is on this computer
 * (PLATFORM.md "Native messaging"; the same places Bitwarden's and KeePassXC's installers use). Pure data and path
 * arithmetic: the paths are computed with the target system's own rules (node:path's posix or win32), so the
 * Windows and macOS plans can be built and tested on Linux.
 */
import { posix, win32 } from 'node:path'
import { COMPANION_NAME } from './protocol.ts'

export const BROWSER_IDS = ['chrome', 'chromium', 'edge', 'brave', 'vivaldi', 'firefox'] as const
export type BrowserId = (typeof BROWSER_IDS)[number]
export type Os = 'linux' | 'darwin' | 'win32'

export interface BrowserInfo {
  id: BrowserId
  label: string
  /** Chromium-family manifests carry `allowed_origins`, Firefox's `allowed_extensions`. */
  family: 'chromium' | 'firefox'
  /** Linux: the user data folder, under $XDG_CONFIG_HOME for the Chromium family, under $HOME for Firefox. */
  linux: string
  /** Linux programs whose presence says the browser is installed (a browser never started has no user folder). */
  programs: string[]
  /** macOS: the folder under ~/Library/Application Support, and the application bundle. */
  mac: { support: string; app: string }
  /** Windows: the HKCU key that holds the manifest's path, and the user data folder (under %LOCALAPPDATA%, or %APPDATA% for Firefox). */
  windows: { key: string; data: string; roaming?: boolean }
  /** The browser's Flatpak: its app id. Its sandbox sees ~/.var/app/<id>/ at the same path. */
  flatpak: string
}

export const BROWSERS: Record<BrowserId, BrowserInfo> = {
  chrome: {
    id: 'chrome',
    label: 'Chrome',
    family: 'chromium',
    linux: 'google-chrome',
    programs: ['/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/opt/google/chrome/chrome'],
    mac: { support: 'Google/Chrome', app: 'Google Chrome.app' },
    windows: { key: 'Software\\Google\\Chrome\\NativeMessagingHosts', data: 'Google\\Chrome\\User Data' },
    flatpak: 'com.google.Chrome',
  },
  chromium: {
    id: 'chromium',
    label: 'Chromium',
    family: 'chromium',
    linux: 'chromium',
    programs: ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'],
    mac: { support: 'Chromium', app: 'Chromium.app' },
    windows: { key: 'Software\\Chromium\\NativeMessagingHosts', data: 'Chromium\\User Data' },
    flatpak: 'org.chromium.Chromium',
  },
  edge: {
    id: 'edge',
    label: 'Edge',
    family: 'chromium',
    linux: 'microsoft-edge',
    programs: ['/usr/bin/microsoft-edge', '/usr/bin/microsoft-edge-stable', '/opt/microsoft/msedge/msedge'],
    mac: { support: 'Microsoft Edge', app: 'Microsoft Edge.app' },
    windows: { key: 'Software\\Microsoft\\Edge\\NativeMessagingHosts', data: 'Microsoft\\Edge\\User Data' },
    flatpak: 'com.microsoft.Edge',
  },
  brave: {
    id: 'brave',
    label: 'Brave',
    family: 'chromium',
    linux: 'BraveSoftware/Brave-Browser',
    programs: ['/usr/bin/brave-browser', '/usr/bin/brave', '/opt/brave.com/brave/brave'],
    mac: { support: 'BraveSoftware/Brave-Browser', app: 'Brave Browser.app' },
    windows: {
      key: 'Software\\BraveSoftware\\Brave-Browser\\NativeMessagingHosts',
      data: 'BraveSoftware\\Brave-Browser\\User Data',
    },
    flatpak: 'com.brave.Browser',
  },
  vivaldi: {
    id: 'vivaldi',
    label: 'Vivaldi',
    family: 'chromium',
    linux: 'vivaldi',
    programs: ['/usr/bin/vivaldi', '/usr/bin/vivaldi-stable', '/opt/vivaldi/vivaldi'],
    mac: { support: 'Vivaldi', app: 'Vivaldi.app' },
    windows: { key: 'Software\\Vivaldi\\NativeMessagingHosts', data: 'Vivaldi\\User Data' },
    flatpak: 'com.vivaldi.Vivaldi',
  },
  firefox: {
    id: 'firefox',
    label: 'Firefox',
    family: 'firefox',
    linux: '.mozilla',
    // Snap's Firefox reads ~/.mozilla/native-messaging-hosts/ through the desktop's portal: the ordinary manifest serves it.
    programs: ['/usr/bin/firefox', '/usr/bin/firefox-esr', '/usr/lib/firefox/firefox', '/snap/bin/firefox'],
    mac: { support: 'Mozilla', app: 'Firefox.app' },
    windows: { key: 'Software\\Mozilla\\NativeMessagingHosts', data: 'Mozilla\\Firefox', roaming: true },
    flatpak: 'org.mozilla.firefox',
  },
}

/** One place a manifest goes: a browser, natively or as its Flatpak. */
export interface Target {
  browser: BrowserId
  flatpak: boolean
}

/**
 * Where each browser reads host manifests for every user on Linux, after its per-user folder (the Debian package
 * installs there; scripts/package-companion.mjs's SYSTEM_MANIFEST_DIRS, whose comment gives the sources). Brave is a
 * Chromium build that keeps Chromium's folder.
 */
export const LINUX_SYSTEM_MANIFEST_FOLDERS: Record<BrowserId, string> = {
  chrome: '/etc/opt/chrome/native-messaging-hosts',
  chromium: '/etc/chromium/native-messaging-hosts',
  brave: '/etc/chromium/native-messaging-hosts',
  edge: '/etc/opt/edge/native-messaging-hosts',
  vivaldi: '/etc/opt/vivaldi/native-messaging-hosts',
  firefox: '/usr/lib/mozilla/native-messaging-hosts',
}

/** The name people type after --browser: `chromium`, or `chromium-flatpak` for its Flatpak. */
export const targetName = (t: Target): string => (t.flatpak ? `${t.browser}-flatpak` : t.browser)
export const targetLabel = (t: Target): string => `${BROWSERS[t.browser].label}${t.flatpak ? ' (Flatpak)' : ''}`
export const TARGET_NAMES: readonly string[] = BROWSER_IDS.flatMap((b) => [b, `${b}-flatpak`])

export function parseTarget(name: string): Target | null {
  const flatpak = name.endsWith('-flatpak')
  const browser = flatpak ? name.slice(0, -'-flatpak'.length) : name
  return (BROWSER_IDS as readonly string[]).includes(browser) ? { browser: browser as BrowserId, flatpak } : null
}

/** The user's folders the plans need, already resolved from HOME and the environment. */
export interface UserDirs {
  os: Os
  home: string
  /** Linux: $XDG_CONFIG_HOME or ~/.config. */
  config: string
  /** Linux: $XDG_DATA_HOME or ~/.local/share. */
  data: string
  /** Windows: %LOCALAPPDATA% and %APPDATA%. */
  localAppData: string
  appData: string
}

/**
 * The folders for `home`. XDG and Windows variables are read only for the real home: with --home DIR, everything is
 * under DIR (so a test's temporary home never writes into the user's real folders).
 */
export function userDirs(os: Os, home: string, env: Record<string, string | undefined>, homeGiven: boolean): UserDirs {
  const path = os === 'win32' ? win32 : posix
  const pick = (name: string, fallback: string) =>
    !homeGiven && env[name] && path.isAbsolute(env[name]) ? env[name] : fallback
  return {
    os,
    home,
    config: pick('XDG_CONFIG_HOME', path.join(home, '.config')),
    data: pick('XDG_DATA_HOME', path.join(home, '.local', 'share')),
    localAppData: pick('LOCALAPPDATA', path.join(home, 'AppData', 'Local')),
    appData: pick('APPDATA', path.join(home, 'AppData', 'Roaming')),
  }
}

export const pathFor = (os: Os) => (os === 'win32' ? win32 : posix)

/** ~/.var/app/<id>: the Flatpak's own folder, which its sandbox sees at the same path. */
export const flatpakRoot = (dirs: UserDirs, browser: BrowserId) =>
  posix.join(dirs.home, '.var', 'app', BROWSERS[browser].flatpak)

/** Where a manifest for `target` goes on Linux and macOS (a folder), or on Windows (a registry key plus our file). */
export function manifestFolder(target: Target, dirs: UserDirs, profile?: string): string {
  const info = BROWSERS[target.browser]
  const path = pathFor(dirs.os)
  if (profile && info.family === 'chromium' && !target.flatpak) return path.join(profile, 'NativeMessagingHosts')
  if (dirs.os === 'darwin')
    return path.join(dirs.home, 'Library', 'Application Support', info.mac.support, 'NativeMessagingHosts')
  if (dirs.os === 'win32') throw new Error('Windows manifests are found through the registry')
  if (target.flatpak) {
    // Inside the sandbox, XDG_CONFIG_HOME is ~/.var/app/<id>/config, and Firefox's ~/.mozilla is ~/.var/app/<id>/.mozilla.
    const root = flatpakRoot(dirs, target.browser)
    return info.family === 'firefox'
      ? path.join(root, '.mozilla', 'native-messaging-hosts')
      : path.join(root, 'config', info.linux, 'NativeMessagingHosts')
  }
  if (info.family === 'firefox') return path.join(dirs.home, '.mozilla', 'native-messaging-hosts')
  return path.join(dirs.config, info.linux, 'NativeMessagingHosts')
}

/** The HKCU key (without the HKCU\ prefix) whose default value names the manifest, on Windows. */
export const registryKey = (browser: BrowserId) => `${BROWSERS[browser].windows.key}\\${COMPANION_NAME}`

/** Paths whose existence says the browser is on this computer (any one is enough). */
export function presenceHints(target: Target, dirs: UserDirs): string[] {
  const info = BROWSERS[target.browser]
  const path = pathFor(dirs.os)
  if (target.flatpak) return dirs.os === 'linux' ? [flatpakRoot(dirs, target.browser)] : []
  if (dirs.os === 'darwin')
    return [
      path.join(dirs.home, 'Library', 'Application Support', info.mac.support),
      path.join('/Applications', info.mac.app),
      path.join(dirs.home, 'Applications', info.mac.app),
    ]
  if (dirs.os === 'win32')
    return [path.join(info.windows.roaming ? dirs.appData : dirs.localAppData, info.windows.data)]
  const folder = info.family === 'firefox' ? path.join(dirs.home, info.linux) : path.join(dirs.config, info.linux)
  return [folder, ...info.programs]
}

/** Every target found on this computer, in the table's order: natives first, then Flatpaks. */
export function detectTargets(dirs: UserDirs, exists: (path: string) => boolean): Target[] {
  const all: Target[] = [
    ...BROWSER_IDS.map((browser) => ({ browser, flatpak: false })),
    ...BROWSER_IDS.map((browser) => ({ browser, flatpak: true })),
  ]
  return all.filter((t) => presenceHints(t, dirs).some(exists))
}
