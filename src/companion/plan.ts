/**
 * What install and uninstall do, as data: folders, files (with their text and mode), registry keys. Pure: the
 * plans for Linux, macOS and Windows are built and tested anywhere; apply.ts carries them out on this computer.
 *
 * The companion is copied to a folder of its own (never left in an npx cache or node_modules, which come and go),
 * with a launcher naming the runtime by absolute path, and each browser gets a manifest naming that launcher.
 * A Flatpak browser can run only what is inside its sandbox, and has no Node there: it gets its own copy of the
 * single executable under ~/.var/app/<id>/, and nothing when the companion runs as a script.
 */
import {
  BROWSERS,
  flatpakRoot,
  manifestFolder,
  pathFor,
  registryKey,
  targetLabel,
  targetName,
  type Target,
  type UserDirs,
} from './browsers.ts'
import { GECKO_ID } from './ids.ts'
import { cmdLauncher, shellLauncher } from './launcher.ts'
import { COMPANION_NAME } from './protocol.ts'

/** What runs the companion: `node` and this bundled script, or a single executable (Node's SEA) alone. */
export type Runtime = { kind: 'script'; node: string; script: string } | { kind: 'sea'; executable: string }

export type Step =
  /** mkdir -p; `own`: the companion's own folder, 0755 even when it existed (other folders are chmod-ed only when created). */
  | { kind: 'folder'; path: string; own?: boolean }
  | { kind: 'copy'; from: string; path: string; mode: number; what: string }
  | { kind: 'write'; path: string; text: string; mode: number; what: string }
  /** HKCU\<key>, default value = `value` (the manifest's path), written with reg.exe. */
  | { kind: 'registry'; key: string; value: string; what: string }

/** The steps one owner needs: the companion itself, or one target's registration (its Flatpak copy included). */
export interface Part {
  owner: string
  steps: Step[]
}

export interface InstallPlan {
  folder: string
  /** The record of what was written, read back by uninstall. */
  record: string
  parts: Part[]
  installed: Target[]
  skipped: { target: Target; reason: string }[]
}

export interface InstallInput {
  dirs: UserDirs
  targets: Target[]
  /** Chromium-family ids to allow: the published ones, the unpacked build's, every --extension-id. */
  extensionIds: string[]
  profile?: string
  /** Where the companion goes (companionFolder()). */
  folder: string
  runtime: Runtime
  version: string
}

export const RECORD_NAME = 'installed.json'
export const COMPANION_OWNER = 'companion'

/** The companion's own folder: beside a test profile when only --profile is given, else the user's data folder. */
export function companionFolder(dirs: UserDirs, where: { profile?: string; home?: string }): string {
  const path = pathFor(dirs.os)
  if (where.profile !== undefined && where.home === undefined) return path.join(where.profile, 'vigie-companion')
  if (dirs.os === 'darwin') return path.join(dirs.home, 'Library', 'Application Support', 'Vigie')
  if (dirs.os === 'win32') return path.join(dirs.localAppData, 'Vigie')
  return path.join(dirs.data, 'vigie')
}

/** The file names in a companion folder, per system and runtime. */
function names(os: UserDirs['os'], runtime: Runtime['kind']) {
  if (os === 'win32')
    return {
      program: runtime === 'sea' ? 'vigie-companion.exe' : 'vigie-companion.mjs',
      launcher: 'vigie-companion.cmd',
    }
  return { program: runtime === 'sea' ? 'vigie-companion-sea' : 'vigie-companion.mjs', launcher: 'vigie-companion' }
}

/** The steps that put the companion and its launcher into `folder`. */
function companionSteps(input: InstallInput, folder: string): Step[] {
  const { dirs, runtime, version } = input
  const path = pathFor(dirs.os)
  const n = names(dirs.os, runtime.kind)
  const program = path.join(folder, n.program)
  const launcher = path.join(folder, n.launcher)
  const exec = runtime.kind === 'sea' ? { runtime: program } : { runtime: runtime.node, script: program }
  const text = dirs.os === 'win32' ? cmdLauncher(exec, folder, dirs.home, version) : shellLauncher(exec, version)
  return [
    { kind: 'folder', path: folder, own: true },
    runtime.kind === 'sea'
      ? {
          kind: 'copy',
          from: runtime.executable,
          path: program,
          mode: 0o755,
          what: 'the companion, a single executable',
        }
      : { kind: 'copy', from: runtime.script, path: program, mode: 0o644, what: 'the companion, bundled in one file' },
    {
      kind: 'write',
      path: launcher,
      text,
      // cmd.exe runs a .cmd by its name; the mode is for the POSIX systems.
      mode: dirs.os === 'win32' ? 0o644 : 0o755,
      what: runtime.kind === 'sea' ? 'launcher: runs the single executable' : `launcher: runs ${runtime.node}`,
    },
  ]
}

export const launcherPath = (input: Pick<InstallInput, 'dirs' | 'runtime'>, folder: string) =>
  pathFor(input.dirs.os).join(folder, names(input.dirs.os, input.runtime.kind).launcher)

/** The host manifest's JSON for one browser. */
export function hostManifest(target: Target, launcher: string, extensionIds: string[]): Record<string, unknown> {
  const base = { name: COMPANION_NAME, description: "Vigie's local TLS scanner", path: launcher, type: 'stdio' }
  return BROWSERS[target.browser].family === 'firefox'
    ? { ...base, allowed_extensions: [GECKO_ID] }
    : { ...base, allowed_origins: extensionIds.map((id) => `chrome-extension://${id}/`) }
}

const manifestText = (manifest: Record<string, unknown>) => JSON.stringify(manifest, null, 2) + '\n'

function allowedText(target: Target, ids: string[]): string {
  return BROWSERS[target.browser].family === 'firefox' ? GECKO_ID : ids.join(', ')
}

export function planInstall(input: InstallInput): InstallPlan {
  const { dirs, folder } = input
  const path = pathFor(dirs.os)
  const parts: Part[] = []
  const installed: Target[] = []
  const skipped: InstallPlan['skipped'] = []
  const launcher = launcherPath(input, folder)
  let needsCompanion = false

  for (const target of input.targets) {
    const info = BROWSERS[target.browser]
    if (info.family === 'chromium' && input.extensionIds.length === 0) {
      skipped.push({
        target,
        reason: "no extension id to allow: pass --extension-id ID (Vigie's setup page and chrome://extensions show it)",
      })
      continue
    }
    if (target.flatpak && (dirs.os !== 'linux' || input.runtime.kind !== 'sea')) {
      skipped.push({
        target,
        reason:
          dirs.os !== 'linux'
            ? 'Flatpak is for Linux'
            : 'a Flatpak browser runs only programs inside its sandbox, where there is no Node: install with the single executable (vigie-companion-linux-x64 install)',
      })
      continue
    }
    const steps: Step[] = []
    let hostLauncher = launcher
    if (target.flatpak) {
      // The sandbox sees ~/.var/app/<id>/ at the same path: its own copy of the executable lives there.
      const own = path.join(flatpakRoot(dirs, target.browser), 'data', 'vigie')
      steps.push(...companionSteps(input, own))
      hostLauncher = launcherPath(input, own)
    } else {
      needsCompanion = true
    }
    const manifest = manifestText(hostManifest(target, hostLauncher, input.extensionIds))
    const what = `${targetLabel(target)} host manifest, allowing ${allowedText(target, input.extensionIds)}`
    if (dirs.os === 'win32') {
      // Windows has no manifest folder: the manifest is our file, and a registry key names it.
      const file = path.join(folder, `${COMPANION_NAME}.${target.browser}.json`)
      steps.push({ kind: 'write', path: file, text: manifest, mode: 0o644, what })
      steps.push({
        kind: 'registry',
        key: registryKey(target.browser),
        value: file,
        what: `${targetLabel(target)} registry key, naming that manifest`,
      })
    } else {
      const manifestDir = manifestFolder(target, dirs, input.profile)
      steps.push({ kind: 'folder', path: manifestDir })
      steps.push({
        kind: 'write',
        path: path.join(manifestDir, `${COMPANION_NAME}.json`),
        text: manifest,
        mode: 0o644,
        what,
      })
    }
    parts.push({ owner: targetName(target), steps })
    installed.push(target)
  }
  if (needsCompanion) parts.unshift({ owner: COMPANION_OWNER, steps: companionSteps(input, folder) })
  return { folder, record: path.join(folder, RECORD_NAME), parts, installed, skipped }
}

/** reg.exe's arguments for a step (run without a shell: each argument reaches reg.exe as it is, in Unicode). */
export const regAdd = (key: string, value: string) => ['add', `HKCU\\${key}`, '/ve', '/t', 'REG_SZ', '/d', value, '/f']
export const regDelete = (key: string) => ['delete', `HKCU\\${key}`, '/f']
export const regQuery = (key: string) => ['query', `HKCU\\${key}`, '/ve']

/** The default value in `reg query KEY /ve`'s output ("    (Default)    REG_SZ    C:\\path"), or null. */
export function parseRegQuery(output: string): string | null {
  const line = output.split(/\r?\n/).find((l) => /\sREG_(?:EXPAND_)?SZ\s/.test(l))
  const match = line?.match(/\sREG_(?:EXPAND_)?SZ\s+(.*\S)\s*$/)
  return match?.[1] ?? null
}

// ---- The record of an install, and uninstall's plan from it ----

export interface RecordPart {
  owner: string
  files: string[]
  /** Folders this install created (removed again when empty), deepest last. */
  folders: string[]
  registry: string[]
}

export interface InstallRecord {
  format: 1
  version: string
  folder: string
  parts: RecordPart[]
}

/** The record after an install: the new parts replace the old ones of the same owner, the others stay. */
export function mergeRecord(old: InstallRecord | null, fresh: InstallRecord): InstallRecord {
  const owners = new Set(fresh.parts.map((p) => p.owner))
  const kept = (old?.parts ?? []).filter((p) => !owners.has(p.owner))
  const merged = fresh.parts.map((p) => {
    // A folder an earlier install created stays recorded as ours.
    const before = old?.parts.find((o) => o.owner === p.owner)
    return { ...p, folders: [...new Set([...(before?.folders ?? []), ...p.folders])] }
  })
  return { ...fresh, parts: [...kept, ...merged] }
}

/** Files an earlier install of the same owner wrote that this one did not: stale (another runtime), to remove. */
export function staleFiles(old: InstallRecord | null, fresh: InstallRecord): string[] {
  return (old?.parts ?? []).flatMap((o) => {
    const now = fresh.parts.find((p) => p.owner === o.owner)
    return now ? o.files.filter((f) => !now.files.includes(f)) : []
  })
}

export type Removal =
  { kind: 'file'; path: string } | { kind: 'registry'; key: string } | { kind: 'folder'; path: string }

export interface UninstallPlan {
  removals: Removal[]
  /** What the record becomes: null when nothing is left (the record file goes too). */
  record: InstallRecord | null
}

/**
 * Removes the parts of the named targets (all when none is named). The companion itself goes once no native
 * target uses it. Folders go only when empty (apply checks), deepest first, and only those the install created.
 */
export function planUninstall(record: InstallRecord, owners: string[] | null): UninstallPlan {
  const removing = (p: RecordPart) => owners === null || owners.includes(p.owner)
  let leaving = record.parts.filter(removing)
  let staying = record.parts.filter((p) => !removing(p))
  const nativeLeft = staying.some((p) => p.owner !== COMPANION_OWNER && !p.owner.endsWith('-flatpak'))
  if (!nativeLeft) {
    leaving = [...leaving, ...staying.filter((p) => p.owner === COMPANION_OWNER)]
    staying = staying.filter((p) => p.owner !== COMPANION_OWNER)
  }
  const gone = staying.length === 0
  const removals: Removal[] = [
    ...leaving.flatMap((p) => p.files.map((path): Removal => ({ kind: 'file', path }))),
    ...leaving.flatMap((p) => p.registry.map((key): Removal => ({ kind: 'registry', key }))),
  ]
  const folders = [...new Set([...leaving.flatMap((p) => p.folders), ...(gone ? [record.folder] : [])])]
  // Deepest first, so a parent is tried after its children.
  folders.sort((a, b) => b.length - a.length)
  removals.push(...folders.map((path): Removal => ({ kind: 'folder', path })))
  return { removals, record: gone ? null : { ...record, parts: staying } }
}
