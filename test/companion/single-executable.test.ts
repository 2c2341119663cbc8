/**
 * The single executable (issue #19): one file, a copy of node with the companion injected, that runs where no Node
 * is installed. Built into a temporary directory (about 95 MB), then run with an environment that has no `node`
 * anywhere: `env -i PATH=/nonexistent`.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildSea, thisTarget, VERSION } from '../../scripts/package-companion.mjs'
import { COMPANION_VERSION } from '../../src/companion/protocol.ts'
import { startWeakServer, type WeakServer } from '../e2e/weak-server.ts'
import { installAndDoctor, talk } from './host.ts'

const CALLER = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'
/** No node on PATH, no HOME, nothing inherited. */
const NO_NODE = { PATH: '/nonexistent' }

describe('the single executable vigie-companion-linux-x64', () => {
  const env = {} as { out: string; exe: string; weak: WeakServer }

  beforeAll(async () => {
    env.out = mkdtempSync(join(tmpdir(), 'vigie-sea-'))
    const started = performance.now()
    env.exe = await buildSea(env.out)
    console.log(
      `single executable: ${(statSync(env.exe).size / 1024 / 1024).toFixed(1)} MiB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    env.weak = await startWeakServer({ leafDigest: 'sha256' })
  })
  afterAll(async () => {
    await env.weak?.close()
    if (env.out) rmSync(env.out, { recursive: true, force: true })
  })

  it('is built for this system only, and says so for another', async () => {
    expect(env.exe).toBe(join(env.out, `vigie-companion-${thisTarget()}`))
    await expect(buildSea(env.out, 'win-x64')).rejects.toThrow(/build it on win-x64 \(this is linux-x64\)/)
    expect(() => execFileSync('sh', ['-c', 'command -v node'], { env: NO_NODE })).toThrow()
  })

  it('prints its version, installs itself for a Chromium profile, and doctor’s round trip works, all without node', () => {
    expect(execFileSync(env.exe, ['--version'], { encoding: 'utf8', env: NO_NODE })).toContain(
      `vigie-companion ${VERSION} (protocol ${COMPANION_VERSION}`,
    )
    // The launcher the browser starts runs a copy of the executable, not the file in the build directory.
    const launcher = installAndDoctor(env.exe, [], env.out, NO_NODE)
    expect(launcher).not.toContain(env.out)
    expect(launcher).not.toContain(process.execPath)
  })

  it('answers hello and scans a weak server with no node on PATH', async () => {
    const { replies, code, stderr } = await talk(
      env.exe,
      [CALLER],
      [
        { type: 'hello', id: 1 },
        { type: 'scan', id: 2, host: 'localhost', port: env.weak.port, address: '127.0.0.1' },
      ],
      {
        ...NO_NODE,
        NODE_EXTRA_CA_CERTS: env.weak.caPem,
      },
    )
    expect(stderr).not.toMatch(/ExperimentalWarning|Single executable/i)
    expect(replies[0]).toMatchObject({ type: 'hello', id: 1, protocol: COMPANION_VERSION })
    expect(replies[1]).toMatchObject({
      type: 'scan-result',
      id: 2,
      facts: {
        protocols: { ssl3: true, tls1: true, tls1_3: true },
        weakSuites: { export: true, rc4: true },
        staticRsa: true,
        trust: { trusted: true },
      },
    })
    expect(code).toBe(0)
  })
})
