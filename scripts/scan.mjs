// `npm run scan`: runs the scanner's CLI (src/cli/scan.ts). The TypeScript sources are bundled by rolldown (the
// bundler inside vite) into node_modules/.cache/vigie/scan.mjs whenever a source is newer than the bundle, then
// imported: a start-up of about 0.1 s instead of 1.5 s through vite-node. Nothing of this is committed.
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '..')
const bundle = join(root, 'node_modules/.cache/vigie/scan.mjs')
const SOURCES = ['src/cli', 'src/scanner', 'src/core', 'public/_locales/en/messages.json', 'package-lock.json']

function newest(path) {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))))
}

function bundleTime() {
  try {
    return statSync(bundle).mtimeMs
  } catch {
    return -1
  }
}

if (bundleTime() < Math.max(...SOURCES.map((s) => newest(join(root, s))))) {
  const { build } = await import('rolldown')
  mkdirSync(join(root, 'node_modules/.cache/vigie'), { recursive: true })
  // Written aside, then renamed: two runs starting at once never import half a file.
  const temporary = `${bundle}.${process.pid}.mjs`
  await build({
    input: join(root, 'src/cli/scan.ts'),
    platform: 'node',
    logLevel: 'silent',
    output: { file: temporary, format: 'esm' },
  })
  renameSync(temporary, bundle)
}
await import(pathToFileURL(bundle).href)
