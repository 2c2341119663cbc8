// npm run companion:install / companion:uninstall / companion:build. Bundles the companion (src/companion/main.ts,
// with the scanner and valibot) into one .mjs for Node, so that the browser starts it fast, and the installer
// beside it; then runs the installer with the command line's arguments.
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const out = resolve(root, 'dist/companion')

/** One self-contained file per entry: nothing is resolved from node_modules, no shared chunk to copy along. */
async function bundleOne(name, entry, empty) {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    publicDir: false,
    build: {
      ssr: true,
      outDir: out,
      emptyOutDir: empty,
      target: 'node20',
      minify: true,
      sourcemap: false,
      rollupOptions: {
        input: { [name]: resolve(root, entry) },
        output: { format: 'es', entryFileNames: '[name].mjs', codeSplitting: false },
      },
    },
    ssr: { noExternal: true, target: 'node' },
  })
}

export async function buildCompanion() {
  await bundleOne('vigie-companion', 'src/companion/main.ts', true)
  await bundleOne('install', 'src/companion/install.ts', false)
  return resolve(out, 'vigie-companion.mjs')
}

// Run as a script (not imported by the benchmark).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [command, ...args] = process.argv.slice(2)
  const bundle = await buildCompanion()
  if (command === 'build') {
    console.log(`built ${bundle}`)
  } else {
    const { main } = await import(pathToFileURL(resolve(out, 'install.mjs')).href)
    process.exitCode = main([command, ...args], bundle, resolve(root, 'dist/chrome'))
  }
}
