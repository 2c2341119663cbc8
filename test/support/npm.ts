/** Installs a packed npm package globally under `prefix`, offline, with an empty cache of its own there. */
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'

export function installOffline(tgz: string, prefix: string): void {
  // --offline with a fresh cache: the install succeeds only if the package needs nothing from the registry.
  execFileSync(
    'npm',
    [
      'install',
      '-g',
      '--offline',
      '--no-audit',
      '--no-fund',
      '--cache',
      join(prefix, '.npm-cache'),
      '--prefix',
      prefix,
      tgz,
    ],
    { stdio: 'pipe' },
  )
}
