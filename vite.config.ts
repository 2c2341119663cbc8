/**
 * One source tree, two builds: TARGET=chrome (service worker) or TARGET=firefox (event page, gecko settings,
 * blocking webRequest for getSecurityInfo). `npm run build` runs both; see scripts/build.mjs.
 */
import { crx, type ManifestV3Export } from '@crxjs/vite-plugin'
import preact from '@preact/preset-vite'
import { readFileSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { build, defineConfig, type Plugin } from 'vite'
import baseManifest from './manifest.json' with { type: 'json' }
import { GECKO_ID } from './src/companion/ids.ts'

const here = import.meta.dirname

export type Target = 'chrome' | 'firefox'

/** Firefox's id for Vigie: defined once, in src/companion/ids.ts (the companion's manifests allow it). */
export { GECKO_ID }

/** The Firefox variant of the one manifest.json. */
export function manifestFor(target: Target): ManifestV3Export {
  const manifest = structuredClone(baseManifest) as Record<string, unknown>
  // The content script is built on its own (see contentScript below), so crxjs does not see it.
  delete manifest.content_scripts
  if (target === 'chrome') return manifest as unknown as ManifestV3Export
  delete manifest.minimum_chrome_version
  // Firefox reads managed storage from enterprise policies (policies.json, "3rdparty") or a managed-storage
  // manifest, with no schema: values are validated at run time either way (src/settings.ts).
  delete manifest.storage
  manifest.permissions = [...baseManifest.permissions, 'webRequestBlocking']
  // Firefox puts a new extension's button in the overflow menu, where its badge is never seen: the toolbar.
  manifest.action = { ...baseManifest.action, default_area: 'navbar' }
  // Firefox MV3 has no service worker: an event page (crxjs writes its loader).
  manifest.background = { scripts: [baseManifest.background.service_worker], type: 'module' }
  manifest.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: '140.0',
      // Nothing leaves the browser by default; turning on an online source sends the host names of visited sites
      // to that service (README, "What is sent where").
      data_collection_permissions: { required: ['none'], optional: ['browsingActivity'] },
    },
    gecko_android: { strict_min_version: '142.0' },
  }
  return manifest as unknown as ManifestV3Export
}

/**
 * The content script runs on every page: it is built as one self-contained classic script (no loader, no
 * dynamic import, nothing exposed as a web-accessible resource that pages could probe), then declared in the
 * built manifest exactly as manifest.json declares it.
 */
function contentScript(): Plugin {
  return {
    name: 'vigie:content-script',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir!
      const [declared] = baseManifest.content_scripts
      await build({
        configFile: false,
        root: here,
        logLevel: 'warn',
        publicDir: false,
        build: {
          outDir,
          emptyOutDir: false,
          target: 'es2022',
          minify: true,
          lib: {
            entry: resolve(here, 'src', declared!.js[0]!),
            formats: ['iife'],
            name: 'vigie',
            fileName: () => 'content.js',
          },
        },
      })
      const path = resolve(outDir, 'manifest.json')
      const built = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
      built.content_scripts = [{ ...declared, js: ['content.js'] }]
      writeFileSync(path, JSON.stringify(built, null, 2) + '\n')
    },
  }
}

const target: Target = process.env.TARGET === 'firefox' ? 'firefox' : 'chrome'
/**
 * VIGIE_TEST_BUILD=1 (npm run build:test) builds the variant the browser tests load, into dist/test/<target>: the
 * same extension, plus the storage.local `serviceUrls` override that points the online sources at local fakes.
 * The store builds (npm run build, dist/<target>) carry no trace of it: the flag is false there and the code it
 * guards is dropped.
 */
const testBuild = process.env.VIGIE_TEST_BUILD === '1'

export default defineConfig({
  root: resolve(import.meta.dirname, 'src'),
  define: { __VIGIE_TEST_BUILD__: JSON.stringify(testBuild) },
  publicDir: resolve(import.meta.dirname, 'public'),
  build: {
    outDir: resolve(import.meta.dirname, 'dist', ...(testBuild ? ['test'] : []), target),
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: false,
    sourcemap: false,
    rollupOptions: {
      input: {
        popup: resolve(import.meta.dirname, 'src/popup.html'),
        options: resolve(import.meta.dirname, 'src/options.html'),
        report: resolve(import.meta.dirname, 'src/report.html'),
        setup: resolve(import.meta.dirname, 'src/setup.html'),
        welcome: resolve(import.meta.dirname, 'src/welcome.html'),
      },
    },
  },
  plugins: [preact(), crx({ manifest: manifestFor(target), browser: target }), contentScript()],
})
