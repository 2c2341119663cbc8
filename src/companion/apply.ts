/**
 * Carries out plan.ts's plans on this computer: folders 0755, files 0644 or 0755 whatever the umask (chmod after
 * each write: under umask 000 a plain write would leave them writable by every local user, who could then replace
 * the program the browser runs; issue #21), each file written beside its place and renamed over it (a browser
 * starting the companion meanwhile sees the old file or the new, never half of one), registry keys with reg.exe.
 * Records what it wrote, so that uninstall removes exactly that.
 */
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { basename, dirname, join } from 'node:path'
import * as v from 'valibot'
import { BROWSER_IDS, manifestFolder, type Target, type UserDirs } from './browsers.ts'
import { COMPANION_NAME } from './protocol.ts'
import {
  COMPANION_OWNER,
  mergeRecord,
  regAdd,
  regDelete,
  staleFiles,
  type InstallPlan,
  type InstallRecord,
  type RecordPart,
  type Step,
  type UninstallPlan,
} from './plan.ts'

const RecordSchema = v.object({
  format: v.literal(1),
  version: v.pipe(v.string(), v.maxLength(40)),
  folder: v.string(),
  parts: v.pipe(
    v.array(
      v.object({
        owner: v.pipe(v.string(), v.maxLength(40)),
        files: v.array(v.string()),
        folders: v.array(v.string()),
        registry: v.array(v.string()),
      }),
    ),
    v.maxLength(50),
  ),
})

/** The record in `path`, or null when there is none or it is not ours (never trusted further than its schema). */
export function readRecord(path: string): InstallRecord | null {
  try {
    const parsed = v.safeParse(RecordSchema, JSON.parse(readFileSync(path, 'utf8')))
    return parsed.success ? parsed.output : null
  } catch {
    return null
  }
}

/** One line per step, for --dry-run and for what install prints. */
export function describeStep(step: Step, done: boolean): string {
  const mode = (m: number) => `0${m.toString(8)}`
  if (step.kind === 'folder') return `${done ? 'made' : 'would make'} ${step.path}/ (0755)`
  if (step.kind === 'registry')
    return `${done ? 'wrote' : 'would write'} HKCU\\${step.key} = ${step.value}  (${step.what}; reg.exe ${regAdd(step.key, step.value).join(' ')})`
  return `${done ? 'wrote' : 'would write'} ${step.path} (${mode(step.mode)})  (${step.what})`
}

/** Writes `data` beside `path`, sets its mode, and renames it into place. */
function writeAtomically(path: string, write: (tmp: string) => void, mode: number): void {
  const tmp = `${path}.${process.pid}.tmp`
  try {
    write(tmp)
    chmodSync(tmp, mode)
    renameSync(tmp, path)
  } finally {
    rmSync(tmp, { force: true })
  }
}

/** mkdir -p, returning the folders it created, outermost first. */
function makeFolder(path: string): string[] {
  const first = mkdirSync(path, { recursive: true })
  if (first === undefined) return []
  const created = [path]
  for (let dir = path; dir !== first;) {
    dir = dirname(dir)
    created.unshift(dir)
  }
  return created
}

export interface Effects {
  /** reg.exe, on Windows only. */
  reg(args: string[]): void
}

export const realEffects: Effects = {
  reg: (args) => void execFileSync('reg.exe', args, { stdio: ['ignore', 'ignore', 'pipe'], windowsHide: true }),
}

/** Installs. Returns one line per thing written, in order. */
export function applyInstall(plan: InstallPlan, version: string, effects: Effects = realEffects): string[] {
  const lines: string[] = []
  const parts: RecordPart[] = []
  for (const part of plan.parts) {
    const record: RecordPart = { owner: part.owner, files: [], folders: [], registry: [] }
    for (const step of part.steps) {
      if (step.kind === 'folder') {
        const created = makeFolder(step.path)
        for (const dir of created) chmodSync(dir, 0o755)
        if (step.own) chmodSync(step.path, 0o755)
        record.folders.push(...created)
        if (created.length > 0) lines.push(describeStep(step, true))
      } else if (step.kind === 'copy') {
        writeAtomically(step.path, (tmp) => copyFileSync(step.from, tmp), step.mode)
        record.files.push(step.path)
        lines.push(describeStep(step, true))
      } else if (step.kind === 'write') {
        writeAtomically(step.path, (tmp) => writeFileSync(tmp, step.text, { mode: step.mode }), step.mode)
        record.files.push(step.path)
        lines.push(describeStep(step, true))
      } else {
        effects.reg(regAdd(step.key, step.value))
        record.registry.push(step.key)
        lines.push(describeStep(step, true))
      }
    }
    parts.push(record)
  }
  const old = readRecord(plan.record)
  const fresh: InstallRecord = { format: 1, version, folder: plan.folder, parts }
  for (const stale of staleFiles(old, fresh)) rmSync(stale, { force: true })
  mkdirSync(plan.folder, { recursive: true })
  writeAtomically(
    plan.record,
    (tmp) => writeFileSync(tmp, JSON.stringify(mergeRecord(old, fresh), null, 2) + '\n'),
    0o644,
  )
  lines.push(`wrote ${plan.record} (0644)  (the record of this install, for uninstall)`)
  return lines
}

/**
 * An install made before the record existed (npm run companion:install until issue #19): its manifests name the
 * launcher in `folder`. Builds the record it would have written, from the manifests found in the usual places.
 */
export function legacyRecord(folder: string, dirs: UserDirs, profile: string | undefined): InstallRecord | null {
  const parts: RecordPart[] = []
  const targets: Target[] = BROWSER_IDS.map((browser) => ({ browser, flatpak: false }))
  for (const target of targets) {
    let file: string
    try {
      file = join(manifestFolder(target, dirs, profile), `${COMPANION_NAME}.json`)
    } catch {
      continue
    }
    try {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { path?: unknown }
      if (typeof manifest.path === 'string' && manifest.path.startsWith(folder))
        parts.push({ owner: target.browser, files: [file], folders: [], registry: [] })
    } catch {
      // No manifest there, or not ours.
    }
  }
  const own = ['vigie-companion', 'vigie-companion.mjs'].map((n) => join(folder, n)).filter((f) => existsSync(f))
  if (parts.length === 0 && own.length === 0) return null
  return {
    format: 1,
    version: 'legacy',
    folder,
    parts: [{ owner: COMPANION_OWNER, files: own, folders: [folder], registry: [] }, ...parts],
  }
}

/**
 * The only file names an install writes. Uninstall removes nothing else, whatever the record says (it is a file
 * in the user's folder: read back, it is input like any other).
 */
export const OWN_FILE = /^(?:dev\.vigie\.scanner(?:\.[a-z]+)?\.json|vigie-companion(?:\.mjs|\.cmd|\.exe|-sea)?)$/

/** Uninstalls. Returns one line per thing removed. */
export function applyUninstall(plan: UninstallPlan, recordPath: string, effects: Effects = realEffects): string[] {
  const lines: string[] = []
  for (const removal of plan.removals) {
    if (removal.kind === 'file') {
      if (!OWN_FILE.test(basename(removal.path))) {
        lines.push(`kept ${removal.path}: not a file install writes`)
        continue
      }
      if (!existsSync(removal.path)) continue
      rmSync(removal.path, { force: true })
      lines.push(`removed ${removal.path}`)
    } else if (removal.kind === 'registry') {
      try {
        effects.reg(regDelete(removal.key))
        lines.push(`removed HKCU\\${removal.key}`)
      } catch {
        // Already gone.
      }
    } else {
      if (!existsSync(removal.path)) continue
      // The record goes with the last part; a folder goes only when nothing else is left in it.
      if (plan.record === null && removal.path === dirname(recordPath)) rmSync(recordPath, { force: true })
      if (readdirSync(removal.path).length > 0) continue
      rmdirSync(removal.path)
      lines.push(`removed ${removal.path}/`)
    }
  }
  if (plan.record === null) rmSync(recordPath, { force: true })
  else writeAtomically(recordPath, (tmp) => writeFileSync(tmp, JSON.stringify(plan.record, null, 2) + '\n'), 0o644)
  return lines
}
