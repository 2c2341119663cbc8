/**
 * The command line, parsed with node:util's parseArgs (pure: argv in, a command or a UsageError out). One program
 * is both the host and the CLI: `isBrowserLaunch` tells which from the arguments a browser passes.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { BROWSERS, parseTarget, TARGET_NAMES, type Target } from './browsers.ts'
import { EXTENSION_ID } from './ids.ts'

export class UsageError extends Error {}

export type Command =
  | { command: 'install'; targets: Target[]; extensionIds: string[]; profile?: string; home?: string; dryRun: boolean }
  | { command: 'uninstall'; targets: Target[]; profile?: string; home?: string; dryRun: boolean }
  | { command: 'doctor'; targets: Target[]; profile?: string; home?: string; json: boolean; extensionIds: string[] }
  | { command: 'version' }
  | { command: 'help' }

/** `name` is how the user runs it: `vigie-companion`, or `npm run companion:install --` from a clone. */
export function usage(name = 'vigie-companion'): string {
  return `Vigie's companion: the local TLS scanner Vigie's extension talks to (native messaging).

usage: ${name} install [--browser NAME]... [--extension-id ID]... [--profile DIR] [--home DIR] [--dry-run]
       ${name} uninstall [--browser NAME]... [--profile DIR] [--home DIR] [--dry-run]
       ${name} doctor [--json] [--browser NAME]... [--profile DIR] [--home DIR]
       ${name} --version | --help

install     copies the companion to a folder of its own and registers it with each browser found on this computer
            (or each --browser NAME: ${TARGET_NAMES.filter((n) => !n.endsWith('-flatpak')).join(', ')}; NAME-flatpak for a Flatpak browser)
uninstall   removes exactly what install wrote
doctor      checks each browser's registration and talks to the companion as the browser would; exit 0 when one is ready

--extension-id ID  a Chromium extension id to allow besides the published ones (chrome://extensions shows it)
--profile DIR      a Chromium --user-data-dir: its manifest goes to DIR/NativeMessagingHosts/
--home DIR         another home folder (tests); nothing is written outside it
--dry-run          prints what would be written, writes nothing`
}

const OPTIONS = {
  browser: { type: 'string', multiple: true },
  'extension-id': { type: 'string', multiple: true },
  profile: { type: 'string' },
  home: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  version: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options']

/** What each command accepts: parseArgs knows every option, this says which belong where. */
const ALLOWED: Record<'install' | 'uninstall' | 'doctor', (keyof typeof OPTIONS)[]> = {
  install: ['browser', 'extension-id', 'profile', 'home', 'dry-run'],
  uninstall: ['browser', 'profile', 'home', 'dry-run'],
  doctor: ['browser', 'extension-id', 'profile', 'home', 'json'],
}

/**
 * Started by a browser? Chrome passes the caller's origin first (`chrome-extension://<id>/`, then on Windows
 * `--parent-window=N`); Firefox the manifest's path (ending in .json) and the extension's id. No argument at all
 * with stdin not a terminal is a host too (a test or benchmark piping frames), so the CLI needs a terminal or a command.
 */
export function isBrowserLaunch(argv: readonly string[], stdinIsTerminal: boolean): boolean {
  const first = argv[0]
  if (first === undefined) return !stdinIsTerminal
  return (
    first.startsWith('chrome-extension://') || (/\.json$/i.test(first) && argv.length >= 2 && !first.startsWith('-'))
  )
}

function fail(message: string): never {
  throw new UsageError(message)
}

export function parseCommand(argv: readonly string[]): Command {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true; strict: true }>>
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    // parseArgs's own words name the option ("Unknown option '--colour'"); keep them, without its error code.
    fail(error instanceof Error ? error.message.replace(/\. To specify a positional argument.*$/s, '') : String(error))
  }
  const { values, positionals } = parsed
  if (values.help) return { command: 'help' }
  if (values.version) return { command: 'version' }
  const [command, ...extra] = positionals
  if (command === undefined) fail('a command is needed: install, uninstall or doctor')
  if (command !== 'install' && command !== 'uninstall' && command !== 'doctor')
    fail(`unknown command "${command}": install, uninstall or doctor`)
  if (extra.length > 0) fail(`unexpected argument "${extra[0]}"`)
  for (const key of Object.keys(values) as (keyof typeof OPTIONS)[]) {
    if (values[key] !== undefined && !ALLOWED[command].includes(key)) fail(`--${key} does not apply to ${command}`)
  }

  const targets: Target[] = []
  for (const name of values.browser ?? []) {
    const target = parseTarget(name.toLowerCase())
    if (!target)
      fail(
        `unknown browser "${name}": ${TARGET_NAMES.filter((n) => !n.endsWith('-flatpak')).join(', ')} (or NAME-flatpak)`,
      )
    if (!targets.some((t) => t.browser === target.browser && t.flatpak === target.flatpak)) targets.push(target)
  }
  const extensionIds: string[] = []
  for (const id of values['extension-id'] ?? []) {
    if (!EXTENSION_ID.test(id))
      fail(`"${id}" is not a Chromium extension id (32 letters from a to p, as chrome://extensions shows it)`)
    if (!extensionIds.includes(id)) extensionIds.push(id)
  }
  for (const key of ['profile', 'home'] as const) {
    if (values[key] === '') fail(`--${key} needs a folder`)
  }
  const profile = values.profile
  if (profile !== undefined) {
    // A --user-data-dir belongs to one Chromium-family browser; Firefox's manifest follows --home.
    const chromiumFamily = targets.filter((t) => BROWSERS[t.browser].family === 'chromium')
    if (chromiumFamily.some((t) => t.flatpak))
      fail('--profile is a Chromium --user-data-dir: it does not apply to a Flatpak browser')
    if (chromiumFamily.length > 1)
      fail("--profile is one browser's --user-data-dir: name one Chromium-family browser with it")
    // Install and doctor: the profile's browser is Chromium unless named; uninstall follows the record.
    if (targets.length === 0 && command !== 'uninstall') targets.push({ browser: 'chromium', flatpak: false })
  }
  const where = {
    ...(profile !== undefined ? { profile } : {}),
    ...(values.home !== undefined ? { home: values.home } : {}),
  }
  if (command === 'install') return { command, targets, extensionIds, ...where, dryRun: values['dry-run'] ?? false }
  if (command === 'uninstall') return { command, targets, ...where, dryRun: values['dry-run'] ?? false }
  return { command, targets, extensionIds, ...where, json: values.json ?? false }
}
