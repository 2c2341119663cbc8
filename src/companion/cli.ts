/**
 * The CLI's commands, run with the world passed in (where it writes, what it reads of this computer), so a test
 * can run them in a temporary home. main.ts calls `runCli` when no browser started the program.
 */
import { existsSync, realpathSync } from 'node:fs'
import { resolve } from 'node:path'
import { detectTargets, targetLabel, targetName, userDirs, type Os, type Target } from './browsers.ts'
import { parseCommand, usage, UsageError, type Command } from './args.ts'
import {
  applyInstall,
  applyUninstall,
  describeStep,
  legacyRecord,
  readRecord,
  realEffects,
  type Effects,
} from './apply.ts'
import { diagnose, formatVerdict, observe, type Verdict } from './doctor.ts'
import { STORE_EXTENSION_IDS } from './ids.ts'
import { companionFolder, planInstall, planUninstall, RECORD_NAME, type Runtime } from './plan.ts'
import { COMPANION_VERSION } from './protocol.ts'

export interface CliWorld {
  os: Os
  home: string
  env: Record<string, string | undefined>
  /** What runs now, to be copied: this bundled script with this node, or this single executable. */
  runtime: Runtime
  version: string
  out(line: string): void
  err(line: string): void
  exists?(path: string): boolean
  effects?: Effects
  /** How the user runs install, for the fixes doctor prints ("vigie-companion install", "npm run companion:install --"). */
  installCommand?: string
  /** A clone's npm script adds the unpacked build's id to install when none is given. */
  installAddsId?: boolean
  /** How the user runs the program, for --help. */
  name?: string
}

/** "Chrome", "Chrome and Firefox", "Chrome, Chromium and Firefox". */
export function listOf(labels: string[]): string {
  if (labels.length <= 1) return labels.join('')
  return `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`
}

/** The installer's last line: the same words as the extension's popup and setup page. */
export function installedLine(targets: Target[]): string {
  return `Vigie's companion is installed for ${listOf(targets.map(targetLabel))}. Vigie finds it by itself within a few seconds; if the popup still says it is missing, click "Check again".`
}

function resolveWhere(command: { profile?: string; home?: string }) {
  return {
    ...(command.profile !== undefined ? { profile: resolve(command.profile) } : {}),
    ...(command.home !== undefined ? { home: resolve(command.home) } : {}),
  }
}

/** Runs one command line; returns the exit status (0 done, 1 failed, 2 usage error). */
export async function runCli(argv: readonly string[], world: CliWorld): Promise<number> {
  try {
    return await run(argv, world)
  } catch (error) {
    // A folder not writable, a file in use (Windows keeps a running .exe locked), reg.exe refusing: one line, no stack.
    const code = (error as { code?: unknown }).code
    world.err(`vigie-companion: ${error instanceof Error ? error.message : String(error)}`)
    if (code === 'EBUSY' || code === 'EPERM' || code === 'ETXTBSY')
      world.err('A browser may be running the companion: close the browsers, then run the same command again.')
    return 1
  }
}

async function run(argv: readonly string[], world: CliWorld): Promise<number> {
  let command: Command
  try {
    command = parseCommand(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    world.err(`vigie-companion: ${error.message}`)
    world.err(`Run "${world.name ?? 'vigie-companion'} --help" for the commands and options.`)
    return 2
  }
  if (command.command === 'help') {
    world.out(usage(world.name))
    return 0
  }
  if (command.command === 'version') {
    world.out(`vigie-companion ${world.version} (protocol ${COMPANION_VERSION}, node ${process.version})`)
    return 0
  }
  const where = resolveWhere(command)
  const dirs = userDirs(world.os, where.home ?? world.home, world.env, where.home !== undefined)
  const exists = world.exists ?? existsSync
  const folder = companionFolder(dirs, where)
  const installCommand = world.installCommand ?? 'vigie-companion install'

  if (command.command === 'install') {
    const targets = command.targets.length > 0 ? command.targets : detectTargets(dirs, exists)
    if (targets.length === 0) {
      world.err(
        'No browser found on this computer. Name one with --browser (chrome, chromium, edge, brave, vivaldi, firefox).',
      )
      return 1
    }
    const extensionIds = [...new Set([...STORE_EXTENSION_IDS, ...command.extensionIds])]
    const plan = planInstall({
      dirs,
      targets,
      extensionIds,
      ...where,
      folder,
      runtime: world.runtime,
      version: world.version,
    })
    for (const s of plan.skipped) world.err(`${targetLabel(s.target)}: skipped, ${s.reason}`)
    if (plan.installed.length === 0) {
      world.err('Nothing installed.')
      return 1
    }
    if (command.dryRun) {
      for (const part of plan.parts) for (const step of part.steps) world.out(describeStep(step, false))
      world.out(`would write ${plan.record} (0644)  (the record of this install, for uninstall)`)
      world.out(
        `Dry run: nothing was written. Without --dry-run, Vigie's companion would be installed for ${listOf(plan.installed.map(targetLabel))}.`,
      )
      return 0
    }
    for (const line of applyInstall(plan, world.version, world.effects ?? realEffects)) world.out(line)
    world.out(installedLine(plan.installed))
    return 0
  }

  if (command.command === 'uninstall') {
    const recordPath = resolve(folder, RECORD_NAME)
    const record = readRecord(recordPath) ?? legacyRecord(folder, dirs, where.profile)
    if (record === null) {
      world.out(`Nothing to remove: no install recorded in ${folder}.`)
      return 0
    }
    const owners = command.targets.length > 0 ? command.targets.map(targetName) : null
    const plan = planUninstall(record, owners)
    if (command.dryRun) {
      for (const r of plan.removals)
        world.out(
          `would remove ${r.kind === 'registry' ? `HKCU\\${r.key}` : r.kind === 'folder' ? `${r.path}/ (if empty)` : r.path}`,
        )
      return 0
    }
    const lines = applyUninstall(plan, recordPath, world.effects ?? realEffects)
    for (const line of lines) world.out(line)
    world.out(
      plan.record === null
        ? "Vigie's companion is uninstalled."
        : `Removed for ${listOf(command.targets.map(targetLabel))}; the companion stays for the other browsers.`,
    )
    return 0
  }

  // doctor: every browser found here, every one with a manifest, or the ones named.
  const named = command.targets.length > 0
  const candidates = named
    ? command.targets
    : [...detectTargets(dirs, exists), ...(where.profile ? [{ browser: 'chromium' as const, flatpak: false }] : [])]
  const seen = new Set<string>()
  const targets = candidates.filter((t) => !seen.has(targetName(t)) && seen.add(targetName(t)))
  // The round trips run side by side: each starts its own companion, as each browser would.
  const observations = await Promise.all(
    targets.map((target) =>
      observe(target, {
        dirs,
        ...(where.profile ? { profile: where.profile } : {}),
        systemWide: where.home === undefined && where.profile === undefined && world.os === 'linux',
      }),
    ),
  )
  const verdicts: Verdict[] = observations.map((o) =>
    diagnose(o, {
      os: world.os,
      installCommand,
      extensionIds: command.extensionIds,
      knowsAnId: STORE_EXTENSION_IDS.length > 0 || world.installAddsId === true,
    }),
  )
  const ready = verdicts.some((v) => v.ready)
  if (command.json) {
    world.out(
      JSON.stringify({ ready, version: world.version, protocol: COMPANION_VERSION, browsers: verdicts }, null, 2),
    )
  } else {
    if (verdicts.length === 0)
      world.out(`No browser found on this computer. Name one with --browser, then: ${installCommand}`)
    for (const verdict of verdicts) for (const line of formatVerdict(verdict)) world.out(line)
    world.out(
      ready ? `Ready in ${listOf(verdicts.filter((v) => v.ready).map((v) => v.label))}.` : 'Not ready in any browser.',
    )
  }
  return ready ? 0 : 1
}

/** The real path of a file, or the path itself when it cannot be resolved. */
export function realPath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}
