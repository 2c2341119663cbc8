/**
 * The npm package (issue #19, `npm run package:companion`): what `npx vigie-companion` gets. Built into a temporary
 * directory, installed offline into an empty prefix as `npm install -g` would, then run as the browser runs it, on
 * this Node and on the oldest Node it claims (18.19.0, from the npm registry); an older Node gets a clear refusal.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installOffline } from '../support/npm.ts'
import { MIN_NODE, packNpm, VERSION } from '../../scripts/package-companion.mjs'
import { COMPANION_VERSION } from '../../src/companion/protocol.ts'
import { startWeakServer, type WeakServer } from '../e2e/weak-server.ts'
import { installAndDoctor, talk } from './host.ts'
import { nodeBinary } from './old-node.ts'

const CALLER = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/'

describe('the npm package vigie-companion', () => {
  const env = {} as { out: string; tgz: string; prefix: string; bin: string; weak: WeakServer; installMs: number }

  beforeAll(async () => {
    env.out = mkdtempSync(join(tmpdir(), 'vigie-npm-'))
    const started = performance.now()
    env.tgz = await packNpm(env.out)
    console.log(
      `npm package: ${(readFileSync(env.tgz).length / 1024).toFixed(0)} KiB, built in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    )
    env.prefix = mkdtempSync(join(tmpdir(), 'vigie-prefix-'))
    const install = performance.now()
    installOffline(env.tgz, env.prefix)
    env.installMs = performance.now() - install
    console.log(`npm install -g --offline: ${Math.round(env.installMs)} ms`)
    env.bin = join(env.prefix, 'bin/vigie-companion')
    env.weak = await startWeakServer({ leafDigest: 'sha256' })
  })
  afterAll(async () => {
    await env.weak?.close()
    for (const dir of [env.out, env.prefix]) if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('is named vigie-companion, has its bin, and no dependencies or install scripts', () => {
    const manifest = JSON.parse(
      execFileSync('tar', ['-xzOf', env.tgz, 'package/package.json'], { encoding: 'utf8' }),
    ) as Record<string, unknown>
    expect(env.tgz.endsWith(`vigie-companion-${VERSION}.tgz`)).toBe(true)
    expect(manifest).toMatchObject({
      name: 'vigie-companion',
      version: VERSION,
      bin: { 'vigie-companion': 'bin/vigie-companion.cjs' },
      engines: { node: `>=${MIN_NODE.join('.')}` },
    })
    for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'scripts', 'bundleDependencies'])
      expect(manifest[key]).toBeUndefined()
    const files = execFileSync('tar', ['-tzf', env.tgz], { encoding: 'utf8' }).trim().split('\n').sort()
    expect(files).toEqual([
      'package/README.md',
      'package/bin/vigie-companion.cjs',
      'package/lib/vigie-companion.mjs',
      'package/package.json',
    ])
  })

  it('installs offline into an empty prefix, and its command answers hello as the host', async () => {
    expect(existsSync(env.bin)).toBe(true)
    expect(realpathSync(env.bin)).toBe(join(env.prefix, 'lib/node_modules/vigie-companion/bin/vigie-companion.cjs'))
    const { replies, code } = await talk(env.bin, [CALLER], [{ type: 'hello', id: 1 }], process.env)
    expect(replies).toEqual([expect.objectContaining({ type: 'hello', id: 1, protocol: COMPANION_VERSION })])
    expect(code).toBe(0)
  })

  it(`scans on Node ${MIN_NODE.join('.')}.0, the oldest it claims (Debian 12 and Ubuntu 24.04 ship 18.19)`, async () => {
    const node = nodeBinary(`${MIN_NODE.join('.')}.0`)
    expect(execFileSync(node, ['--version'], { encoding: 'utf8' }).trim()).toBe(`v${MIN_NODE.join('.')}.0`)
    const entry = join(env.prefix, 'lib/node_modules/vigie-companion/bin/vigie-companion.cjs')
    const { replies, stderr } = await talk(
      node,
      [entry, CALLER],
      [
        { type: 'hello', id: 1 },
        { type: 'scan', id: 2, host: 'localhost', port: env.weak.port, address: '127.0.0.1' },
      ],
      {
        PATH: '/nonexistent',
        NODE_EXTRA_CA_CERTS: env.weak.caPem,
      },
    )
    expect(stderr).toContain(`node v${MIN_NODE.join('.')}.0`)
    expect(replies[0]).toMatchObject({ type: 'hello', protocol: COMPANION_VERSION, node: `v${MIN_NODE.join('.')}.0` })
    expect(replies[1]).toMatchObject({
      type: 'scan-result',
      id: 2,
      facts: {
        protocols: { ssl3: true, tls1: true, tls1_3: true },
        weakSuites: { export: true, rc4: true },
        trust: { trusted: true, nameMatches: true },
      },
    })
  })

  it('prints its version, installs for a Chromium profile outside the prefix, and doctor finds it ready', () => {
    expect(execFileSync(env.bin, ['--version'], { encoding: 'utf8' })).toContain(
      `vigie-companion ${VERSION} (protocol ${COMPANION_VERSION}`,
    )
    installAndDoctor(env.bin, [], env.prefix)
  })

  it(`installs and passes doctor on Node ${MIN_NODE.join('.')}.0 too (the launcher runs that node)`, () => {
    const node = nodeBinary(`${MIN_NODE.join('.')}.0`)
    const launcher = installAndDoctor(
      node,
      [join(env.prefix, 'lib/node_modules/vigie-companion/bin/vigie-companion.cjs')],
      env.prefix,
    )
    expect(launcher).toContain(realpathSync(node))
  })

  it('refuses Ubuntu 22.04’s Node 12.22 with a message that names the single executable', () => {
    const node = nodeBinary('12.22.9')
    const result = spawnSync(
      node,
      [join(env.prefix, 'lib/node_modules/vigie-companion/bin/vigie-companion.cjs'), '--version'],
      { encoding: 'utf8', input: '' },
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain(`vigie-companion needs Node.js ${MIN_NODE.join('.')} or newer`)
    expect(result.stderr).toContain('is Node.js 12.22.9')
    expect(result.stderr).toContain('vigie-companion-linux-x64')
  })
})
