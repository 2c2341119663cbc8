/**
 * The setup page as plain data (issue #19): the companion's state in words, and the one command or download for
 * this system and browser. A pure function of what the adapter learnt (runtime.getPlatformInfo, which browser,
 * this extension's id and version, the companion's answer to `hello`) and the words.
 */
import type { CompanionInfo } from '../../messages.ts'
import type { Translate } from '../i18n.ts'
import { allowCommand, UPDATE_COMMAND } from '../popup/scanner-view.ts'

/** runtime.getPlatformInfo's words for the system and the processor. */
export interface Platform {
  os: string
  arch: string
}

export interface SetupContext {
  platform: Platform
  /** Chrome and the other Chromium browsers, or Firefox. */
  browser: 'chrome' | 'firefox'
  extensionId: string
  /** The extension's version: the companion's packages carry the same. */
  version: string
  /** The companion's last answer; null before the first. */
  companion: CompanionInfo | null
}

/** One way to install the companion: what to do, and the command, which the page can copy. */
export interface Way {
  id: 'deb' | 'npx' | 'executable'
  title: string
  text: string
  /** The file to download first, if any. */
  download?: string
  command: string
}

/** The companion's state in words (the setup page and the options page). */
export interface CompanionLine {
  /** data-companion: checking, missing, forbidden, outdated, broken, working. */
  state: string
  text: string
  /** The command that fixes it (forbidden, outdated). */
  command?: string
  good: boolean
}

export interface SetupView {
  title: string
  intro: string
  status: CompanionLine
  check: string
  system: string
  idLabel: string
  extensionId: string
  waysTitle: string
  ways: Way[]
  copy: string
  copied: string
  after: string
  limits: { title: string; items: string[] }
}

/** The companion's state as one line, with the command that fixes it. */
export function companionLine(
  companion: CompanionInfo | null,
  browser: 'chrome' | 'firefox',
  extensionId: string,
  t: Translate,
): CompanionLine {
  switch (companion?.state ?? 'unknown') {
    case 'unknown':
      return { state: 'checking', text: t('setupChecking'), good: false }
    case 'working':
      return { state: 'working', text: t('setupConnected', [companion?.version ?? '?']), good: true }
    case 'missing':
      // Firefox answers a manifest that does not allow Vigie's id exactly as a missing one (scan-rules.ts).
      return {
        state: 'missing',
        text: browser === 'firefox' ? t('setupMissingFirefox', [extensionId]) : t('setupMissing'),
        good: false,
      }
    case 'forbidden':
      return {
        state: 'forbidden',
        text: t('scannerForbidden', [extensionId]),
        command: allowCommand(extensionId),
        good: false,
      }
    case 'outdated':
      return {
        state: 'outdated',
        text: companion?.version ? t('scannerOutdated', [companion.version]) : t('scannerOutdatedUnknown'),
        command: UPDATE_COMMAND,
        good: false,
      }
    default:
      return { state: 'broken', text: t('scannerBroken', [companion?.message ?? '']), good: false }
  }
}

/** The single executable's file name for a system and processor, as the release names them. */
export function executableName(platform: Platform): string | null {
  const arch = platform.arch === 'arm64' || platform.arch === 'arm' ? 'arm64' : 'x64'
  if (platform.os === 'linux') return arch === 'x64' ? 'vigie-companion-linux-x64' : null
  if (platform.os === 'mac') return `vigie-companion-macos-${arch}`
  if (platform.os === 'win') return 'vigie-companion-win-x64.exe'
  return null
}

/**
 * The ways to install, the most ordinary first for this system: on Linux the .deb (Debian, Ubuntu and their kin),
 * then npx, then the single executable; on macOS and Windows the single executable, then npx. A Chromium browser
 * names this copy's id (a store copy, an unpacked one and another store's all differ); Firefox's id is fixed.
 */
export function waysFor(
  context: Pick<SetupContext, 'platform' | 'browser' | 'extensionId' | 'version'>,
  t: Translate,
): Way[] {
  const { platform, browser, extensionId, version } = context
  const allow = browser === 'chrome' ? ` --extension-id ${extensionId}` : ''
  const npx: Way = {
    id: 'npx',
    title: t('setupWayNpx'),
    text: t('setupWayNpxText'),
    command: `npx vigie-companion install${allow}`,
  }
  const file = executableName(platform)
  const executable: Way | null = file
    ? {
        id: 'executable',
        title: t('setupWayExecutable'),
        text: t('setupWayExecutableText', [file]),
        download: file,
        command: platform.os === 'win' ? `.\\${file} install${allow}` : `chmod +x ${file} && ./${file} install${allow}`,
      }
    : null
  if (platform.os === 'linux') {
    const deb = `vigie-companion_${version}_all.deb`
    const debWay: Way = {
      id: 'deb',
      title: t('setupWayDeb'),
      text: t('setupWayDebText', [deb]),
      download: deb,
      command: `sudo apt install ./${deb}`,
    }
    // The .deb allows the store copies' ids; another copy of Vigie in a Chromium browser is allowed with --extension-id.
    if (browser === 'chrome') debWay.command += ` && vigie-companion install${allow}`
    return [debWay, npx, ...(executable ? [executable] : [])]
  }
  return [...(executable ? [executable] : []), npx]
}

const OS_NAMES: Record<string, string> = {
  linux: 'Linux',
  mac: 'macOS',
  win: 'Windows',
  cros: 'ChromeOS',
  android: 'Android',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
}

export function setupView(context: SetupContext, t: Translate): SetupView {
  const { platform, browser, extensionId } = context
  const browserName = t(browser === 'firefox' ? 'setupBrowserFirefox' : 'setupBrowserChromium')
  return {
    title: t('setupTitle'),
    intro: t('setupIntro'),
    status: companionLine(context.companion, browser, extensionId, t),
    check: t('scannerCheckAgain'),
    system: t('setupSystem', [`${OS_NAMES[platform.os] ?? platform.os} (${platform.arch})`, browserName]),
    idLabel: t('setupExtensionId'),
    extensionId,
    waysTitle: t('setupWaysTitle'),
    ways: waysFor(context, t),
    copy: t('setupCopy'),
    copied: t('setupCopied'),
    after: t('setupAfter'),
    limits: { title: t('setupLimitsTitle'), items: [t('setupLimitAddress'), t('setupLimitProxy'), t('setupLimitCap')] },
  }
}
