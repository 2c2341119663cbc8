/**
 * `doctor`: for each browser, where its manifest is, whether it is valid, which extensions it allows, whether its
 * launcher exists, and a real round trip (the launcher started as the browser starts it, a `hello` frame sent, the
 * reply read). The judgement is pure (`diagnose`), from what `observe` saw, so every verdict is unit-tested.
 */
import { execFileSync, spawn } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'
import { endianness } from 'node:os'
import * as v from 'valibot'
import {
  BROWSERS,
  LINUX_SYSTEM_MANIFEST_FOLDERS,
  manifestFolder,
  pathFor,
  registryKey,
  targetLabel,
  targetName,
  type Target,
  type UserDirs,
} from './browsers.ts'
import { encodeFrame, FrameReader } from './framing.ts'
import { GECKO_ID } from './ids.ts'
import { COMPANION_NAME, CompanionReplySchema, MIN_COMPANION_PROTOCOL } from './protocol.ts'
import { parseRegQuery, regQuery } from './plan.ts'

export type RoundTrip = { ok: true; version: string; protocol: number; ms: number } | { ok: false; error: string }

/** What doctor saw for one target, before any judgement. */
export interface Observation {
  target: Target
  /** The manifest file (on Windows: the one the registry key names, or null when the key is missing). */
  manifestPath: string | null
  registryKey?: string
  /** The manifest's text, or why it could not be read ('missing' when there is no file). */
  manifest: { text: string } | { error: 'missing' | string }
  launcher: { path: string; exists: boolean; executable: boolean } | null
  roundTrip: RoundTrip | null
}

export interface Problem {
  reason: string
  fix: string
}

export interface Verdict {
  browser: string
  label: string
  ready: boolean
  manifest: string | null
  /** Whether a manifest is there at all. */
  found: boolean
  registryKey?: string
  valid: boolean
  allowed: string[]
  launcher: string | null
  roundTrip: RoundTrip | null
  problems: Problem[]
}

const ManifestSchema = v.object({
  name: v.string(),
  description: v.optional(v.string()),
  path: v.string(),
  type: v.string(),
  allowed_origins: v.optional(v.array(v.string())),
  allowed_extensions: v.optional(v.array(v.string())),
})
type Manifest = v.InferOutput<typeof ManifestSchema>

/** The manifest's own problems, as the browser would see them (an empty list: valid). */
export function manifestProblems(target: Target, manifest: Manifest, os: UserDirs['os']): string[] {
  const problems: string[] = []
  if (manifest.name !== COMPANION_NAME) problems.push(`its name is "${manifest.name}", not ${COMPANION_NAME}`)
  if (manifest.type !== 'stdio') problems.push(`its type is "${manifest.type}", not stdio`)
  if (!pathFor(os).isAbsolute(manifest.path)) problems.push(`its path "${manifest.path}" is not absolute`)
  if (BROWSERS[target.browser].family === 'firefox') {
    if (!manifest.allowed_extensions?.includes(GECKO_ID)) problems.push(`it does not allow ${GECKO_ID}`)
  } else {
    const origins = manifest.allowed_origins ?? []
    const bad = origins.filter((o) => !/^chrome-extension:\/\/[a-p]{32}\/$/.test(o))
    if (bad.length > 0) problems.push(`Chromium ignores the whole manifest for the origin ${JSON.stringify(bad[0])}`)
    else if (origins.length === 0) problems.push('it allows no extension')
  }
  return problems
}

function allowedOf(target: Target, manifest: Manifest): string[] {
  if (BROWSERS[target.browser].family === 'firefox') return manifest.allowed_extensions ?? []
  return (manifest.allowed_origins ?? []).map((o) => o.replace(/^chrome-extension:\/\/|\/$/g, ''))
}

export interface DiagnoseContext {
  os: UserDirs['os']
  /** The command that installs, as the user runs it ("vigie-companion install", "npm run companion:install --"). */
  installCommand: string
  /** Chromium ids the user asked about (doctor --extension-id): a manifest that does not allow one is "forbidden". */
  extensionIds: string[]
  /**
   * Whether install allows a Chromium extension with no --extension-id: a published id is built in, or a clone's
   * script adds the unpacked build's. If not, the fix for a Chromium browser must name an id.
   */
  knowsAnId: boolean
}

export function diagnose(o: Observation, ctx: DiagnoseContext): Verdict {
  const name = targetName(o.target)
  const label = targetLabel(o.target)
  const chromium = BROWSERS[o.target.browser].family === 'chromium'
  const ids = ctx.extensionIds.map((id) => ` --extension-id ${id}`).join('')
  const idHint =
    chromium && ids === '' && !ctx.knowsAnId
      ? " --extension-id ID   (ID: Vigie's id, on its setup page and in chrome://extensions)"
      : ''
  const reinstall = `${ctx.installCommand} --browser ${name}${chromium ? ids : ''}${idHint}`
  const verdict: Verdict = {
    browser: name,
    label,
    ready: false,
    manifest: o.manifestPath,
    found: !('error' in o.manifest && o.manifest.error === 'missing'),
    ...(o.registryKey ? { registryKey: o.registryKey } : {}),
    valid: false,
    allowed: [],
    launcher: o.launcher?.path ?? null,
    roundTrip: o.roundTrip,
    problems: [],
  }
  const problem = (reason: string, fix = reinstall) => verdict.problems.push({ reason, fix })
  if ('error' in o.manifest) {
    if (o.manifest.error === 'missing') {
      problem(
        o.registryKey && o.manifestPath === null
          ? `no registry key HKCU\\${o.registryKey}`
          : `no manifest at ${o.manifestPath}`,
      )
    } else problem(`cannot read the manifest ${o.manifestPath}: ${o.manifest.error}`)
    return verdict
  }
  let manifest: Manifest
  try {
    const parsed = v.safeParse(ManifestSchema, JSON.parse(o.manifest.text))
    if (!parsed.success) {
      problem(
        `the manifest ${o.manifestPath} lacks ${parsed.issues[0]?.path?.map((p) => String(p.key)).join('.') ?? 'a field'}`,
      )
      return verdict
    }
    manifest = parsed.output
  } catch {
    problem(`the manifest ${o.manifestPath} is not JSON`)
    return verdict
  }
  verdict.allowed = allowedOf(o.target, manifest)
  verdict.launcher = manifest.path
  const own = manifestProblems(o.target, manifest, ctx.os)
  for (const p of own) problem(`the manifest ${o.manifestPath}: ${p}`)
  verdict.valid = own.length === 0
  if (chromium) {
    for (const id of ctx.extensionIds) {
      if (!verdict.allowed.includes(id))
        problem(
          `the manifest does not allow the extension ${id}: the browser answers "Access to the specified native messaging host is forbidden"`,
        )
    }
  }
  if (o.launcher && !o.launcher.exists) problem(`the launcher ${o.launcher.path} is missing`)
  else if (o.launcher && !o.launcher.executable) problem(`the launcher ${o.launcher.path} is not executable`)
  else if (o.roundTrip && !o.roundTrip.ok) problem(`the companion did not answer hello: ${o.roundTrip.error}`)
  else if (o.roundTrip?.ok && o.roundTrip.protocol < MIN_COMPANION_PROTOCOL) {
    problem(
      `the companion ${o.roundTrip.version} speaks protocol ${o.roundTrip.protocol}; Vigie needs ${MIN_COMPANION_PROTOCOL}: update it`,
    )
  }
  verdict.ready = verdict.problems.length === 0 && o.roundTrip?.ok === true
  return verdict
}

/** The one-line text of a verdict, and its details. */
export function formatVerdict(verdict: Verdict): string[] {
  const lines: string[] = []
  if (verdict.ready && verdict.roundTrip?.ok) {
    lines.push(
      `${verdict.label}: ready (companion ${verdict.roundTrip.version}, protocol ${verdict.roundTrip.protocol}, answered in ${verdict.roundTrip.ms} ms)`,
    )
  } else {
    lines.push(`${verdict.label}: not ready`)
  }
  if (verdict.registryKey) lines.push(`  registry key  HKCU\\${verdict.registryKey}`)
  if (verdict.manifest && verdict.found)
    lines.push(`  manifest      ${verdict.manifest}${verdict.valid ? '' : ' (not valid)'}`)
  if (verdict.allowed.length > 0) lines.push(`  allows        ${verdict.allowed.join(', ')}`)
  if (verdict.launcher) lines.push(`  launcher      ${verdict.launcher}`)
  for (const p of verdict.problems) lines.push(`  problem: ${p.reason}`, `    fix: ${p.fix}`)
  return lines
}

// ---- What doctor looks at (effects) ----

export interface ObserveOptions {
  dirs: UserDirs
  profile?: string
  /** Windows: reads a registry key's default value (reg query), null when absent. */
  readRegistry?: (key: string) => string | null
  timeoutMs?: number
  /** Whether to fall back on the system-wide folder (Linux, when no --profile is given); tests turn it off. */
  systemWide?: boolean
}

export function readRegistryDefault(key: string): string | null {
  try {
    return parseRegQuery(
      execFileSync('reg.exe', regQuery(key), {
        encoding: 'utf8',
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    )
  } catch {
    return null
  }
}

export async function observe(target: Target, options: ObserveOptions): Promise<Observation> {
  const { dirs } = options
  let manifestPath: string | null
  let key: string | undefined
  if (dirs.os === 'win32') {
    key = registryKey(target.browser)
    manifestPath = (options.readRegistry ?? readRegistryDefault)(key)
  } else {
    manifestPath = pathFor(dirs.os).join(manifestFolder(target, dirs, options.profile), `${COMPANION_NAME}.json`)
    // No per-user manifest: the browser reads its system-wide one next (the Debian package's), and so does doctor.
    const system = `${LINUX_SYSTEM_MANIFEST_FOLDERS[target.browser]}/${COMPANION_NAME}.json`
    const systemWide = options.systemWide ?? (dirs.os === 'linux' && !target.flatpak && options.profile === undefined)
    if (systemWide && !existsSync(manifestPath) && existsSync(system)) manifestPath = system
  }
  const base = { target, manifestPath, ...(key ? { registryKey: key } : {}) }
  if (manifestPath === null || !existsSync(manifestPath))
    return { ...base, manifest: { error: 'missing' }, launcher: null, roundTrip: null }
  let text: string
  try {
    text = readFileSync(manifestPath, 'utf8')
  } catch (error) {
    return { ...base, manifest: { error: (error as Error).message }, launcher: null, roundTrip: null }
  }
  let launcherPath: string | null = null
  let firstOrigin: string | null = null
  try {
    const m = JSON.parse(text) as { path?: unknown; allowed_origins?: unknown }
    if (typeof m.path === 'string') launcherPath = m.path
    if (Array.isArray(m.allowed_origins))
      firstOrigin = m.allowed_origins.find((o): o is string => typeof o === 'string') ?? null
  } catch {
    // diagnose() says the manifest is not JSON.
  }
  if (launcherPath === null) return { ...base, manifest: { text }, launcher: null, roundTrip: null }
  const exists = existsSync(launcherPath)
  let executable = false
  try {
    accessSync(launcherPath, dirs.os === 'win32' ? constants.R_OK : constants.X_OK)
    executable = true
  } catch {
    executable = false
  }
  const launcher = { path: launcherPath, exists, executable }
  if (!exists || !executable) return { ...base, manifest: { text }, launcher, roundTrip: null }
  // The arguments the browser passes: Chrome the caller's origin, Firefox the manifest's path and the extension's id.
  const args =
    BROWSERS[target.browser].family === 'firefox'
      ? [manifestPath, GECKO_ID]
      : [firstOrigin ?? 'chrome-extension://doctor/']
  const roundTrip = await helloRoundTrip(launcherPath, args, options.timeoutMs ?? 10_000)
  return { ...base, manifest: { text }, launcher, roundTrip }
}

/** Starts the launcher as the browser does, sends `hello`, reads one reply frame. Never throws. */
export function helloRoundTrip(launcher: string, args: string[], timeoutMs: number): Promise<RoundTrip> {
  const started = performance.now()
  const order = endianness()
  return new Promise((resolve) => {
    let settled = false
    let stderr = ''
    const done = (result: RoundTrip) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      child.stdin?.end()
      // The companion exits once its input closes; a stuck one is not left behind.
      setTimeout(() => child.kill(), 2000).unref()
      resolve(result)
    }
    // Windows: Chrome runs a .cmd through cmd.exe; so do we (a .cmd cannot be started directly).
    const child =
      process.platform === 'win32'
        ? spawn(
            process.env.ComSpec ?? 'cmd.exe',
            ['/d', '/s', '/c', `"${[launcher, ...args].map((a) => `"${a}"`).join(' ')}"`],
            { windowsVerbatimArguments: true, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true },
          )
        : spawn(launcher, args, { stdio: ['pipe', 'pipe', 'pipe'] })
    const timer = setTimeout(
      () =>
        done({ ok: false, error: `no reply within ${timeoutMs / 1000} s${stderr ? ` (${lastLine(stderr)})` : ''}` }),
      timeoutMs,
    )
    const reader = new FrameReader(order, 1024 * 1024)
    child.on('error', (error) => done({ ok: false, error: `cannot start it: ${error.message}` }))
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000)
    })
    child.stdout.on('data', (chunk: Buffer) => {
      for (const event of reader.push(chunk)) {
        if (event.kind !== 'message') return done({ ok: false, error: 'it answered something that is not a message' })
        const reply = v.safeParse(CompanionReplySchema, event.value)
        if (!reply.success) return done({ ok: false, error: 'it answered something that is not a companion reply' })
        if (reply.output.type !== 'hello') {
          // A companion older than protocol 2 knows no hello: it says bad-request.
          return done({
            ok: false,
            error: `it does not know hello (answered ${reply.output.type}${reply.output.type === 'error' ? `: ${reply.output.message}` : ''}): it is older than protocol 2`,
          })
        }
        return done({
          ok: true,
          version: reply.output.version,
          protocol: reply.output.protocol,
          ms: Math.round(performance.now() - started),
        })
      }
    })
    child.on('exit', (code, signal) => {
      // Give a last frame in flight its chance, then say how it ended.
      setTimeout(
        () =>
          done({
            ok: false,
            error: `it exited (${signal ?? `code ${code}`}) without answering${stderr ? `: ${lastLine(stderr)}` : ''}`,
          }),
        50,
      )
    })
    child.stdin.on('error', () => {})
    child.stdin.write(encodeFrame({ type: 'hello', id: 'doctor' }, order)!)
  })
}

const lastLine = (text: string) => text.trim().split('\n').at(-1)?.slice(0, 200) ?? ''
