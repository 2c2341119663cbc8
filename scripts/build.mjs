// Renders the icons, builds dist/chrome and dist/firefox from the one source tree, then a zip of each for the
// stores (fflate; sorted entries and fixed dates, so the same build gives the same bytes).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join, relative, resolve, sep } from 'node:path'
import { zipSync } from 'fflate'
import { makeIcons } from './make-icons.mjs'

const root = resolve(import.meta.dirname, '..')
const vite = resolve(root, 'node_modules/vite/bin/vite.js')

function files(dir) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))
}

/** A store-ready zip of a folder, byte for byte the same for the same files. */
export function zipFolder(folder) {
  const mtime = new Date(1980, 0, 1)
  const entries = Object.fromEntries(files(folder).map((path) => [relative(folder, path).split(sep).join('/'), [readFileSync(path), { level: 9, mtime }]]))
  return zipSync(entries)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  makeIcons()
  for (const target of ['chrome', 'firefox']) {
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, TARGET: target } })
  }
  for (const target of ['chrome', 'firefox']) {
    const zip = resolve(root, 'dist', `vigie-${target}.zip`)
    rmSync(zip, { force: true })
    writeFileSync(zip, zipFolder(resolve(root, 'dist', target)))
    console.log(`built dist/${target} and dist/vigie-${target}.zip`)
  }
}
