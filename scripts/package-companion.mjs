// npm run package:companion: the companion for people without a clone (issue #19), three ways, into dist/companion/:
//   vigie-companion-<version>.tgz    an npm package (`npx vigie-companion install`), for any Node >= 18.19;
//   vigie-companion_<version>_all.deb  a Debian package that installs the host system-wide (depends on nodejs);
//   vigie-companion-<target>          a Node single executable application, which needs no Node at all.
// Options: --only npm,deb,sea (default all three), --target linux-x64|darwin-arm64|darwin-x64|win-x64 (the single
// executable; default this computer, and only this computer: it is a copy of the node binary that runs the script),
// --out DIR (default dist/companion), --extension-id ID (repeatable: one more Chrome extension the .deb's manifests
// allow, beside the published ones; the browser tests use it for their own key's id).
// The tests import the functions below and build into their own directories.
import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { arch, platform, tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = resolve(import.meta.dirname, '..')
export const DEFAULT_OUT = join(root, 'dist/companion')
export const VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version
export const PACKAGE_NAME = 'vigie-companion'
/**
 * The oldest Node the npm and Debian packages claim, and the target the bundle is lowered to: Ubuntu 24.04's own
 * nodejs is 18.19.1, Debian 12's 18.19.0 (18.20.4 with its security updates). test/companion/node18.test.ts runs the
 * package on 18.19.0 from the npm registry. Ubuntu 22.04's 12.22 is refused with a message (bin wrapper below).
 */
export const MIN_NODE = [18, 19]
const ENTRY = join(root, 'src/companion/main.ts')

/** The host's name, from the companion's contract (src/companion/protocol.ts), and the ids its manifests allow. */
async function companionFacts() {
  const names = await importTs(join(root, 'src/companion/protocol.ts'))
  // The published store ids live in src/companion/ids.ts (STORE_EXTENSION_IDS, set at release); before it existed,
  // the Firefox id was in install.ts and Chrome had no published id.
  const idsFile = join(root, 'src/companion/ids.ts')
  const ids = existsSync(idsFile) ? await importTs(idsFile) : await importTs(join(root, 'src/companion/install.ts'))
  const chrome = ids.STORE_EXTENSION_IDS ?? []
  return { name: names.COMPANION_NAME, geckoId: ids.GECKO_ID, chromeIds: [...new Set(chrome)] }
}

/** Imports a TypeScript module of the project (bundled by rolldown into a temporary .mjs). */
async function importTs(file) {
  const { build } = await import('rolldown')
  const dir = mkdtempSync(join(tmpdir(), 'vigie-ts-'))
  try {
    await build({
      input: file,
      platform: 'node',
      logLevel: 'silent',
      output: { file: join(dir, 'module.mjs'), format: 'es' },
    })
    return await import(pathToFileURL(join(dir, 'module.mjs')).href)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * rolldown cannot write CommonJS from a module with top-level await (main.ts awaits the host's end), and Node 20's
 * single executables run CommonJS only. The entry alone is changed: its imports stay at the top, the rest of its
 * body runs in an async function, which is what top-level await means for a module nobody imports.
 */
function entryWithoutTopLevelAwait(entry) {
  return {
    name: 'vigie-entry-without-top-level-await',
    async transform(code, id) {
      if (resolve(id) !== entry) return null
      const { parseAst } = await import('rolldown/parseAst')
      const program = parseAst(code, { lang: 'ts', sourceType: 'module' }, id)
      const imports = program.body.filter((node) => node.type === 'ImportDeclaration')
      if (program.body.some((node) => node.type.startsWith('Export')))
        throw new Error(`${id}: an entry with exports cannot be wrapped`)
      const end = imports.length > 0 ? imports.at(-1).end : 0
      return { code: `${code.slice(0, end)}\n;void (async () => {\n${code.slice(end)}\n})()\n`, map: null }
    },
  }
}

/**
 * Bundles the companion (host and command line, with the scanner and valibot) into one file with nothing to resolve
 * at run time: ES module for the npm and Debian packages, CommonJS for the single executable.
 */
export async function bundleCompanion(file, format = 'es') {
  const { build } = await import('rolldown')
  mkdirSync(dirname(file), { recursive: true })
  await build({
    input: ENTRY,
    platform: 'node',
    logLevel: 'warn',
    transform: {
      target: `node${MIN_NODE.join('.')}`,
      // Node 18 has no global Web Crypto (`crypto` is global from Node 19; the scanner's hellos take their random
      // bytes from it): the same object, imported from node:crypto, wherever the code names the global.
      inject: { crypto: ['node:crypto', 'webcrypto'] },
      // Where the code looks for its own file: in CommonJS (the single executable) that is __filename.
      ...(format === 'cjs'
        ? {
            define: {
              'import.meta.url': 'require("node:url").pathToFileURL(__filename).href',
              'import.meta.dirname': '__dirname',
              'import.meta.filename': '__filename',
            },
          }
        : {}),
    },
    plugins: format === 'cjs' ? [entryWithoutTopLevelAwait(ENTRY)] : [],
    output: { file, format, minify: true, codeSplitting: false },
  })
  return file
}

/** Runs the bundle on Node older than MIN_NODE only to say so (Ubuntu 22.04's nodejs is 12.22): ES5, no imports. */
function binWrapper() {
  return `#!/usr/bin/env node
'use strict';
// vigie-companion's command (npm's "bin"). The companion itself is lib/vigie-companion.mjs; this file only refuses a
// Node.js too old to run it, with a message instead of a syntax error.
var need = [${MIN_NODE.join(', ')}];
var have = process.versions.node.split('.').map(Number);
if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1])) {
  process.stderr.write('vigie-companion needs Node.js ' + need.join('.') + ' or newer; ' + process.execPath + ' is Node.js ' + process.versions.node + '.\\n' +
    'Install a newer Node.js, or download the single executable (vigie-companion-linux-x64), which needs no Node.js.\\n');
  process.exit(1);
}
import('../lib/vigie-companion.mjs');
`
}

function run(command, args, options = {}) {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options })
}

/** The npm package: a directory made here, then `npm pack`. No dependencies, no install scripts. */
export async function packNpm(out = DEFAULT_OUT) {
  const dir = join(out, 'npm')
  rmSync(dir, { recursive: true, force: true })
  await bundleCompanion(join(dir, 'lib/vigie-companion.mjs'), 'es')
  mkdirSync(join(dir, 'bin'), { recursive: true })
  writeFileSync(join(dir, 'bin/vigie-companion.cjs'), binWrapper())
  chmodSync(join(dir, 'bin/vigie-companion.cjs'), 0o755)
  const manifest = {
    name: PACKAGE_NAME,
    version: VERSION,
    description:
      "Vigie's companion: the local TLS scanner that the Vigie browser extension talks to (native messaging host).",
    license: 'MPL-2.0',
    bin: { [PACKAGE_NAME]: 'bin/vigie-companion.cjs' },
    files: ['bin/', 'lib/', 'README.md'],
    engines: { node: `>=${MIN_NODE.join('.')}` },
    keywords: ['vigie', 'tls', 'native-messaging'],
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n')
  writeFileSync(
    join(dir, 'README.md'),
    `# vigie-companion\n\nThe companion of the Vigie browser extension: a local TLS scanner that the browser starts when Vigie asks\n(native messaging). It connects only to the server of the page you are on.\n\n\`\`\`sh\nnpx vigie-companion install      # for every browser found on this computer; prints what it wrote\nnpx vigie-companion doctor       # says, per browser, whether Vigie can reach it, and what to fix\nnpx vigie-companion uninstall    # removes what install wrote\n\`\`\`\n\nNeeds Node.js ${MIN_NODE.join('.')} or newer. No dependencies; nothing is downloaded at install or run time.\n`,
  )
  mkdirSync(out, { recursive: true })
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out, dir], { cwd: out }))
  return join(out, packed.filename)
}

/** Where browsers read host manifests for every user on Linux (PLATFORM.md "Native messaging", README). */
export const SYSTEM_MANIFEST_DIRS = {
  // Chromium's chrome/common/chrome_paths.cc (DIR_NATIVE_MESSAGING): Google Chrome branding reads /etc/opt/chrome,
  // every other build /etc/chromium; Brave changes nothing there (brave-core's chromium_src/chrome/common), so it
  // reads /etc/chromium too. Edge: Microsoft's native messaging guide. Vivaldi: /etc/opt/vivaldi (what packagers of
  // browserpass and gopass ship; Vivaldi's own source is not public). Firefox: /usr/lib/mozilla on Debian (lib64 on
  // Fedora, not a .deb's business), read by Debian's firefox-esr (test/e2e/companion-deb.e2e.test.ts).
  chrome: '/etc/opt/chrome/native-messaging-hosts',
  chromium: '/etc/chromium/native-messaging-hosts',
  edge: '/etc/opt/edge/native-messaging-hosts',
  vivaldi: '/etc/opt/vivaldi/native-messaging-hosts',
  firefox: '/usr/lib/mozilla/native-messaging-hosts',
}
/**
 * dpkg removes, on `dpkg -r`, every directory of a package that is empty and no other package owns: /etc/opt is
 * owned by none on Debian, so a package that ships /etc/opt/chrome/... takes /etc/opt away when removed (checked).
 * The manifests under /etc/opt are therefore written by postinst and removed by prerm, which never touches /etc/opt.
 */
const MAINTAINER_SCRIPT_BROWSERS = ['chrome', 'edge', 'vivaldi']

export const DEB_PREFIX = '/usr/lib/vigie-companion'

/** The Debian package (dpkg-deb --root-owner-group: root-owned files without fakeroot). */
export async function buildDeb(out = DEFAULT_OUT, { extensionIds = [] } = {}) {
  const facts = await companionFacts()
  const chromeIds = [...new Set([...facts.chromeIds, ...extensionIds])]
  const tree = join(out, 'deb')
  rmSync(tree, { recursive: true, force: true })
  const at = (path) => join(tree, path)
  const file = (path, text, mode = 0o644) => {
    mkdirSync(dirname(at(path)), { recursive: true })
    writeFileSync(at(path), text)
    chmodSync(at(path), mode)
  }
  await bundleCompanion(at(`${DEB_PREFIX}/vigie-companion.mjs`), 'es')
  chmodSync(at(`${DEB_PREFIX}/vigie-companion.mjs`), 0o644)
  // The browser starts hosts with its own PATH: the launcher names Debian's node by its absolute path.
  const launcher = `${DEB_PREFIX}/vigie-companion`
  // The same launcher as a per-user install's (src/companion/launcher.ts): it drops NODE_OPTIONS and the other
  // variables that would load code into Node or weaken its TLS checks before it starts Debian's node.
  const { shellLauncher } = await importTs(join(root, 'src/companion/launcher.ts'))
  file(
    launcher,
    shellLauncher({ runtime: '/usr/bin/node', script: `${DEB_PREFIX}/vigie-companion.mjs` }, VERSION),
    0o755,
  )
  mkdirSync(at('usr/bin'), { recursive: true })
  symlinkSync(`../lib/vigie-companion/vigie-companion`, at('usr/bin/vigie-companion'))
  const base = { name: facts.name, description: "Vigie's local TLS scanner", path: launcher, type: 'stdio' }
  const chromeManifest =
    JSON.stringify({ ...base, allowed_origins: chromeIds.map((id) => `chrome-extension://${id}/`) }, null, 2) + '\n'
  const firefoxManifest = JSON.stringify({ ...base, allowed_extensions: [facts.geckoId] }, null, 2) + '\n'
  file(`${SYSTEM_MANIFEST_DIRS.chromium}/${facts.name}.json`, chromeManifest)
  file(`${SYSTEM_MANIFEST_DIRS.firefox}/${facts.name}.json`, firefoxManifest)
  // The copy that postinst installs under /etc/opt for Chrome, Edge and Vivaldi.
  file(`${DEB_PREFIX}/chrome-host-manifest.json`, chromeManifest)
  const optManifests = MAINTAINER_SCRIPT_BROWSERS.map((b) => `${SYSTEM_MANIFEST_DIRS[b]}/${facts.name}.json`)
  file(
    'DEBIAN/postinst',
    `#!/bin/sh\n# Host manifests for the browsers that read /etc/opt (see scripts/package-companion.mjs: dpkg would remove /etc/opt itself).\nset -e\nif [ "$1" = configure ]; then\n${optManifests
      .map((m) => `  mkdir -p ${dirname(m)}\n  install -m 644 ${DEB_PREFIX}/chrome-host-manifest.json ${m}\n`)
      .join('')}fi\nexit 0\n`,
    0o755,
  )
  // prerm, not postrm: dpkg keeps a package with a postrm in the "config-files" state after dpkg -r (for its purge),
  // and dpkg -r should leave nothing, not even a line in dpkg -l.
  file(
    'DEBIAN/prerm',
    `#!/bin/sh\n# Removes what postinst wrote, and the directories it made once they are empty; never /etc/opt itself.\nset -e\nif [ "$1" = remove ]; then\n${optManifests
      .map(
        (m) =>
          `  rm -f ${m}\n  rmdir --ignore-fail-on-non-empty ${dirname(m)} ${dirname(dirname(m))} 2>/dev/null || true\n`,
      )
      .join('')}fi\nexit 0\n`,
    0o755,
  )
  file(
    `usr/share/doc/${PACKAGE_NAME}/copyright`,
    `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\nUpstream-Name: Vigie\n\nFiles: *\nLicense: MPL-2.0\n On Debian systems the full text is in /usr/share/common-licenses/MPL-2.0.\n`,
  )
  // Directories 0755 whatever the umask (a umask of 002 would make them group-writable in the package).
  for (const dir of run('find', [tree, '-type', 'd']).trim().split('\n')) chmodSync(dir, 0o755)
  const installedKiB = Math.ceil(Number(run('du', ['-sk', '--exclude=DEBIAN', tree]).split('\t')[0]))
  file(
    'DEBIAN/control',
    [
      `Package: ${PACKAGE_NAME}`,
      `Version: ${VERSION}`,
      'Architecture: all',
      'Section: web',
      'Priority: optional',
      // Placeholder until the release names a maintainer (README: releasing).
      'Maintainer: Vigie <vigie@vigie.dev>',
      `Depends: nodejs (>= ${MIN_NODE.join('.')})`,
      `Installed-Size: ${installedKiB}`,
      "Description: Vigie's companion: a local TLS scanner for the Vigie browser extension",
      ' The native messaging host that the Vigie extension asks to scan the server of the',
      ' page you are on, installed for every user and every browser of this computer:',
      ' Chrome, Chromium, Brave, Edge, Vivaldi and Firefox. It connects only to that server.',
      '',
    ].join('\n'),
  )
  const deb = join(out, `${PACKAGE_NAME}_${VERSION}_all.deb`)
  run('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', tree, deb])
  return deb
}

const TARGETS = ['linux-x64', 'darwin-arm64', 'darwin-x64', 'win-x64']
export const thisTarget = () => `${platform() === 'win32' ? 'win' : platform()}-${arch()}`

/**
 * The single executable (Node's "single executable applications", Node 20): the CommonJS bundle made into a blob by
 * `node --experimental-sea-config`, injected by postject into a copy of the node binary running this script. So it
 * can only be built for the system it runs on; .github/workflows/release-companion.yml builds the others.
 */
export async function buildSea(out = DEFAULT_OUT, target = thisTarget()) {
  if (!TARGETS.includes(target)) throw new Error(`unknown target ${target}: ${TARGETS.join(', ')}`)
  if (target !== thisTarget())
    throw new Error(
      `a single executable for ${target} is a copy of that system's node binary: build it on ${target} (this is ${thisTarget()})`,
    )
  const work = join(out, 'sea')
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  const main = await bundleCompanion(join(work, 'vigie-companion.cjs'), 'cjs')
  const blob = join(work, 'sea-prep.blob')
  writeFileSync(
    join(work, 'sea-config.json'),
    JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true }, null, 2),
  )
  run(process.execPath, ['--experimental-sea-config', join(work, 'sea-config.json')])
  const exe = join(out, `${PACKAGE_NAME}-${target}${target.startsWith('win') ? '.exe' : ''}`)
  rmSync(exe, { force: true })
  copyFileSync(process.execPath, exe)
  chmodSync(exe, 0o755)
  const mac = target.startsWith('darwin')
  if (mac) run('codesign', ['--remove-signature', exe])
  const postject = join(root, 'node_modules/postject/dist/cli.js')
  run(process.execPath, [
    postject,
    exe,
    'NODE_SEA_BLOB',
    blob,
    '--sentinel-fuse',
    'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    ...(mac ? ['--macho-segment-name', 'NODE_SEA'] : []),
  ])
  // macOS runs only signed code on arm64: an ad hoc signature (a release signs with a Developer ID instead).
  if (mac) run('codesign', ['--sign', '-', exe])
  return exe
}

function parseArgs(argv) {
  const options = { only: ['npm', 'deb', 'sea'], target: thisTarget(), out: DEFAULT_OUT, extensionIds: [] }
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]]
    if (value === undefined) throw new Error(`${flag} needs a value`)
    i++
    if (flag === '--only') options.only = value.split(',')
    else if (flag === '--target') options.target = value
    else if (flag === '--out') options.out = resolve(value)
    else if (flag === '--extension-id') options.extensionIds.push(value)
    else throw new Error(`unknown option ${flag}`)
  }
  return options
}

const size = (file) => `${(statSync(file).size / 1024 / 1024).toFixed(2)} MiB`

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  let options
  try {
    options = parseArgs(process.argv.slice(2))
  } catch (error) {
    console.error(
      `${error.message}\nusage: npm run package:companion -- [--only npm,deb,sea] [--target ${TARGETS.join('|')}] [--out DIR] [--extension-id ID]...`,
    )
    process.exit(2)
  }
  const steps = {
    npm: () => packNpm(options.out),
    deb: () => (platform() === 'linux' ? buildDeb(options.out, options) : null),
    sea: () => buildSea(options.out, options.target),
  }
  for (const name of options.only) {
    if (!steps[name]) throw new Error(`unknown artifact ${name}: npm, deb or sea`)
    const started = performance.now()
    const file = await steps[name]()
    if (file) console.log(`${file}  ${size(file)}  (${((performance.now() - started) / 1000).toFixed(1)} s)`)
    else console.log(`${name}: skipped on ${platform()}`)
  }
}
