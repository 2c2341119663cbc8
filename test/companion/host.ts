/**
 * Talking to a packaged companion as a browser does: native messaging frames (a 32-bit length in this machine's byte
 * order, then UTF-8 JSON) on its stdin, the replies read from its stdout, stdin closed once every request is answered.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { endianness, tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'vitest'
import { COMPANION_NAME } from '../../src/companion/protocol.ts'

/** A store-like Chrome extension id for the installs below (no browser runs them). */
const ID = 'ponmlkjihgfedcbaponmlkjihgfedcba'

function frame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message))
  const head = Buffer.alloc(4)
  if (endianness() === 'LE') head.writeUInt32LE(body.length)
  else head.writeUInt32BE(body.length)
  return Buffer.concat([head, body])
}

function readFrames(bytes: Buffer): unknown[] {
  const out: unknown[] = []
  let at = 0
  while (at + 4 <= bytes.length) {
    const length = endianness() === 'LE' ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at)
    if (at + 4 + length > bytes.length) break
    out.push(JSON.parse(bytes.subarray(at + 4, at + 4 + length).toString('utf8')))
    at += 4 + length
  }
  return out
}

export interface HostRun {
  replies: Array<Record<string, unknown>>
  stderr: string
  code: number | null
}

/**
 * Starts `command args` (as the browser would, with the caller's origin as argument), sends `requests`, waits for
 * as many replies as requests, then closes stdin and waits for the exit.
 */
export function talk(
  command: string,
  args: string[],
  requests: unknown[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 45_000,
): Promise<HostRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] })
    const out: Buffer[] = []
    let stderr = ''
    let closed = false
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`no answer to every request in ${timeoutMs} ms; stderr: ${stderr}`))
    }, timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => {
      out.push(chunk)
      if (!closed && readFrames(Buffer.concat(out)).length >= requests.length) {
        closed = true
        child.stdin.end()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ replies: readFrames(Buffer.concat(out)) as Array<Record<string, unknown>>, stderr, code })
    })
    for (const request of requests) child.stdin.write(frame(request))
  })
}

/**
 * `install --browser chromium --profile P --extension-id ID --home H`, then `doctor` on the same places: the manifest
 * allows ID and names a launcher outside `prefix` (never the package's own files), doctor exits 0. Returns the launcher's text.
 */
export function installAndDoctor(
  command: string,
  args: string[],
  prefix: string,
  env: NodeJS.ProcessEnv = process.env,
): string {
  const profile = mkdtempSync(join(tmpdir(), 'vigie-profile-'))
  const home = mkdtempSync(join(tmpdir(), 'vigie-home-'))
  try {
    const where = ['--browser', 'chromium', '--profile', profile, '--home', home]
    const printed = execFileSync(command, [...args, 'install', ...where, '--extension-id', ID], {
      encoding: 'utf8',
      env,
    })
    const manifestFile = join(profile, 'NativeMessagingHosts', `${COMPANION_NAME}.json`)
    expect(printed).toContain(manifestFile)
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { path: string; allowed_origins: string[] }
    expect(manifest.allowed_origins).toContain(`chrome-extension://${ID}/`)
    expect(manifest.path.startsWith(prefix)).toBe(false)
    const doctor = spawnSync(command, [...args, 'doctor', ...where], { encoding: 'utf8', env })
    expect(doctor.status, doctor.stdout + doctor.stderr).toBe(0)
    return readFileSync(manifest.path, 'utf8')
  } finally {
    for (const dir of [profile, home]) rmSync(dir, { recursive: true, force: true })
  }
}
