/**
 * The launcher the browser runs: a shell script on Linux and macOS, a .cmd on Windows. Pure text.
 *
 * Browsers start hosts with their own environment, not the user's shell's: the launcher names the runtime by its
 * absolute path (no PATH lookup), and drops the variables that would make Node load other code or weaken its TLS
 * checks before the companion's first line runs (issue #21):
 * - NODE_OPTIONS (--require, --import, --inspect: code or a debugger in the companion), NODE_PATH (where bare
 *   imports resolve; the bundle has none, dropped so it never matters), NODE_REPL_EXTERNAL_MODULE, NODE_ICU_DATA
 *   (data files Node loads), NODE_REDIRECT_WARNINGS and NODE_V8_COVERAGE (files Node writes),
 *   NODE_TLS_REJECT_UNAUTHORIZED (0 turns off certificate checks), OPENSSL_CONF, OPENSSL_ENGINES and
 *   OPENSSL_MODULES (OpenSSL loads engines and providers, i.e. code, from them), LD_PRELOAD and
 *   DYLD_INSERT_LIBRARIES (libraries loaded into Node itself);
 * - kept: NODE_EXTRA_CA_CERTS, SSL_CERT_FILE and SSL_CERT_DIR only add or choose what to trust, and README promises
 *   that a root given to the browser reaches the scanner's trust check; LD_LIBRARY_PATH, because a runtime
 *   installed in its own prefix may need it to start at all (it takes a library the runtime asks for by name, it
 *   does not add one); PATH, HOME and the locale, which the companion needs as any program does.
 */
import { win32 } from 'node:path'

export const CLEARED_VARIABLES = [
  'NODE_OPTIONS',
  'NODE_PATH',
  'NODE_REPL_EXTERNAL_MODULE',
  'NODE_ICU_DATA',
  'NODE_REDIRECT_WARNINGS',
  'NODE_V8_COVERAGE',
  'NODE_TLS_REJECT_UNAUTHORIZED',
  'OPENSSL_CONF',
  'OPENSSL_ENGINES',
  'OPENSSL_MODULES',
  'LD_PRELOAD',
  'DYLD_INSERT_LIBRARIES',
] as const

/** What the launcher runs: `node` and the bundled script, or the single executable alone. */
export type Exec = { runtime: string; script?: string }

/** A word quoted for /bin/sh: inside single quotes nothing is special but the quote itself. */
export const shQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

export function shellLauncher(exec: Exec, version: string): string {
  const words = [exec.runtime, ...(exec.script ? [exec.script] : [])].map(shQuote).join(' ')
  return [
    '#!/bin/sh',
    `# Vigie's companion ${version}, started by the browser (native messaging). Written by vigie-companion install.`,
    '# Drops what would load other code into Node or weaken its TLS checks; keeps what only adds trusted roots.',
    `unset ${CLEARED_VARIABLES.join(' ')}`,
    `exec ${words} "$@"`,
    '',
  ].join('\n')
}

/**
 * A path for a .cmd file: quoted (spaces), `%` doubled (cmd expands %NAME% even inside quotes), and a path under the
 * user's profile or our own folder written relative to %USERPROFILE% or %~dp0: cmd reads a .cmd file in the console's
 * code page, not UTF-8, so a user name like "Zoë Dupont" written literally would name another folder. Those two
 * expand at run time, in Unicode. Returns whether a non-ASCII letter is still written literally.
 */
export function cmdPath(path: string, folder: string, userProfile: string): { text: string; literalNonAscii: boolean } {
  const under = (base: string) => {
    const prefix = base.endsWith('\\') ? base : `${base}\\`
    return path.toLowerCase().startsWith(prefix.toLowerCase()) ? path.slice(prefix.length) : null
  }
  const escape = (s: string) => s.replace(/%/g, '%%')
  // %~dp0 ends with a backslash already.
  const inFolder = under(folder)
  if (inFolder !== null) return { text: `"%~dp0${escape(inFolder)}"`, literalNonAscii: /[^\x20-\x7e]/.test(inFolder) }
  const inProfile = under(userProfile)
  if (inProfile !== null)
    return { text: `"%USERPROFILE%\\${escape(inProfile)}"`, literalNonAscii: /[^\x20-\x7e]/.test(inProfile) }
  return { text: `"${escape(path)}"`, literalNonAscii: /[^\x20-\x7e]/.test(path) }
}

/** The Windows launcher. `folder` is where it lives; `userProfile` is %USERPROFILE% as seen now. */
export function cmdLauncher(exec: Exec, folder: string, userProfile: string, version: string): string {
  const parts = [exec.runtime, ...(exec.script ? [exec.script] : [])].map((p) =>
    cmdPath(win32.normalize(p), folder, userProfile),
  )
  const lines = ['@echo off']
  // Only when a literal path still holds a non-ASCII letter: read the rest of this file as UTF-8.
  if (parts.some((p) => p.literalNonAscii)) lines.push('chcp 65001 >nul')
  lines.push(
    `rem Vigie's companion ${version}, started by the browser (native messaging). Written by vigie-companion install.`,
    'rem Drops what would load other code into Node or weaken its TLS checks; keeps what only adds trusted roots.',
    'setlocal DisableDelayedExpansion',
    ...CLEARED_VARIABLES.filter((v) => !v.startsWith('LD_') && !v.startsWith('DYLD_')).map((v) => `set "${v}="`),
    `${parts.map((p) => p.text).join(' ')} %*`,
    '',
  )
  return lines.join('\r\n')
}
