// Renders the icons, builds dist/chrome and dist/firefox from the one source tree, then a zip of each for the
// stores (fflate; sorted entries and fixed dates, so the same build gives the same bytes).
// With --test: the variant the browser tests load instead, in dist/test/chrome and dist/test/firefox (no zips),
// which alone honours the storage.local `serviceUrls` override pointing the online sources at local fakes.
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
  const entries = Object.fromEntries(
    files(folder).map((path) => [
      relative(folder, path).split(sep).join('/'),
      [readFileSync(path), { level: 9, mtime }],
    ]),
  )
  return zipSync(entries)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const test = process.argv.includes('--test')
  makeIcons()
  for (const target of ['chrome', 'firefox']) {
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TARGET: target, VIGIE_TEST_BUILD: test ? '1' : '0' },
    })
  }
  if (test) {
    console.log('built dist/test/chrome and dist/test/firefox (test variant, not for the stores)')
    process.exit(0)
  }
  for (const target of ['chrome', 'firefox']) {
    // The test-only override must never reach a store.
    const leaked = files(resolve(root, 'dist', target)).filter(
      (f) => f.endsWith('.js') && /serviceUrls|vigieTestAnswer|vigieTestManaged/.test(readFileSync(f, 'utf8')),
    )
    if (leaked.length > 0)
      throw new Error(`the store build carries the test-only serviceUrls override: ${leaked.join(', ')}`)
    const zip = resolve(root, 'dist', `vigie-${target}.zip`)
    rmSync(zip, { force: true })
    writeFileSync(zip, zipFolder(resolve(root, 'dist', target)))
    console.log(`built dist/${target} and dist/vigie-${target}.zip`)
  }
}
