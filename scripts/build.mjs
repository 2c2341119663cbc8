// Builds dist/chrome and dist/firefox from the one source tree, then a zip of each for the stores.
// With --test: the variant the browser tests load instead, in dist/test/chrome and dist/test/firefox (no zips),
// which alone honours the storage.local `serviceUrls` override pointing the online sources at local fakes.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const vite = resolve(root, 'node_modules/vite/bin/vite.js')
const test = process.argv.includes('--test')
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

/** Every file under a folder. */
const files = (dir) => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]))
mkdirSync(resolve(root, 'dist'), { recursive: true })
for (const target of ['chrome', 'firefox']) {
  // The test-only override must never reach a store.
  const leaked = files(resolve(root, 'dist', target)).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes('serviceUrls'))
  if (leaked.length > 0) throw new Error(`the store build carries the test-only serviceUrls override: ${leaked.join(', ')}`)
  const zip = resolve(root, 'dist', `vigie-${target}.zip`)
  rmSync(zip, { force: true })
  execFileSync(process.execPath, [resolve(root, 'scripts/zip.mjs'), resolve(root, 'dist', target), zip], {
    stdio: 'inherit',
  })
  console.log(`built dist/${target} and dist/vigie-${target}.zip`)
}
