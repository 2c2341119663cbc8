/**
 * The companion's one entry: the native messaging host when a browser starts it (Chrome passes the calling
 * extension's origin, Firefox the manifest's path and the extension's id), the CLI otherwise (install, uninstall,
 * doctor; cli.ts). As a host: frames on stdin and stdout, logs on stderr (never stdout: a stray byte there breaks
 * the browser's framing); it exits when the browser closes stdin.
 *
 * Bundled into one self-contained file (scripts/companion.mjs), which install copies as it is: this module's own
 * file (import.meta.url), not process.argv[1], which may be a wrapper such as the npm package's bin. The same code
 * runs as a single executable (Node's SEA runs CommonJS: no top-level await here; a CommonJS build defines
 * import.meta.url from __filename), and then install copies the executable itself.
 */
import { createRequire } from 'node:module'
import { endianness, homedir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { scanHost } from '../scanner/index.ts'
import { isBrowserLaunch } from './args.ts'
import { realPath, runCli } from './cli.ts'
import { runHost } from './host.ts'
import type { Runtime } from './plan.ts'
import { COMPANION_PACKAGE_VERSION } from './version.ts'

const log = (line: string) => process.stderr.write(`vigie-companion: ${line}\n`)

/** Is this a single executable? `node:sea` exists from Node 20.12; older Nodes are never one. */
function isSingleExecutable(): boolean {
  try {
    const sea = createRequire(process.execPath)('node:sea') as { isSea?: () => boolean }
    return sea.isSea?.() === true
  } catch {
    return false
  }
}

async function host(args: string[]): Promise<number> {
  // console.log would corrupt the frames: route every console call to stderr.
  console.log = console.info = console.debug = (...parts: unknown[]) => log(parts.map(String).join(' '))
  log(
    `started for ${args.join(' ') || 'no caller named'} (companion ${COMPANION_PACKAGE_VERSION}, node ${process.version})`,
  )
  const code = await runHost({
    input: process.stdin,
    write: (frame) =>
      new Promise<void>((resolve, reject) => {
        process.stdout.write(frame, (error) => (error ? reject(error) : resolve()))
      }),
    scan: (target, { signal }) => scanHost(target, { signal }),
    log,
    endianness: endianness(),
    version: COMPANION_PACKAGE_VERSION,
  })
  log(`stopping (${code === 0 ? 'the browser closed the connection' : 'unreadable input'})`)
  return code
}

/** How the user ran us, for the commands we print: npx, a clone's npm script, or the program's name. */
function installCommand(script: string): string {
  if (process.env.VIGIE_COMPANION_INSTALL_COMMAND) return process.env.VIGIE_COMPANION_INSTALL_COMMAND
  if (/[\\/]_npx[\\/]/.test(script)) return 'npx vigie-companion install'
  return 'vigie-companion install'
}

function main(): Promise<number> {
  const sea = isSingleExecutable()
  const args = process.argv.slice(2)
  if (isBrowserLaunch(args, process.stdin.isTTY === true)) return host(args)
  // `vigie-companion doctor | head -1`: a reader that stops early is not a crash; the exit status stays the command's.
  process.stdout.on('error', () => {})
  const script = sea ? process.execPath : realPath(fileURLToPath(import.meta.url))
  const runtime: Runtime = sea
    ? { kind: 'sea', executable: realPath(process.execPath) }
    : { kind: 'script', node: realPath(process.execPath), script }
  const os = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux'
  return runCli(args, {
    os,
    home: homedir(),
    env: process.env,
    runtime,
    version: COMPANION_PACKAGE_VERSION,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    installCommand: installCommand(script),
    installAddsId: process.env.VIGIE_COMPANION_INSTALL_COMMAND !== undefined,
    ...(process.env.VIGIE_COMPANION_NAME ? { name: process.env.VIGIE_COMPANION_NAME } : {}),
  })
}

main().then(
  (code) => {
    process.exitCode = code
    // The host must stop even if a socket lingers; the CLI has nothing left to wait for.
    if (code !== 0 || isBrowserLaunch(process.argv.slice(2), process.stdin.isTTY === true)) process.exit(code)
  },
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    process.exit(1)
  },
)
