// npm run companion:install / companion:uninstall / companion:doctor / companion:build, from a clone. Bundles the
// companion (src/companion/main.ts: the host and its CLI, with the scanner and valibot) into one self-contained
// file, dist/companion/vigie-companion.mjs, then runs that file's CLI with the command line's arguments, as
// `vigie-companion install ...` would. From a clone, install also allows the unpacked dist/chrome build's id when no
// --extension-id is given (Chromium derives an unpacked extension's id from its folder's path).
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'
import { unpackedExtensionId } from './extension-id.mjs'

const root = resolve(import.meta.dirname, '..')
const out = resolve(root, 'dist/companion')

/**
 * One self-contained file: nothing is resolved from node_modules, no shared chunk to copy along (install copies
 * this one file). Node 18 syntax, for the Node of Debian 12 and Ubuntu LTS; a shebang, for npm's bin.
 */
export async function buildCompanion(outDir = out) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: false,
      target: 'node18',
      minify: true,
      sourcemap: false,
      rollupOptions: {
        input: { 'vigie-companion': resolve(root, 'src/companion/main.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs', codeSplitting: false, banner: '#!/usr/bin/env node' },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  })
  return resolve(outDir, 'vigie-companion.mjs')
}

// Run as a script (not imported by the benchmark).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [command = '--help', ...args] = process.argv.slice(2)
  const bundle = await buildCompanion()
  if (command === 'build') {
    console.log(`built ${bundle}`)
  } else {
    const chromeDist = resolve(root, 'dist/chrome')
    const extra = []
    if (
      command === 'install' &&
      !args.includes('--extension-id') &&
      !args.some((a) => a.startsWith('--extension-id=')) &&
      !args.includes('--help')
    ) {
      if (existsSync(chromeDist)) {
        const id = unpackedExtensionId(chromeDist)
        extra.push('--extension-id', id)
        console.log(
          `Chromium browsers: allowing the unpacked extension in ${chromeDist} (id ${id}); pass --extension-id for another.`,
        )
      } else {
        console.log(
          `No ${chromeDist}: run npm run build first to allow the unpacked extension, or pass --extension-id ID.`,
        )
      }
    }
    const run = spawnSync(process.execPath, [bundle, command, ...args, ...extra], {
      stdio: 'inherit',
      env: { ...process.env, VIGIE_COMPANION_INSTALL_COMMAND: 'npm run companion:install --' },
    })
    process.exitCode = run.status ?? 1
  }
}
