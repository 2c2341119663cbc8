// Builds dist/chrome and dist/firefox from the one source tree, then a zip of each for the stores.
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { resolve } from 'node:path'

const root = resolve(import.meta.dirname, '..')
const vite = resolve(root, 'node_modules/vite/bin/vite.js')
for (const target of ['chrome', 'firefox']) {
  execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TARGET: target },
  })
}
mkdirSync(resolve(root, 'dist'), { recursive: true })
for (const target of ['chrome', 'firefox']) {
  const zip = resolve(root, 'dist', `vigie-${target}.zip`)
  rmSync(zip, { force: true })
  execFileSync(process.execPath, [resolve(root, 'scripts/zip.mjs'), resolve(root, 'dist', target), zip], {
    stdio: 'inherit',
  })
  console.log(`built dist/${target} and dist/vigie-${target}.zip`)
}
