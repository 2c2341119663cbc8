/** The launcher, run for real by /bin/sh: what reaches Node of the browser's environment. */
import { execFileSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { shellLauncher } from '../../../src/companion/launcher.ts'

const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })))

it('drops NODE_OPTIONS and the like before Node starts, keeps NODE_EXTRA_CA_CERTS, and needs no PATH', () => {
  const dir = mkdtempSync(join(tmpdir(), "vigie launcher é'"))
  dirs.push(dir)
  const evil = join(dir, 'evil.cjs')
  const marker = join(dir, 'loaded')
  writeFileSync(evil, `require('node:fs').writeFileSync(${JSON.stringify(marker)}, 'x')\n`)
  const script = join(dir, 'companion.mjs')
  writeFileSync(script, 'console.log(JSON.stringify({ args: process.argv.slice(2), env: process.env }))\n')
  const launcher = join(dir, 'vigie-companion')
  writeFileSync(launcher, shellLauncher({ runtime: process.execPath, script }, 'test'))
  chmodSync(launcher, 0o755)
  const out = execFileSync(launcher, ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'], {
    cwd: '/',
    encoding: 'utf8',
    env: {
      PATH: '/nonexistent',
      NODE_OPTIONS: `--require ${evil}`,
      NODE_PATH: dir,
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
      OPENSSL_CONF: join(dir, 'openssl.cnf'),
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/extra.pem',
      SSL_CERT_DIR: '/etc/ssl/certs',
    },
  })
  const seen = JSON.parse(out) as { args: string[]; env: Record<string, string> }
  expect(existsSync(marker)).toBe(false)
  expect(seen.args).toEqual(['chrome-extension://abcdefghijklmnopabcdefghijklmnop/'])
  expect(Object.keys(seen.env)).not.toContain('NODE_OPTIONS')
  expect(Object.keys(seen.env)).not.toContain('NODE_PATH')
  expect(Object.keys(seen.env)).not.toContain('NODE_TLS_REJECT_UNAUTHORIZED')
  expect(Object.keys(seen.env)).not.toContain('OPENSSL_CONF')
  expect(seen.env).toMatchObject({ NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/extra.pem', SSL_CERT_DIR: '/etc/ssl/certs' })
})
